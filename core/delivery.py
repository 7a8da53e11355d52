"""Delivery, per person: add the track, ask which version, or say what was heard."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable

from core import matching
from core.answers import answer_keys
from core.claims import claim_share
from core.destinations import GroupPlaylists, HostedPlaylists, shared_in
from core.errors import ChoiceExpired, NotYourChoice, SpotifyNotConnected, StashError
from core.models import (
    CatalogTrack,
    HistoryEntry,
    Identification,
    PendingChoice,
    PlaylistAdd,
    Recognition,
    UserKey,
    Verdict,
)
from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    NothingRecognized,
    NotOnSpotify,
    Outcome,
    TrackAdded,
    TrackFound,
)
from core.ports import Playlists, Stage, StatusReporter, Store
from core.telemetry import Telemetry

log = logging.getLogger(__name__)


class Deliverer:
    """Turns an identification into one person's outcome, and keeps their history."""

    def __init__(self, *, playlists: Playlists, store: Store, choice_ttl: float,
                 telemetry: Telemetry, clock: Callable[[], float],
                 hosted: HostedPlaylists | None = None,
                 groups: GroupPlaylists | None = None) -> None:
        self._playlists = playlists
        self._hosted = hosted
        self._groups = groups
        self._store = store
        self._choice_ttl = choice_ttl
        self._telemetry = telemetry
        self._clock = clock

    async def deliver(self, user: UserKey, ident: Identification, reporter: StatusReporter,
                      shown_as: str | None = None, platform: str = "unknown") -> Outcome:
        """What one person gets from an identification.

        `shown_as` is what their history keeps for the share (default: the canonical link; a
        file they sent is kept as "a video you sent", never by an address); a choice offered
        keeps the `platform` the share came from.
        """
        url = shown_as or ident.canonical_url
        await claim_share()  # a kept share another process took over stops here, unanswered
        if ident.verdict is Verdict.NOT_RECOGNIZED or ident.recognition is None:
            return NothingRecognized()
        if ident.verdict is Verdict.NOT_ON_SPOTIFY:
            await self._remember(user, url, "not_on_spotify", None, ident.recognition)
            return NotOnSpotify(ident.recognition)
        track = ident.candidates[0].track if ident.candidates else None
        if ident.verdict is Verdict.AMBIGUOUS:
            track = await self._answered(user, url, ident)  # asked before: their answer stands
        if track is None:
            return await self._offer(user, url, ident, platform)
        outcome = await self.add(user, url, track, reporter)
        await self._to_group(track, shared_in.get())
        return outcome

    async def _to_group(self, track: CatalogTrack, group: str | None) -> None:
        """The song also goes to the playlist of the chat it was shared in, when it has one;
        its trouble never becomes the person's."""
        if group is None or self._groups is None:
            return
        try:
            if await self._groups.is_on(group):
                await self._groups.add(group, track)
        except SpotifyNotConnected:
            return  # no host account linked: no group playlists
        except Exception:
            log.warning("could not add a song to a chat's group playlist", exc_info=True)

    async def _offer(self, user: UserKey, url: str, ident: Identification, platform: str
                     ) -> ChoiceOffered:
        """Keep a choice between the best candidates for the person to answer."""
        choice = PendingChoice(
            secrets.token_urlsafe(9), user, url, ident.candidates[: matching.ASK_TOP],
            self._clock() + self._choice_ttl, ident.recognition, platform, shared_in.get())
        await self._store.save_choice(choice)
        return ChoiceOffered(choice)

    async def take_choice(self, user: UserKey, choice_id: str) -> PendingChoice:
        """The person's pending choice, used up; refuses others' and expired ones."""
        now = self._clock()
        owner = await self._store.choice_owner(choice_id, now)
        if owner is not None and owner != user:
            raise NotYourChoice()
        choice = await self._store.take_choice(user, choice_id, now)
        if choice is None:
            raise ChoiceExpired()
        return choice

    async def choose(self, user: UserKey, choice: PendingChoice, index: int | None,
                     reporter: StatusReporter) -> Outcome:
        """Add candidate `index` of a taken choice (None or out of range: none of these).

        When the add fails, the choice is put back so that the person can press again.
        """
        if index is None or not 0 <= index < len(choice.candidates):
            return ChoiceDeclined(choice.recognition)
        track = choice.candidates[index].track
        try:
            outcome = await self.add(user, choice.canonical_url, track, reporter)
        except Exception:
            await self._store.save_choice(choice)
            raise
        keys = answer_keys(choice.canonical_url, choice.recognition, choice.candidates)
        try:
            await self._store.remember_answer(user, keys, track.uri)
        except Exception:  # the add stands; the next share of it only asks again
            log.exception("could not keep the person's answer")
        await self._to_group(track, choice.group)
        return outcome

    async def _answered(self, user: UserKey, url: str, ident: Identification
                        ) -> CatalogTrack | None:
        """The candidate the person picked when asked about this link or recording before."""
        offered = ident.candidates[: matching.ASK_TOP]
        uri = await self._store.remembered_answer(
            user, answer_keys(url, ident.recognition, offered), [c.track.uri for c in offered])
        return next((c.track for c in offered if c.track.uri == uri), None)

    async def add(self, user: UserKey, url: str, track: CatalogTrack,
                  reporter: StatusReporter) -> Outcome:
        """Add to the person's own playlist, else to the one the host keeps for them, else
        show the match; the status says only the add really being made."""
        started = time.monotonic()
        later = False
        try:
            added = await self._own(user, track, reporter)
            if added is None and self._hosted is not None:
                try:
                    added = await self._hosted_add(self._hosted, user, track, reporter)
                except StashError:  # refused: kept, and made once the host works again
                    later = True
        finally:
            self._telemetry.stage_finished(Stage.ADDING, time.monotonic() - started)
        if added is None:
            await self._remember(user, url, "later" if later else "found", track)
            return TrackFound(track, later)
        await self._remember(user, url, "already" if added.already_there else "added", track)
        return TrackAdded(track, added)

    async def _own(self, user: UserKey, track: CatalogTrack,
                   reporter: StatusReporter) -> PlaylistAdd | None:
        if not await self._playlists.has_account(user):
            return None
        await reporter.stage(Stage.ADDING)
        try:
            return await self._playlists.add(user, track)
        except SpotifyNotConnected:  # unlinked meanwhile
            return None

    @staticmethod
    async def _hosted_add(hosted: HostedPlaylists, user: UserKey, track: CatalogTrack,
                          reporter: StatusReporter) -> PlaylistAdd | None:
        name = await hosted.target(user)
        if name is None:
            return None
        await reporter.stage(Stage.ADDING, name)
        try:
            return await hosted.add(user, track)
        except SpotifyNotConnected:  # the host was unlinked meanwhile
            return None

    async def _remember(self, user: UserKey, url: str, outcome: str,
                        track: CatalogTrack | None, heard: Recognition | None = None) -> None:
        title = track.name if track else (heard.title if heard else None)
        artists = track.artists if track else (heard.artists if heard else ())
        entry = HistoryEntry(url, outcome, self._clock(), title, artists,
                             track.uri if track else None, track.url if track else None)
        await self._store.record_history(user, entry)

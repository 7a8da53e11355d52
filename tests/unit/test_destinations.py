"""Where a song goes: the person's own playlist, else the one the host keeps for them, else
nowhere; the status says only the add really made (issue 24 item 2, issue 27 item 1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core import texts
from core.accounts import PlaylistInfo
from core.destinations import shared_in
from core.errors import SpotifyAccessDenied, SpotifyNotConnected
from core.models import CatalogTrack, PlaylistAdd, UserKey
from core.outcomes import ChoiceOffered, TrackAdded, TrackFound
from core.ports import Stage
from core.service import Stash
from tests.fakes import FakeGroups, RecordingReporter
from tests.worlds import ALICE, BOB, ORIGINAL, OTHER, REEL, make_world


@dataclass
class FakeHosted:
    """A host keeps one playlist per person, made on their first add."""

    host_linked: bool = True
    refusing: bool = False
    kept: dict[UserKey, list[str]] = field(default_factory=dict)

    async def target(self, user: UserKey) -> str | None:
        return "Songs from Stash" if self.host_linked else None

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        if not self.host_linked:
            raise SpotifyNotConnected()
        if self.refusing:
            raise SpotifyAccessDenied("the host's token was revoked")
        new = user not in self.kept
        songs = self.kept.setdefault(user, [])
        already = track.uri in songs
        songs += [] if already else [track.uri]
        return PlaylistAdd("Songs from Stash", f"https://open.spotify.com/playlist/{user.user_id}",
                           already, hosted=True, new=new)

    async def playlist(self, user: UserKey) -> PlaylistInfo | None:
        return PlaylistInfo(user.user_id, "Songs from Stash") if user in self.kept else None

    async def remove(self, user: UserKey) -> bool:
        return self.kept.pop(user, None) is not None


def hosting_world(hosted: FakeHosted) -> Stash:
    world = make_world()
    world.playlists.connected.discard(ALICE)  # Alice never linked; Bob did
    return Stash(fetcher=world.fetcher, recognizer=world.recognizer, catalog=world.catalog,
                 playlists=world.playlists, store=world.store, clock=world.clock,
                 hosted=hosted)


async def test_someone_unlinked_is_added_to_their_hosted_playlist_and_told_how_to_keep_it(
        ) -> None:
    hosted = FakeHosted()
    stash = hosting_world(hosted)
    reporter = RecordingReporter()
    first = await stash.share(ALICE, REEL, reporter)
    assert isinstance(first, TrackAdded) and first.playlist.hosted and first.playlist.new
    assert hosted.kept == {ALICE: [ORIGINAL.uri]}
    assert (reporter.stages[-1], reporter.details[-1]) == (Stage.ADDING, "Songs from Stash")
    assert texts.stage_text(Stage.ADDING, reporter.details[-1]) == "Adding to Songs from Stash…"
    said = texts.outcome_text(first)
    assert said.startswith("Added to Songs from Stash ✓")
    assert "I keep this playlist for you on Stash's Spotify account: " \
           "https://open.spotify.com/playlist/42" in said
    again = await stash.share(ALICE, REEL, RecordingReporter())
    assert isinstance(again, TrackAdded) and again.playlist.already_there
    assert "I keep this playlist" not in texts.outcome_text(again)
    [*_, entry] = await stash.history(ALICE)
    assert entry.outcome == "added"


async def test_someone_with_their_own_account_never_gets_a_hosted_playlist() -> None:
    hosted = FakeHosted()
    stash = hosting_world(hosted)
    reporter = RecordingReporter()
    outcome = await stash.share(BOB, REEL, reporter)
    assert isinstance(outcome, TrackAdded) and not outcome.playlist.hosted
    assert hosted.kept == {}
    assert (reporter.stages[-1], reporter.details[-1]) == (Stage.ADDING, "")


async def test_with_no_host_linked_nobody_is_shown_an_add_that_never_happens() -> None:
    stash = hosting_world(FakeHosted(host_linked=False))
    reporter = RecordingReporter()
    outcome = await stash.share(ALICE, REEL, reporter)
    assert outcome == TrackFound(ORIGINAL)
    assert Stage.ADDING not in reporter.stages


async def test_without_hosting_an_unlinked_person_sees_no_adding_stage() -> None:
    world = make_world()
    world.playlists.connected.discard(ALICE)
    reporter = RecordingReporter()
    assert await world.stash.share(ALICE, REEL, reporter) == TrackFound(ORIGINAL)
    assert Stage.ADDING not in reporter.stages


async def test_a_refused_hosted_add_says_so_plainly_and_keeps_the_song_in_history() -> None:
    stash = hosting_world(FakeHosted(refusing=True))
    outcome = await stash.share(ALICE, REEL, RecordingReporter())
    assert outcome == TrackFound(ORIGINAL, later=True)
    said = texts.outcome_text(outcome)
    assert said.endswith("The song is in your /history, and I'll add it as soon as Spotify "
                         "lets me.")
    assert "revoked" not in said and "/link" not in said
    [entry] = await stash.history(ALICE)
    assert texts.history_outcome(entry.outcome) == (
        "found; added to your playlist once Spotify lets Stash")


async def test_songs_shared_in_a_chat_with_its_playlist_on_go_there_too_chosen_ones_too(
        ) -> None:
    world = make_world()
    groups = FakeGroups(on={"telegram:-100"})
    stash = Stash(fetcher=world.fetcher, recognizer=world.recognizer, catalog=world.catalog,
                  playlists=world.playlists, store=world.store, clock=world.clock,
                  groups=groups)
    token = shared_in.set("telegram:-100")
    try:
        for person in (ALICE, BOB):
            assert isinstance(await stash.share(person, REEL, RecordingReporter()), TrackAdded)
        offered = await stash.share(ALICE, OTHER, RecordingReporter())
    finally:
        shared_in.reset(token)
    assert isinstance(offered, ChoiceOffered)
    await stash.choose(ALICE, offered.choice.choice_id, 1, RecordingReporter())
    chosen = offered.choice.candidates[1].track.uri
    assert groups.songs == {"telegram:-100": [ORIGINAL.uri, chosen]}
    await stash.share(ALICE, REEL, RecordingReporter())  # a private chat: no group
    token = shared_in.set("telegram:-200")  # a chat whose admins never turned it on
    await stash.share(BOB, OTHER, RecordingReporter())
    shared_in.reset(token)
    assert list(groups.songs) == ["telegram:-100"]

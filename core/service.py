"""The service every front calls: identify a link once for everyone, deliver to each person."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import overload

from core import files, matching
from core.counting import Counting
from core.delivery import Deliverer
from core.destinations import GroupPlaylists, HostedPlaylists
from core.errors import TooManyShares
from core.flights import Flights
from core.identify import Identifier, Policy
from core.keeper import Keeper, Resumed
from core.kept import Held, Reopen, ShownOn
from core.kept_shares import KeptShares
from core.known import KnownAnswers
from core.limits import ShareLimiter
from core.links import scan_links
from core.models import HistoryEntry, Identification, Link, Platform, UserKey, Verdict
from core.outcomes import Outcome
from core.plan import MessagePlan
from core.ports import (
    Catalog,
    IdentificationRunner,
    Leases,
    MediaFetcher,
    Playlists,
    Recognizer,
    ShareBook,
    ShareGate,
    StatusReporter,
    Store,
)
from core.progress import Forward
from core.shared_flights import SharedFlights
from core.telemetry import NoTelemetry, Telemetry
from core.tongues import Tongues

log = logging.getLogger(__name__)

__all__ = ["Held", "MessagePlan", "Policy", "ShownOn", "Stash"]

# The verdicts whose delivery keeps a history line under the identification's own link.
_IN_HISTORY = frozenset({Verdict.MATCHED, Verdict.NOT_ON_SPOTIFY})


class Stash:
    """Shares, choices and history for every front."""

    def __init__(self, *, fetcher: MediaFetcher, recognizer: Recognizer, catalog: Catalog,
                 playlists: Playlists, store: Store, extra_hosts: frozenset[str] = frozenset(),
                 policy: Policy | None = None, clock: Callable[[], float] = time.time,
                 similarity: matching.Similarity = matching.sequence_similarity,
                 telemetry: Telemetry | None = None, shares: ShareBook | None = None,
                 share_lease: float = 15.0, resume_within: float = 600.0,
                 runner: IdentificationRunner | None = None, gate: ShareGate | None = None,
                 leases: Leases | None = None,
                 hosted: HostedPlaylists | None = None,
                 groups: GroupPlaylists | None = None) -> None:
        self.policy = policy or Policy()
        self._gate = gate
        self._known = KnownAnswers(store, clock)
        self.telemetry = telemetry or NoTelemetry()
        self._counting = Counting(self.telemetry)
        self._store = store
        self._clock = clock
        self.tongues = Tongues(store)  # the language each person is spoken to in
        self._extra_hosts = extra_hosts
        self._limiter = ShareLimiter(self.policy.links_per_minute)
        self._identifier = Identifier(
            fetcher=fetcher, recognizer=recognizer, catalog=catalog, store=store,
            policy=self.policy, telemetry=self.telemetry, clock=clock, similarity=similarity,
            runner=runner, shared=SharedFlights(leases, store, lease=share_lease, clock=clock)
            if leases is not None else None)
        self._deliverer = Deliverer(playlists=playlists, store=store,
                                    choice_ttl=self.policy.choice_ttl,
                                    telemetry=self.telemetry, clock=clock, hosted=hosted,
                                    groups=groups)
        self._kept = KeptShares(self._share, self.links_in,
                                Keeper(shares, lease=share_lease, clock=clock),
                                resume_within=resume_within, clock=clock)

    @property
    def flights(self) -> Flights[Identification]:
        """The identifications under way in this process."""
        return self._identifier.flights

    async def close(self, grace: float = 0.0) -> None:
        """Finish (or, after `grace` seconds, cancel) identifications before storage closes.
        By then every front has finished or handed over its shares: nobody waits for them."""
        await self._kept.close()
        await self._identifier.flights.close(grace)
        await self.tongues.close()  # locales being written down

    def links_in(self, text: str) -> tuple[Link, ...]:
        """The media links in a chat message (a question: nothing is spent)."""
        return scan_links(text, self._extra_hosts).links

    def admit_links(self, text: str, user: UserKey) -> MessagePlan:
        """The links of a chat message this person may share now, capped per message and per
        minute: the ones returned are spent from their per-minute allowance."""
        scan = scan_links(text, self._extra_hosts)
        cap = self.policy.max_links_per_message
        links = scan.links[:cap]
        allowed = self._limiter.admit(user, len(links))
        for held in links[allowed:]:  # each held-back link is a share, and logs its line
            self._counting.held_back(held.platform.value)
        return MessagePlan(links[:allowed], scan.refused, max(0, len(scan.links) - cap),
                           len(links) - allowed)

    def admit(self, user: UserKey, count: int = 1) -> bool:
        """Whether the person may start `count` more shares now (files; links go by
        `admit_links`)."""
        return self._limiter.admit(user, count) == count

    async def identify(self, link: Link, reporter: StatusReporter) -> Identification:
        """The link's identification, cached or found here (a worker's job); raises StashError."""
        return await self._identifier.identify(link, reporter)

    async def known(self, link: Link) -> bool:
        """Whether the link's answer is cached, so a share of it needs no identification."""
        return await self._known.known(link)

    async def first_delivery(self, platform: str, chat_id: str, message_id: str,
                             sender: str | None = None) -> bool:
        """True unless this incoming message was handled before (a redelivery); `sender` is the
        id of who sent it on the platform, so that /forget removes the mark too."""
        if await self._store.claim_message(platform, chat_id, message_id, sender):
            return True
        log.info("a %s message delivered again was not handled twice", platform)
        return False

    @overload
    async def share(self, user: UserKey, link: Link | Held, reporter: StatusReporter
                    ) -> Outcome: ...

    @overload
    async def share(self, user: UserKey, link: Link | Held, reporter: StatusReporter,
                    on: ShownOn) -> Outcome | None: ...

    async def share(self, user: UserKey, link: Link | Held, reporter: StatusReporter,
                    on: ShownOn | None = None) -> Outcome | None:
        """Identify and deliver one link, or a file the front holds, for one person. Never
        raises. `on`: the status message the outcome is shown on; the share is then on record
        until shown, so that another process finishes it if this one stops (None returned:
        this process is stopping and left it to the next)."""
        if on is not None:
            return await self._kept.share(user, link, reporter, on)
        return await self._share(user, link, reporter)

    def resume(self, platform: str, reopen: Reopen) -> None:
        """A front that runs: the shares of `platform` left by a stopped process are finished
        here, on the status messages `reopen` gives back (this process's leases renewed)."""
        self._kept.keeper.reopen_with(platform, reopen)
        self._kept.start()

    def count_resumed(self, resumed: Resumed) -> None:
        """Tell `resumed` (platform, result) of each share taken over (operators' counts)."""
        self._kept.keeper.on_resumed = resumed

    async def hand_over(self, grace: float) -> None:
        """Stopping: shares in hand get `grace` seconds; the rest go to the next process."""
        await self._kept.hand_over(grace)

    async def _share(self, user: UserKey, link: Link | Held, reporter: StatusReporter
                     ) -> Outcome:
        async def work() -> Outcome:
            if isinstance(link, Held):  # its identity is its content, read while it is needed
                async with link.hold() as read:
                    return await self._identify_and_deliver(user, read, reporter)
            if self._gate is not None and not await self._gate.admit(user):
                raise TooManyShares()  # past the limit on the other fronts' shares too
            return await self._identify_and_deliver(user, link, reporter)

        platform = Platform.FILE if isinstance(link, Held) else link.platform
        return await self._counting.shared_for(user, platform.value, work)

    async def _identify_and_deliver(self, user: UserKey, link: Link,
                                    reporter: StatusReporter) -> Outcome:
        reporter = Forward(reporter)
        ident = await self._identifier.identify(link, reporter)
        if link.file is not None:  # a file's cache names no one (test_storage_forget_files)
            return await self._deliver(user, link, ident, reporter)
        in_history = ident.verdict in _IN_HISTORY and ident.canonical_url == link.canonical_url
        if not in_history:  # no history line will lead /forget to this cached identification
            await self._note_shared(user, ident)
        try:
            return await self._deliver(user, link, ident, reporter)
        except Exception:
            if in_history:  # nor will a delivery that failed
                await self._note_shared(user, ident)
            raise

    async def _deliver(self, user: UserKey, link: Link, ident: Identification,
                       reporter: StatusReporter) -> Outcome:
        return await self._deliverer.deliver(user, ident, reporter, files.shown_as(link),
                                             link.platform.value)

    async def _note_shared(self, user: UserKey, ident: Identification) -> None:
        expires_at = self._clock() + max(self.policy.matched_ttl, self.policy.no_match_ttl)
        await self._store.note_shared(user, ident.canonical_url, expires_at)

    async def choose(self, user: UserKey, choice_id: str, index: int | None,
                     reporter: StatusReporter) -> Outcome:
        """The person picked candidate `index` of a choice (None: none of these). Never raises."""
        try:
            choice = await self._deliverer.take_choice(user, choice_id)
        except Exception as err:  # an expired or foreign choice is an outcome like any other
            return await self._counting.counted("unknown", partial(_raise, err), chosen=True)
        return await self._counting.counted(choice.platform, partial(
            self._deliverer.choose, user, choice, index, reporter), chosen=True)

    async def history(self, user: UserKey, limit: int = 10, offset: int = 0
                      ) -> list[HistoryEntry]:
        """The person's own history, newest first."""
        return await self._store.history(user, limit, offset)


async def _raise(err: Exception) -> Outcome:
    raise err

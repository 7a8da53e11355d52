"""The one error tree of Stash. Each error's `kind` keys the short, friendly line a person is
shown (`error.<kind>` in core.texts), unless it was raised with a sharper one.

Adapters translate library exceptions into these (`raise ... from err`). Messages never include
a secret or a library's raw text: the detail for operators goes to logs through `__cause__`.

A kind's facts live on its class, for adapters to read rather than restate: `kind` (its name in
metrics, logs and jobs), `status` (how an outside service most likely answered) and `facts` /
`from_facts` (how one travels in a job's result from a worker to a front). `KINDS` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class _Said:
    """The catalogue's sentence for an error's kind (or the one it was raised with), read on
    the class or an error in the language spoken then: a worker's error reads in the person's."""

    def __get__(self, error: object, kind: type[StashError]) -> str:
        from core.texts import resay, say, speaking  # core.texts renders outcomes with errors

        own = getattr(error, "__dict__", {}).get("_own_message")
        return say(f"error.{kind.kind}") if own is None else resay(own, speaking.get())

    def __set__(self, error: object, sentence: str) -> None:
        error.__dict__["_own_message"] = sentence


class StashError(Exception):
    """Base of every error Stash expects; `user_message` is what the person reads."""

    user_message: str = _Said()  # type: ignore[assignment]
    # A bounded name for metrics and logs (never user data).
    kind = "internal"
    # A bounded metric label: how an outside service most likely answered ("other": unsure).
    status = "other"

    def __init__(self, user_message: str | None = None) -> None:
        if user_message is not None:
            self.user_message = user_message
        super().__init__(self.user_message)

    def facts(self) -> dict[str, Any]:
        """What a job's result carries of this error (JSON): its kind, the line shown and,
        for a sentence of the catalogue, its key and values (the front says it again in
        the person's language)."""
        from core.texts.say import said_facts

        return {"kind": self.kind, "message": self.user_message, **said_facts(self.user_message)}

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> StashError:
        """This kind's error again, from what `facts` wrote (perhaps in another process)."""
        return cls(_text(facts))


class LinkError(StashError):
    """The text holds no link Stash can work with."""

    kind = "bad_link"
    status = "4xx"


class MediaUnavailable(StashError):
    """The post is private, removed, or has no video."""

    kind = "media_unavailable"
    status = "4xx"


class LoginWall(StashError):
    """The platform asks for a login or is rate-limiting us."""

    kind = "login_wall"
    status = "4xx"


class PlatformBusy(StashError):
    """Every way into the platform is cooling down."""

    kind = "platform_busy"
    status = "429"


class MediaTooLarge(StashError):
    """The media is bigger than Stash downloads."""

    kind = "too_large"
    status = "4xx"


class MediaTooLong(StashError):
    """The media is longer than Stash listens to."""

    kind = "too_long"
    status = "4xx"


class NetworkTrouble(StashError):
    """An outside service could not be reached in time."""

    kind = "network"
    status = "5xx"


class SpotifyNotConnected(StashError):
    """The person has not linked a Spotify account."""

    kind = "not_linked"
    status = "none"


class SpotifyAccessDenied(StashError):
    """Spotify refused the person's account (revoked, or not registered with the app)."""

    kind = "spotify_denied"
    status = "4xx"

    def __init__(self, user_message: str | None = None, starter: object = None) -> None:
        super().__init__(user_message)
        self.starter = starter  # at connecting: the UserKey that ran /link, told in their chat


class ConnectFailed(StashError):
    """Connecting a Spotify account did not complete (expired, used or foreign state; refused)."""

    kind = "link_failed"
    status = "4xx"


class ForeignConnectCode(StashError):
    """A link code sent from another chat account than the one that asked to link: the person
    who opened the authorization link may have been sent it by someone else."""

    kind = "foreign_link_code"

    def __init__(self, starter: object) -> None:
        super().__init__()
        self.starter = starter  # the UserKey that ran /link: told, never shown to the sender

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> StashError:
        return cls(None)  # who ran /link stays in the process that was told


class RateLimited(StashError):
    """An outside service asked us to slow down."""

    kind = "rate_limited"
    status = "429"

    def __init__(self, retry_after: float | None = None, user_message: str | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(user_message)

    def facts(self) -> dict[str, Any]:
        """StashError.facts, with how long the service asked us to wait."""
        return {**super().facts(), "retry_after": self.retry_after}

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> StashError:
        after = facts.get("retry_after")
        number = isinstance(after, int | float) and not isinstance(after, bool)
        return cls(after if number else None, _text(facts))


class TooManyShares(StashError):
    """This person shared more links than the per-person limit allows."""

    kind = "too_many_shares"


class ChoiceExpired(StashError):
    """The choice buttons were already used or are too old."""

    kind = "choice_expired"


class NotYourChoice(StashError):
    """Someone pressed a button meant for the person who shared the link."""

    kind = "not_your_choice"


class ShuttingDown(StashError):
    """Stash stopped while the share was under way."""

    kind = "shutting_down"


class NotConfigured(StashError):
    """A part of Stash this instance needs is not set up."""

    kind = "not_configured"
    status = "none"


class QueueUnavailable(StashError):
    """Distributed mode: the queue to the identification workers cannot be reached."""

    kind = "queue_unavailable"


class TookTooLong(StashError):
    """An identification outlived its deadline (and its retries)."""

    kind = "took_too_long"



def _text(facts: Mapping[str, Any]) -> str | None:
    """The sentence an error was raised with (None: its kind's own, said when it is read)."""
    from core.texts.say import said_again

    message, key, values = facts.get("message"), facts.get("key"), facts.get("values")
    if not isinstance(message, str) or (key == f"error.{facts.get('kind')}" and not values):
        return None
    return said_again(message, key, values)


# Every kind of error Stash expects, by its name: a new kind is added here.
KINDS: dict[str, type[StashError]] = {cls.kind: cls for cls in (
    StashError, LinkError, MediaUnavailable, LoginWall, PlatformBusy, MediaTooLarge, MediaTooLong,
    NetworkTrouble, SpotifyNotConnected, SpotifyAccessDenied, ConnectFailed, ForeignConnectCode,
    RateLimited, TooManyShares, ChoiceExpired, NotYourChoice, ShuttingDown, NotConfigured,
    QueueUnavailable, TookTooLong)}

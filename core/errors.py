"""The one error tree of Stash. Each error carries the short, friendly line a person is shown.

Adapters translate library exceptions into these (`raise ... from err`). Messages never include
a secret or a library's raw text: the detail for operators goes to logs through `__cause__`.

A kind's facts live on its class, for adapters to read rather than restate: `kind` (its name in
metrics, logs and jobs), `status` (how an outside service most likely answered) and `facts` /
`from_facts` (how one travels in a job's result from a worker to a front). `KINDS` lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class StashError(Exception):
    """Base of every error Stash expects; `user_message` is what the person reads."""

    user_message = "Something went wrong on our side. Please try again in a minute."
    # A bounded name for metrics and logs (never user data).
    kind = "internal"
    # A bounded metric label: how an outside service most likely answered ("other": unsure).
    status = "other"

    def __init__(self, user_message: str | None = None) -> None:
        if user_message is not None:
            self.user_message = user_message
        super().__init__(self.user_message)

    def facts(self) -> dict[str, Any]:
        """What a job's result carries of this error (JSON): its kind and the line shown."""
        return {"kind": self.kind, "message": self.user_message}

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> StashError:
        """This kind's error again, from what `facts` wrote (perhaps in another process)."""
        return cls(_text(facts.get("message")))


class LinkError(StashError):
    """The text holds no link Stash can work with."""

    user_message = "That doesn't look like a link to a reel, TikTok or Short."
    kind = "bad_link"
    status = "4xx"


class MediaUnavailable(StashError):
    """The post is private, removed, or has no video."""

    user_message = "I can't open that post: it may be private or removed."
    kind = "media_unavailable"
    status = "4xx"


class LoginWall(StashError):
    """The platform asks for a login or is rate-limiting us."""

    user_message = "The platform is making me log in right now. Please try again in a few minutes."
    kind = "login_wall"
    status = "4xx"


class PlatformBusy(StashError):
    """Every way into the platform is cooling down."""

    user_message = "That platform is busy right now. Please try again later."
    kind = "platform_busy"
    status = "429"


class MediaTooLarge(StashError):
    """The media is bigger than Stash downloads."""

    user_message = "That video is too large for me to listen to."
    kind = "too_large"
    status = "4xx"


class MediaTooLong(StashError):
    """The media is longer than Stash listens to."""

    user_message = "That video is too long for me to listen to."
    kind = "too_long"
    status = "4xx"


class NetworkTrouble(StashError):
    """An outside service could not be reached in time."""

    user_message = "I couldn't reach the platform just now. Please try again in a minute."
    kind = "network"
    status = "5xx"


class SpotifyNotLinked(StashError):
    """The person has not linked a Spotify account."""

    user_message = "Link your Spotify account with /link and I'll add songs to your playlist."
    kind = "not_linked"
    status = "none"


class SpotifyAccessDenied(StashError):
    """Spotify refused the person's account (revoked, or not registered with the app)."""

    user_message = (
        "Spotify refused access to your account. Use /link to connect it again; if that fails, "
        "the bot's owner must add your Spotify account to the app."
    )
    kind = "spotify_denied"
    status = "4xx"

    def __init__(self, user_message: str | None = None, starter: object = None) -> None:
        super().__init__(user_message)
        self.starter = starter  # at linking: the UserKey that ran /link, told in their chat


class LinkFailed(StashError):
    """Linking a Spotify account did not complete (expired, used or foreign state; refused)."""

    user_message = "That Spotify link didn't work: it may have expired. Use /link to get a new one."
    kind = "link_failed"
    status = "4xx"


class ForeignLinkCode(StashError):
    """A link code sent from another chat account than the one that asked to link: the person
    who opened the authorization link may have been sent it by someone else."""

    user_message = ("That code finishes a Spotify link someone else asked for, so I linked "
                    "nothing. If someone sent you a link to open, they were after your Spotify: "
                    "don't send them the code. To be safe, remove Stash at "
                    "https://www.spotify.com/account/apps/.")
    kind = "foreign_link_code"

    def __init__(self, starter: object) -> None:
        super().__init__()
        self.starter = starter  # the UserKey that ran /link: told, never shown to the sender

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> StashError:
        return cls(None)  # who ran /link stays in the process that was told


class RateLimited(StashError):
    """An outside service asked us to slow down."""

    user_message = "Too many requests right now. Please try again in a minute."
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
        return cls(after if number else None, _text(facts.get("message")))


class TooManyShares(StashError):
    """This person shared more links than the per-person limit allows."""

    user_message = "You're sharing faster than I can listen. Please wait a minute and try again."
    kind = "too_many_shares"


class ChoiceExpired(StashError):
    """The choice buttons were already used or are too old."""

    user_message = "Those choices have expired. Share the link again to get new ones."
    kind = "choice_expired"


class NotYourChoice(StashError):
    """Someone pressed a button meant for the person who shared the link."""

    user_message = "Only the person who shared this link can choose."
    kind = "not_your_choice"


class ShuttingDown(StashError):
    """Stash stopped while the share was under way."""

    user_message = "Stash is restarting. Please share the link again in a minute."
    kind = "shutting_down"


class NotConfigured(StashError):
    """A part of Stash this instance needs is not set up."""

    user_message = "This Stash isn't fully set up yet, so I can't do that. Its owner has been told."
    kind = "not_configured"
    status = "none"


class QueueUnavailable(StashError):
    """Distributed mode: the queue to the identification workers cannot be reached."""

    user_message = "I can't reach my listening workers right now. Please try again in a minute."
    kind = "queue_unavailable"


class TookTooLong(StashError):
    """An identification outlived its deadline (and its retries)."""

    user_message = "That took me too long to listen to. Please try again in a minute."
    kind = "took_too_long"



def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


# Every kind of error Stash expects, by its name: a new kind is added here.
KINDS: dict[str, type[StashError]] = {cls.kind: cls for cls in (
    StashError, LinkError, MediaUnavailable, LoginWall, PlatformBusy, MediaTooLarge, MediaTooLong,
    NetworkTrouble, SpotifyNotLinked, SpotifyAccessDenied, LinkFailed, ForeignLinkCode,
    RateLimited, TooManyShares, ChoiceExpired, NotYourChoice, ShuttingDown, NotConfigured,
    QueueUnavailable, TookTooLong)}

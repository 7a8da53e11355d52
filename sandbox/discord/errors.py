"""Discord's JSON error answers: status, numeric code, message and field errors."""

from __future__ import annotations

from typing import Any

# https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
_UNKNOWN_CODES = {
    "Channel": 10003,
    "Guild": 10004,
    "Message": 10008,
    "Emoji": 10014,
    "Webhook": 10015,
    "User": 10013,
    "interaction": 10062,
    "application command": 10063,
}


class DiscordError(Exception):
    """An error response: raised by handlers, rendered by the middleware."""

    def __init__(self, status: int, code: int, message: str, errors: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON body Discord sends for this error."""
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def unknown(thing: str) -> DiscordError:
    """404 `Unknown <thing>` with Discord's code for it."""
    return DiscordError(404, _UNKNOWN_CODES[thing], f"Unknown {thing}")


def field_error(code: str, message: str) -> dict[str, Any]:
    """One leaf of an Invalid Form Body error tree."""
    return {"_errors": [{"code": code, "message": message}]}


def invalid_form(errors: dict[str, Any]) -> DiscordError:
    """400 Invalid Form Body (50035) with Discord's nested `errors` tree."""
    return DiscordError(400, 50035, "Invalid Form Body", errors)


def unauthorized() -> DiscordError:
    """401 for a missing or wrong bot token."""
    return DiscordError(401, 0, "401: Unauthorized")


def already_acknowledged() -> DiscordError:
    """A second initial response to one interaction."""
    return DiscordError(400, 40060, "Interaction has already been acknowledged.")


def empty_message() -> DiscordError:
    """A message with nothing to show."""
    return DiscordError(400, 50006, "Cannot send an empty message")


def not_author() -> DiscordError:
    """Editing someone else's message."""
    return DiscordError(403, 50005, "Cannot edit a message authored by another user")

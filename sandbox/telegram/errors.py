"""Bot API errors as the real server words them."""

from __future__ import annotations

from typing import Any

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND = "Bad Request: message to edit not found"
DELETE_NOT_FOUND = "Bad Request: message to delete not found"
CANT_EDIT = "Bad Request: message can't be edited"
TEXT_EMPTY = "Bad Request: message text is empty"
TOO_LONG = "Bad Request: message is too long"
CHAT_NOT_FOUND = "Bad Request: chat not found"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NEVER_STARTED = "Forbidden: bot can't initiate conversation with a user"
BLOCKED = "Forbidden: bot was blocked by the user"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class ApiError(Exception):
    """A failed Bot API call: HTTP status, description and optional `parameters`."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: ..." text (pass it with or without the prefix)."""
    if not description.startswith("Bad Request: "):
        description = f"Bad Request: {description}"
    return ApiError(400, description)


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 flood-control answer."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )

"""reply_markup checks: the inline keyboard rules the real server enforces."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sandbox.telegram.errors import BUTTON_DATA_INVALID, bad_request

_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_MAX_BUTTONS = 100
_URL_SCHEMES = ("http", "https", "tg")


def check_markup(markup: Any) -> dict[str, Any] | None:
    """The markup to store, or 400 with the text Telegram gives for the first fault."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup  # reply keyboards, ForceReply and ReplyKeyboardRemove are not stored
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    buttons = [button for row in rows for button in row]
    if len(buttons) > _MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    for button in buttons:
        _check_button(button)
    return {"inline_keyboard": rows}


def _check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    if not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not any(key in button for key in _ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= 64:
            raise bad_request(BUTTON_DATA_INVALID)
    if "url" in button:
        _check_url(str(button["url"]))


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in _URL_SCHEMES:
        reason = "Unsupported URL protocol" if parts.scheme else "Wrong HTTP URL"
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: {reason}")
    if parts.scheme.lower() != "tg" and not parts.hostname:
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")

"""Bot API methods on messages: sendMessage, editMessageText, editMessageReplyMarkup, ..."""

from __future__ import annotations

import time
from typing import Any

from sandbox.telegram import errors
from sandbox.telegram.actions import private_chat
from sandbox.telegram.errors import ApiError, bad_request
from sandbox.telegram.keyboard import check_markup
from sandbox.telegram.model import JSON, ChatState, StoredMessage
from sandbox.telegram.params import Params
from sandbox.telegram.text import compose
from sandbox.telegram.world import BotWorld

CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note",
     "upload_video_note"}
)  # fmt: skip
_MARKUP_ERROR = "can't parse reply keyboard markup JSON object"


async def send_message(world: BotWorld, p: Params) -> JSON:
    """sendMessage."""
    chat = target_chat(world, p)
    text, entities = compose(p)
    markup = check_markup(p.nested("reply_markup", _MARKUP_ERROR))
    reply = _replied(world, chat, p)
    spend(world, "sendmessage", chat, paid=p.flag("allow_paid_broadcast"))
    data: JSON = {
        "message_id": chat.take_message_id(),
        "from": world.me.to_api(),
        "chat": chat.to_api(),
        "date": int(time.time()),
        "text": text,
    }
    _set(data, "entities", entities)
    _set(data, "reply_markup", _inline(markup))
    _set(data, "link_preview_options", _preview(p))
    _set(data, "reply_to_message", reply)
    chat.messages[data["message_id"]] = StoredMessage(data, world.me, [text])
    world.notifier.notify()
    return data


async def edit_message_text(world: BotWorld, p: Params) -> JSON:
    """editMessageText: without reply_markup the inline keyboard goes away, as on Telegram."""
    chat, message = _editable(world, p, errors.EDIT_NOT_FOUND)
    if "text" not in message.data:
        raise bad_request("there is no text in the message to edit")
    text, entities = compose(p)
    markup = _inline(check_markup(p.nested("reply_markup", _MARKUP_ERROR)))
    current = message.data
    if (text, entities, markup) == (
        current["text"],
        current.get("entities", []),
        current.get("reply_markup"),
    ):
        raise bad_request(errors.NOT_MODIFIED)
    spend(world, "editmessagetext", chat)
    current["text"] = text
    _set(current, "entities", entities)
    _set(current, "reply_markup", markup)
    _set(current, "link_preview_options", _preview(p))
    return _edited(world, message, text)


async def edit_message_reply_markup(world: BotWorld, p: Params) -> JSON:
    """editMessageReplyMarkup."""
    chat, message = _editable(world, p, errors.EDIT_NOT_FOUND)
    markup = _inline(check_markup(p.nested("reply_markup", _MARKUP_ERROR)))
    if markup == message.data.get("reply_markup"):
        raise bad_request(errors.NOT_MODIFIED)
    spend(world, "editmessagereplymarkup", chat)
    _set(message.data, "reply_markup", markup)
    return _edited(world, message, None)


async def delete_message(world: BotWorld, p: Params) -> bool:
    """deleteMessage."""
    _, message = _located(world, p, errors.DELETE_NOT_FOUND)
    message.deleted = True
    world.notifier.notify()
    return True


async def send_chat_action(world: BotWorld, p: Params) -> bool:
    """sendChatAction."""
    chat = target_chat(world, p)
    action = p.text("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.actions.append(action)
    world.notifier.notify()
    return True


def target_chat(world: BotWorld, p: Params) -> ChatState:
    """The chat a message goes to, or the 400/403 Telegram answers for it."""
    raw = p.text("chat_id") or ""
    if raw.startswith("@"):
        found = [c for c in world.chats.values() if c.username and f"@{c.username}" == raw]
        if found:
            return found[0]
        raise bad_request(errors.CHAT_NOT_FOUND)
    chat_id = p.integer("chat_id")
    person = world.people.get(chat_id) if chat_id is not None else None
    if person is not None:
        if person.blocked:
            raise ApiError(403, errors.BLOCKED)
        if not person.started:
            raise ApiError(403, errors.NEVER_STARTED)
        return private_chat(world, person.user)
    if chat_id is None or chat_id not in world.chats:
        raise bad_request(errors.CHAT_NOT_FOUND)
    return world.chats[chat_id]


def spend(world: BotWorld, method: str, chat: ChatState, *, paid: bool = False) -> None:
    """Flood control: raise 429 when this chat (or the bot) is over its limit."""
    retry_after = world.flood.check(method, chat.id, chat.is_private, paid)
    if retry_after is not None:
        raise errors.too_many_requests(retry_after)


def _located(world: BotWorld, p: Params, missing: str) -> tuple[ChatState, StoredMessage]:
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat_id = p.integer("chat_id")
    if chat_id is None or chat_id not in world.chats:
        raise bad_request(errors.CHAT_NOT_FOUND)
    message = world.stored(chat_id, p.integer("message_id") or 0)
    if message is None:
        raise bad_request(missing)
    return world.chats[chat_id], message


def _editable(world: BotWorld, p: Params, missing: str) -> tuple[ChatState, StoredMessage]:
    chat, message = _located(world, p, missing)
    if message.sender.id != world.me.id:
        raise bad_request(errors.CANT_EDIT)
    return chat, message


def _edited(world: BotWorld, message: StoredMessage, text: str | None) -> JSON:
    message.data["edit_date"] = int(time.time())
    if text is not None:
        message.history.append(text)
    world.notifier.notify()
    return message.data


def _replied(world: BotWorld, chat: ChatState, p: Params) -> JSON | None:
    params: Any = p.nested("reply_parameters", "can't parse reply parameters JSON object") or {}
    message_id = params.get("message_id") or p.integer("reply_to_message_id")
    if not message_id:
        return None
    message = world.stored(int(params.get("chat_id") or chat.id), int(message_id))
    if message is not None:
        return {k: v for k, v in message.data.items() if k != "reply_to_message"}
    if params.get("allow_sending_without_reply") or p.flag("allow_sending_without_reply"):
        return None
    raise bad_request(errors.REPLY_NOT_FOUND)


def _inline(markup: JSON | None) -> JSON | None:
    """Only an inline keyboard is part of the message; reply keyboards live in the client."""
    rows = (markup or {}).get("inline_keyboard") or []
    return markup if any(rows) else None


def _preview(p: Params) -> JSON | None:
    options = p.nested("link_preview_options", "can't parse link preview options JSON object")
    if options is None and p.flag("disable_web_page_preview"):
        return {"is_disabled": True}
    return options if isinstance(options, dict) else None


def _set(data: JSON, key: str, value: Any) -> None:
    """Telegram leaves out empty optional fields."""
    if value:
        data[key] = value
    else:
        data.pop(key, None)

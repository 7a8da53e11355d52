"""What users do: write in a chat, press a button. Each makes the update Telegram would send."""

from __future__ import annotations

import itertools
import time
from typing import Any

from sandbox.telegram.entities import detect_entities
from sandbox.telegram.model import JSON, CallbackQueryState, ChatState, StoredMessage, TgUser
from sandbox.telegram.world import BotWorld

_query_ids = itertools.count(4_000_000_000_001)


def private_chat(world: BotWorld, user: TgUser) -> ChatState:
    """The one-to-one chat of `user` with the bot (its id is the user's id)."""
    chat = world.chats.get(user.id)
    if chat is None:
        chat = ChatState(
            user.id,
            "private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
        )
        world.chats[user.id] = chat
    return chat


def add_group(
    world: BotWorld,
    chat_id: int,
    title: str,
    *,
    supergroup: bool = True,
    username: str | None = None,
) -> ChatState:
    """A group the bot is a member of."""
    kind = "supergroup" if supergroup else "group"
    chat = ChatState(chat_id, kind, title=title, username=username)
    world.chats[chat_id] = chat
    return chat


def user_sends(
    world: BotWorld,
    user: TgUser,
    text: str | None = None,
    *,
    chat_id: int | None = None,
    caption: str | None = None,
    forwarded_from: TgUser | str | None = None,
    reply_to: int | None = None,
    media: JSON | None = None,
) -> JSON:
    """A user writes (or forwards) a message; returns the Message the bot will receive.

    `media` is the file a message carries, by field ("video", "voice", ...): its object.
    """
    person = world.person(user)
    if chat_id is None or chat_id == user.id:
        chat = private_chat(world, user)
        person.started, person.blocked = True, False  # writing to a bot means pressing Start
    elif chat_id in world.chats:
        chat = world.chats[chat_id]
    else:
        raise LookupError(f"no chat {chat_id}: add_group() first")
    data = _message_base(chat, user)
    if text is not None:
        data.update(_with_entities("text", "entities", text))
    if media is not None:
        data.update(media)
    if caption is not None:
        if media is None:
            data["video"] = _video(data["message_id"])
        data.update(_with_entities("caption", "caption_entities", caption))
    if forwarded_from is not None:
        data["forward_origin"] = _forward_origin(forwarded_from)
    if reply_to is not None:
        data["reply_to_message"] = _quoted(world, chat.id, reply_to)
    chat.messages[data["message_id"]] = StoredMessage(data, user, [text or caption or ""])
    if _bot_sees(world, chat, data):
        world.push_update("message", data)
    world.notifier.notify()
    return data


def press_button(
    world: BotWorld, user: TgUser, message_id: int, data: str, *, chat_id: int | None = None
) -> str:
    """A user presses the inline button carrying `data`; returns the callback query id."""
    chat_id = user.id if chat_id is None else chat_id
    message = world.stored(chat_id, message_id)
    if message is None:
        raise LookupError(f"no message {message_id} in chat {chat_id}")
    if not any(b.get("callback_data") == data for row in message.keyboard for b in row):
        raise LookupError(f"message {message_id} has no button with callback_data {data!r}")
    query_id = str(next(_query_ids))
    query: JSON = {
        "id": query_id,
        "from": world.person(user).user.to_api(),
        "message": message.data,
        "chat_instance": str(abs(hash((world.me.id, chat_id)))),
        "data": data,
    }
    world.queries[query_id] = CallbackQueryState(query)
    world.push_update("callback_query", query)
    return query_id


def _message_base(chat: ChatState, user: TgUser) -> JSON:
    return {
        "message_id": chat.take_message_id(),
        "from": user.to_api(),
        "chat": chat.to_api(),
        "date": int(time.time()),
    }


def _with_entities(text_key: str, entities_key: str, text: str) -> JSON:
    entities = detect_entities(text)
    return {text_key: text, entities_key: entities} if entities else {text_key: text}


def _video(message_id: int) -> JSON:
    file_id = f"BAACAgIAAxkBAAI{message_id:06d}"
    return {
        "file_id": file_id,
        "file_unique_id": f"AgAD{message_id:06d}",
        "width": 720,
        "height": 1280,
        "duration": 15,
        "mime_type": "video/mp4",
    }


def _forward_origin(source: TgUser | str) -> JSON:
    date = int(time.time()) - 60
    if isinstance(source, TgUser):
        return {"type": "user", "date": date, "sender_user": source.to_api()}
    return {"type": "hidden_user", "date": date, "sender_user_name": source}


def _quoted(world: BotWorld, chat_id: int, message_id: int) -> JSON:
    message = world.stored(chat_id, message_id)
    if message is None:
        raise LookupError(f"no message {message_id} in chat {chat_id} to reply to")
    return {k: v for k, v in message.data.items() if k != "reply_to_message"}


def _bot_sees(world: BotWorld, chat: ChatState, data: JSON) -> bool:
    """Privacy mode: in groups a bot gets only commands, replies to it and mentions of it."""
    if chat.is_private or not world.privacy_mode:
        return True
    content: str = data.get("text") or data.get("caption") or ""
    replied: Any = data.get("reply_to_message", {}).get("from", {})
    mentioned = f"@{world.me.username}".lower() in content.lower()
    return content.startswith("/") or replied.get("id") == world.me.id or mentioned

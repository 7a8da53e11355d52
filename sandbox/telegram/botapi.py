"""Bot API methods about the bot itself: getMe, updates, webhooks, commands, callback answers."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sandbox.telegram import errors
from sandbox.telegram.errors import ApiError, bad_request
from sandbox.telegram.model import JSON, CallbackAnswer, Webhook
from sandbox.telegram.params import Params
from sandbox.telegram.world import BotWorld

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# setMyCommands takes a two-letter ISO 639-1 code, or none (every language).
_LANGUAGE = re.compile(r"(?:[a-z]{2})?")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Described:
    """A result Telegram sends with a `description` next to it (setWebhook and co)."""

    result: Any
    description: str


async def get_me(world: BotWorld, p: Params) -> JSON:
    """getMe."""
    return {
        **world.me.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": not world.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(world: BotWorld, p: Params) -> list[JSON]:
    """getUpdates: long poll until an update arrives or `timeout` seconds pass."""
    if world.webhook is not None:
        raise ApiError(409, errors.WEBHOOK_ACTIVE)
    allowed = p.nested("allowed_updates", "can't parse allowed updates")
    if allowed is not None:
        world.allowed_updates = list(allowed)
    world.acknowledge(p.integer("offset"))
    limit = min(max(p.integer("limit", 100) or 100, 1), 100)
    world.poll_generation += 1
    generation = world.poll_generation
    world.notifier.notify()  # an older poll still waiting is terminated
    deadline = asyncio.get_running_loop().time() + max(p.number("timeout"), 0.0)
    while True:
        if generation != world.poll_generation:
            raise ApiError(409, errors.POLL_TERMINATED)
        batch = world.take_batch(limit)
        if batch or world.notifier.closed:
            return batch
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return []
        await world.notifier.wait(remaining)


async def set_webhook(world: BotWorld, p: Params) -> Described:
    """setWebhook (plain http is accepted for loopback addresses only)."""
    url = p.text("url") or ""
    if not url:
        return await delete_webhook(world, p)
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = p.text("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if p.flag("drop_pending_updates"):
        world.pending.clear()
    allowed = p.nested("allowed_updates", "can't parse allowed updates")
    world.webhook = Webhook(url, secret, p.integer("max_connections", 40) or 40, allowed)
    world.notifier.notify()
    return Described(True, "Webhook was set")


async def delete_webhook(world: BotWorld, p: Params) -> Described:
    """deleteWebhook."""
    if p.flag("drop_pending_updates"):
        world.pending.clear()
    had_hook, world.webhook = world.webhook is not None, None
    world.notifier.notify()
    return Described(True, "Webhook was deleted" if had_hook else "Webhook is already deleted")


async def get_webhook_info(world: BotWorld, p: Params) -> JSON:
    """getWebhookInfo."""
    hook = world.webhook
    info: JSON = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(world.pending),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        info["ip_address"] = "127.0.0.1"
        if hook.allowed_updates:
            info["allowed_updates"] = hook.allowed_updates
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
    return info


async def set_my_commands(world: BotWorld, p: Params) -> bool:
    """setMyCommands."""
    commands = p.nested("commands", "can't parse commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an Array of at most 100 BotCommand")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("command description must be non-empty")
    if not _LANGUAGE.fullmatch(p.text("language_code") or ""):
        raise bad_request("LANG_CODE_INVALID")
    world.commands[_scope_key(p)] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    world.notifier.notify()
    return True


async def get_my_commands(world: BotWorld, p: Params) -> list[JSON]:
    """getMyCommands."""
    return world.commands.get(_scope_key(p), [])


async def delete_my_commands(world: BotWorld, p: Params) -> bool:
    """deleteMyCommands."""
    world.commands.pop(_scope_key(p), None)
    return True


async def answer_callback_query(world: BotWorld, p: Params) -> bool:
    """answerCallbackQuery: recorded so a test can read what the user was shown."""
    query_id = p.text("callback_query_id") or ""
    state = world.queries.get(query_id)
    if state is None or state.answer is not None:
        raise bad_request(errors.QUERY_INVALID)
    text = p.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    state.answer = CallbackAnswer(
        query_id, text, p.flag("show_alert"), p.text("url"), p.integer("cache_time", 0) or 0
    )
    world.notifier.notify()
    return True


def _scope_key(p: Params) -> tuple[str, str]:
    scope = p.nested("scope", "can't parse BotCommandScope JSON object") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), p.text("language_code") or ""


async def get_chat(world: BotWorld, p: Params) -> JSON:
    """getChat: a person's private chat as the bot sees it (a group the bot is in: its title);
    an unknown id is 'chat not found', as Telegram answers for people the bot never met."""
    chat_id = p.integer("chat_id")
    full: JSON = {"accent_color_id": 0, "max_reaction_count": 11,
                  "accepted_gift_types": {"unlimited_gifts": True, "limited_gifts": True,
                                          "unique_gifts": True, "premium_subscription": True,
                                          "gifts_from_channels": True}}
    person = world.people.get(chat_id) if chat_id is not None else None
    if person is not None:
        user = person.user.to_api()
        names: JSON = {k: user[k] for k in ("first_name", "last_name", "username") if k in user}
        return {"id": chat_id, "type": "private", **names, **full}
    chat = world.chats.get(chat_id) if chat_id is not None else None
    if chat is None:
        raise bad_request(errors.CHAT_NOT_FOUND)
    return {**chat.to_api(), **full}

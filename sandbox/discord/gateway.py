"""The gateway websocket: Hello, Identify/Resume, heartbeats, Ready, GUILD_CREATE, dispatches."""

from __future__ import annotations

import asyncio
import json
import zlib
from collections import deque
from typing import Any

from aiohttp import WSMsgType, web

from sandbox.discord.model import (
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MEMBERS,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    INTENT_MESSAGE_CONTENT,
    Json,
    snowflake,
)
from sandbox.discord.payloads import guild_create_payload, member_payload, user_payload
from sandbox.discord.world import World

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11
_MESSAGE_EVENTS = {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE"}
_DIRECT_EVENTS = _MESSAGE_EVENTS | {"INTERACTION_CREATE"}
_STRIPPED = {"content": "", "embeds": [], "attachments": [], "components": []}


class Connection:
    """One websocket: a single writer keeps frames in order and the zlib stream consistent."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.queue: asyncio.Queue[Json | tuple[int, str]] = asyncio.Queue()
        self.writer = asyncio.create_task(self._write())

    def send(self, payload: Json) -> None:
        """Queue one gateway payload."""
        self.queue.put_nowait(payload)

    def close(self, code: int, reason: str) -> None:
        """Close with a gateway close code once everything queued before is sent."""
        self.queue.put_nowait((code, reason))

    async def _write(self) -> None:
        while True:
            item = await self.queue.get()
            if isinstance(item, tuple):
                await self.ws.close(code=item[0], message=item[1].encode())
                return
            text = json.dumps(item)
            if self.zlib is None:
                await self.ws.send_str(text)
            else:
                frame = self.zlib.compress(text.encode()) + self.zlib.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(frame)


class Session:
    """An identified gateway session; it outlives its connection so it can be resumed."""

    def __init__(self, world: World, intents: int, shard: list[int]) -> None:
        self.world = world
        self.intents = intents
        self.shard = shard
        self.id = f"{snowflake():x}"
        self.seq = 0
        self.sent: deque[Json] = deque(maxlen=1000)
        self.connection: Connection | None = None

    def dispatch(self, event: str, data: Json) -> None:
        """Send an event if the session's intents ask for it, shaped by those intents."""
        shaped = self._shape(event, data)
        if shaped is None:
            return
        self.seq += 1
        payload = {"op": DISPATCH, "t": event, "s": self.seq, "d": shaped}
        self.sent.append(payload)
        if self.connection is not None:
            self.connection.send(payload)

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this session's shard carries a guild's events."""
        shard_id, shard_count = self.shard
        return (guild_id >> 22) % shard_count == shard_id

    def _shape(self, event: str, data: Json) -> Json | None:
        guild_id = data.get("guild_id") or (data.get("id") if event == "GUILD_CREATE" else None)
        if guild_id and not self.owns_guild(int(guild_id)):
            return None
        if not guild_id and event in _DIRECT_EVENTS and self.shard[0] != 0:
            return None  # Discord sends direct messages (and their interactions) to shard 0 only
        if event in _MESSAGE_EVENTS:
            return self._shape_message(event, data)
        return self._shape_guild_event(event, data)

    def _shape_guild_event(self, event: str, data: Json) -> Json | None:
        if event in ("GUILD_CREATE", "CHANNEL_CREATE") and not self.intents & INTENT_GUILDS:
            return None
        members_intent = bool(self.intents & INTENT_GUILD_MEMBERS)
        if event == "GUILD_MEMBER_ADD" and not members_intent:
            return None
        if event == "GUILD_CREATE" and not members_intent:
            # Without GUILD_MEMBERS a guild arrives with the bot as its only loaded member.
            bot_id = str(self.world.bot.id)
            return {**data, "members": [m for m in data["members"] if m["user"]["id"] == bot_id]}
        return data

    def _shape_message(self, event: str, data: Json) -> Json | None:
        in_guild = "guild_id" in data
        needed = INTENT_GUILD_MESSAGES if in_guild else INTENT_DIRECT_MESSAGES
        if not self.intents & needed:
            return None
        if in_guild and event != "MESSAGE_DELETE" and not self._may_read(data):
            return {**data, **_STRIPPED}
        return data

    def _may_read(self, data: Json) -> bool:
        # Discord withholds content without MESSAGE_CONTENT, except the bot's own and mentions.
        bot_id = str(self.world.bot.id)
        if self.intents & INTENT_MESSAGE_CONTENT:
            return True
        author = data.get("author", {}).get("id")
        return author == bot_id or any(u.get("id") == bot_id for u in data.get("mentions", []))

    def replay(self, after: int) -> None:
        """Resend what the client missed since sequence `after`."""
        for payload in self.sent:
            if payload["s"] > after and self.connection is not None:
                self.connection.send(payload)


def hello(interval_ms: int) -> Json:
    """Op 10 Hello."""
    return {"op": HELLO, "d": {"heartbeat_interval": interval_ms}, "s": None, "t": None}


def ready_payload(world: World, session: Session, resume_url: str, app_flags: int) -> Json:
    """READY: the bot, its guilds (unavailable until GUILD_CREATE), session and application."""
    return {
        "v": 10,
        "user": {**user_payload(world.bot), "verified": True, "mfa_enabled": False},
        "guilds": [
            {"id": str(g), "unavailable": True} for g in world.guilds if session.owns_guild(g)
        ],
        "session_id": session.id,
        "shard": session.shard,
        "session_type": "normal",
        "resume_gateway_url": resume_url,
        "application": {"id": str(world.application_id), "flags": app_flags},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "user_settings": {},
        "auth": {},
        "geo_ordered_rtc_regions": ["rotterdam"],
        "_trace": ['["sandbox-gateway"]'],
    }


def guild_creates(world: World) -> list[Json]:
    """One GUILD_CREATE per guild."""
    return [guild_create_payload(world, g) for g in world.guilds.values()]


def members_chunk(world: World, request: Json) -> Json:
    """GUILD_MEMBERS_CHUNK answering op 8 with every member of the guild."""
    guild = world.guild(int(request["guild_id"]))
    chunk: Json = {
        "guild_id": str(guild.id),
        "members": [member_payload(world, guild, uid) for uid in guild.member_ids],
        "chunk_index": 0,
        "chunk_count": 1,
    }
    if request.get("nonce"):
        chunk["nonce"] = request["nonce"]
    return chunk


def parse(message: Any) -> Json | None:
    """The JSON payload of a client frame, or None for control frames."""
    if message.type == WSMsgType.TEXT:
        return json.loads(message.data)  # type: ignore[no-any-return]
    if message.type == WSMsgType.BINARY:
        return json.loads(message.data.decode())  # type: ignore[no-any-return]
    return None

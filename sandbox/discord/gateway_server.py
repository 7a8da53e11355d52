"""Serves gateway connections: authenticates them and routes client opcodes."""

from __future__ import annotations

import contextlib

from aiohttp import web

from sandbox.discord.gateway import (
    HEARTBEAT,
    HEARTBEAT_ACK,
    IDENTIFY,
    INVALID_SESSION,
    RECONNECT,
    REQUEST_MEMBERS,
    RESUME,
    Connection,
    Session,
    guild_creates,
    hello,
    members_chunk,
    parse,
    ready_payload,
)
from sandbox.discord.model import PRIVILEGED_INTENTS, Json
from sandbox.discord.world import World

GATEWAY_PATH = "/gateway"


class GatewayServer:
    """The websocket endpoint that GET /gateway/bot points clients at."""

    def __init__(self, world: World, token: str, heartbeat_interval_ms: int) -> None:
        self.world = world
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.portal_intents = PRIVILEGED_INTENTS  # privileged intents switched on in the portal
        self.url = ""
        self.sessions: dict[str, Session] = {}
        self.connections: set[Connection] = set()
        self.identified: list[Json] = []

    @property
    def app_flags(self) -> int:
        """Application flags: the *_LIMITED gateway flags of an unverified bot."""
        flags = 1 << 23  # APPLICATION_COMMAND_BADGE
        for intent, flag in ((1 << 8, 1 << 13), (1 << 1, 1 << 15), (1 << 15, 1 << 19)):
            if self.portal_intents & intent:
                flags |= flag
        return flags

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One client connection from Hello to close."""
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(ws, request.query.get("compress"))
        self.connections.add(connection)
        connection.send(hello(self.heartbeat_interval_ms))
        session: Session | None = None
        try:
            async for message in ws:
                payload = parse(message)
                if payload is not None:
                    session = await self._on_payload(connection, session, payload)
                    await self.world.notify()
        finally:
            self.connections.discard(connection)
            if session is not None and session.connection is connection:
                session.connection = None
                if ws.close_code in (1000, 1001):
                    self._forget(session)
            connection.writer.cancel()
            with contextlib.suppress(BaseException):
                await connection.writer
            await self.world.notify()
        return ws

    async def _on_payload(
        self, connection: Connection, session: Session | None, payload: Json
    ) -> Session | None:
        op, data = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            connection.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY and session is None:
            return self._identify(connection, data or {})
        elif op == RESUME and session is None:
            return self._resume(connection, data or {})
        elif op in (IDENTIFY, RESUME):
            connection.close(4005, "Already authenticated.")
        elif session is None:
            connection.close(4003, "Not authenticated.")
        elif op == REQUEST_MEMBERS:
            session.dispatch("GUILD_MEMBERS_CHUNK", members_chunk(self.world, data or {}))
        return session

    def _identify(self, connection: Connection, data: Json) -> Session | None:
        if data.get("token") != self.token:
            connection.close(4004, "Authentication failed.")
            return None
        intents = data.get("intents")
        if not isinstance(intents, int) or intents < 0:
            connection.close(4013, "Invalid intent(s).")
            return None
        if intents & PRIVILEGED_INTENTS & ~self.portal_intents:
            connection.close(4014, "Disallowed intent(s).")
            return None
        self.identified.append(data)
        session = Session(self.world, intents, data.get("shard") or [0, 1])
        session.connection = connection
        self.sessions[session.id] = session
        session.dispatch("READY", ready_payload(self.world, session, self.url, self.app_flags))
        for guild in guild_creates(self.world):
            if session.owns_guild(int(guild["id"])):
                session.dispatch("GUILD_CREATE", guild)
        self.world.listeners.append(session)
        return session

    def _resume(self, connection: Connection, data: Json) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != self.token:
            connection.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        session.connection = connection
        session.replay(int(data.get("seq") or 0))
        session.dispatch("RESUMED", {"_trace": ['["sandbox-gateway"]']})
        if session not in self.world.listeners:
            self.world.listeners.append(session)
        return session

    def _forget(self, session: Session) -> None:
        # A clean close ends the session; any other drop keeps it buffering for a RESUME.
        self.sessions.pop(session.id, None)
        if session in self.world.listeners:
            self.world.listeners.remove(session)

    def reconnect_all(self) -> None:
        """Ask every client to reconnect and resume (op 7), as Discord does during deploys."""
        for connection in list(self.connections):
            connection.send({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def close_all(self) -> None:
        """Close every connection with 1001 (going away) when the stand-in stops."""
        for connection in list(self.connections):
            connection.close(1001, "Going away")
        for connection in list(self.connections):
            with contextlib.suppress(Exception):
                await connection.writer

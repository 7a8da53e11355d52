"""The Shazam stand-in's HTTP control surface under /_control (JSON), for other processes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from sandbox.shazam.stand_in import ShazamStandIn


def control_routes(stand_in: ShazamStandIn) -> list[web.RouteDef]:
    """Routes that switch fault modes on and off and read the request counter."""

    async def state(_: web.Request) -> web.Response:
        return web.json_response(_state(stand_in))

    async def ready(_: web.Request) -> web.Response:
        await stand_in.ready()
        return web.json_response(_state(stand_in))

    async def rate_limited(request: web.Request) -> web.Response:
        body = await _body(request)
        stand_in.fail_rate_limited(int(body.get("count", 1)),
                                   retry_ms=int(body.get("retry_ms", 10_000)))
        return web.json_response(_state(stand_in))

    async def server_errors(request: web.Request) -> web.Response:
        body = await _body(request)
        stand_in.fail_server_errors(int(body.get("count", 1)), status=int(body.get("status", 503)))
        return web.json_response(_state(stand_in))

    async def non_json(request: web.Request) -> web.Response:
        stand_in.fail_non_json(int((await _body(request)).get("count", 1)))
        return web.json_response(_state(stand_in))

    async def delay(request: web.Request) -> web.Response:
        stand_in.set_delay(float((await _body(request)).get("seconds", 0.0)))
        return web.json_response(_state(stand_in))

    async def rate_limit(request: web.Request) -> web.Response:
        body = await _body(request)
        per_minute = body.get("per_minute")
        stand_in.set_rate_limit(None if per_minute is None else int(per_minute),
                                window_seconds=float(body.get("window_seconds", 60.0)))
        return web.json_response(_state(stand_in))

    async def reset(_: web.Request) -> web.Response:
        stand_in.reset()
        return web.json_response(_state(stand_in))

    return [
        web.get("/_control/state", state),
        web.post("/_control/ready", ready),
        web.post("/_control/rate-limited", rate_limited),
        web.post("/_control/server-errors", server_errors),
        web.post("/_control/non-json", non_json),
        web.post("/_control/delay", delay),
        web.post("/_control/rate-limit", rate_limit),
        web.post("/_control/reset", reset),
    ]


def _state(stand_in: ShazamStandIn) -> dict[str, Any]:
    return {
        "request_count": stand_in.request_count,
        "recognized": stand_in.recognized,
        "ready": stand_in.is_ready,
        "faults": stand_in.faults.state(),
    }


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    body = await request.json()
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="a JSON object is expected")
    return body

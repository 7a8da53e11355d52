"""The media host's /_control routes: byte counts, faults and file sizes as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from sandbox.media.host import MediaHost


def add_control_routes(host: MediaHost) -> None:
    """Register /_control/... on the host's app."""

    async def get_bytes(request: web.Request) -> web.Response:
        path = request.query.get("path")
        if path is not None:
            return web.json_response({"path": path, "bytes": host.bytes_served(path)})
        return web.json_response({"bytes": host.bytes_by_path(), "total": host.bytes_served()})

    async def delete_bytes(request: web.Request) -> web.Response:
        host.reset_bytes()
        return web.json_response({"bytes": {}, "total": 0})

    async def reset(request: web.Request) -> web.Response:
        host.reset_bytes()
        host.set_faults()
        return web.json_response({"ok": True})

    async def get_faults(request: web.Request) -> web.Response:
        return web.json_response(host.faults_json())

    async def post_faults(request: web.Request) -> web.Response:
        body: dict[str, Any] = await request.json() if request.can_read_body else {}
        try:
            host.set_faults(
                body.get("mode"), rate=body.get("rate"), length=body.get("length", True)
            )
        except ValueError as err:
            return web.json_response({"error": str(err)}, status=400)
        return web.json_response(host.faults_json())

    async def get_size(request: web.Request) -> web.Response:
        query = f"?{request.query_string}" if request.query_string else ""
        url = f"{host.origin}/{request.match_info['rest']}{query}"
        try:
            size = await host.size(url)
        except (LookupError, ValueError) as err:
            return web.json_response({"error": str(err)}, status=404)
        return web.json_response({"url": url, "size": size})

    host.app.router.add_get("/_control/bytes", get_bytes)
    host.app.router.add_delete("/_control/bytes", delete_bytes)
    host.app.router.add_post("/_control/reset", reset)
    host.app.router.add_get("/_control/faults", get_faults)
    host.app.router.add_post("/_control/faults", post_faults)
    host.app.router.add_get("/_control/size/{rest:.+}", get_size)

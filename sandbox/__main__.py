"""`python -m sandbox <name> --port N`: run one stand-in on its own until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import sys

# name -> "module:class"; each class is a sandbox.server.StandIn.
STAND_INS = {
    "media": "sandbox.media:MediaHost",
    "shazam": "sandbox.shazam:ShazamStandIn",
    "spotify": "sandbox.spotify:SpotifyStandIn",
    "telegram": "sandbox.telegram:TelegramStandIn",
    "discord": "sandbox.discord:DiscordStandIn",
}


def load(name: str) -> type:
    """The stand-in class registered under `name`."""
    module_name, class_name = STAND_INS[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)  # type: ignore[no-any-return]


async def _serve(name: str, host: str, port: int) -> None:
    async with load(name)(host=host, port=port) as stand_in:
        print(f"{name} stand-in at {stand_in.base_url}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m sandbox")
    parser.add_argument("name", choices=sorted(STAND_INS))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.name, args.host, args.port))
    return 0


if __name__ == "__main__":
    sys.exit(main())

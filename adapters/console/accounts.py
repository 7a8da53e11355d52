"""The console's account commands: /link, /unlink, /playlist, /forget, and pasted callbacks."""

from __future__ import annotations

from collections.abc import Callable

from core import texts
from core.accounts import PlaylistInfo
from core.connect_codes import parse_connect_code, parse_pasted_callback
from core.connecting import REVOKE_HINT, Connecting
from core.errors import SpotifyNotConnected, StashError
from core.models import UserKey


class AccountCommands:
    """Answers account commands for one person; `say` prints a reply."""

    def __init__(self, connecting: Connecting, user: UserKey, say: Callable[[str], None]) -> None:
        self._connecting = connecting
        self._user = user
        self._say = say
        self._confirming_forget = False
        self._listed: list[PlaylistInfo] = []

    async def handle(self, name: str, arg: str) -> bool:
        """Answer `name` if it is an account command; False when it is not one."""
        handlers = {"/link": self._link, "/unlink": self._unlink, "/playlist": self._playlist,
                    "/forget": self._forget}
        handler = handlers.get(name)
        if handler is None:
            return False
        try:
            await handler(arg.strip())
        except SpotifyNotConnected as err:  # /playlist: the one the host keeps, if any
            self._say(await self._connecting.hosting.playlist_text(self._user) or err.user_message)
        except StashError as err:
            self._say(err.user_message)
        return True

    async def maybe_confirm(self, line: str) -> bool:
        """Consume the answer to the /forget question; False when none was pending."""
        if not self._confirming_forget:
            return False
        self._confirming_forget = False
        if line.strip().lower() in ("yes", "y"):
            removed = await self._connecting.forget(self._user)
            self._say(texts.forgotten_text(removed, REVOKE_HINT))
        else:
            self._say(texts.say("forget.kept"))
        return True

    async def maybe_pasted(self, line: str) -> bool:
        """Finish connecting from a pasted callback address (or the code of the callback page, when
        a web server answered the callback); False when the line is neither."""
        pasted, code = parse_pasted_callback(line), parse_connect_code(line)
        if not self._connecting.available:
            return False
        try:
            if code is not None:
                account = await self._connecting.confirm(self._user, code)
            elif pasted is not None:
                account = await self._connecting.finish_pasted(self._user, pasted)
            else:
                return False
            self._say(texts.linked_text(account.display_name))
        except StashError as err:
            self._say(err.user_message)
        return True

    async def _link(self, _: str) -> None:
        self._say(texts.say("link.start", url=await self._connecting.start(self._user)))

    async def _unlink(self, _: str) -> None:
        unlinked = await self._connecting.disconnect(self._user)
        self._say(texts.say("link.unlinked") if unlinked else texts.not_linked())

    async def _forget(self, _: str) -> None:
        self._confirming_forget = True
        self._say(texts.say("console.forget_confirm", confirm=texts.say("forget.confirm")))

    async def _playlist(self, arg: str) -> None:
        if arg.lower().startswith("new"):
            chosen = await self._connecting.new_playlist(self._user, arg[3:])
        elif arg.isdigit() and 0 < int(arg) <= len(self._listed):
            chosen = await self._connecting.use_playlist(self._user,
                                                      self._listed[int(arg) - 1].playlist_id)
        else:
            self._listed = await self._connecting.playlists(self._user)
            lines = [f"  {n}) {p.name}" for n, p in enumerate(self._listed, start=1)]
            self._say("\n".join([texts.say("console.playlists_head"), *lines,
                                 texts.say("console.playlists_tail")]))
            return
        self._say(texts.playlist_text(chosen.name))

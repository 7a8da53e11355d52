"""`stash host link|show|unlink`: the Spotify account that keeps hosted playlists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TextIO

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.host import DENIED, NOT_A_CALLBACK, WHOLE_ADDRESS, HostAccount
from adapters.storage import SqlAccountStore
from bot.parts import encryption_keys, open_storage, spotify_app
from bot.settings import Settings, SettingsError
from core.errors import ConnectFailed, StashError

LINK_STEPS = (
    "Open this address in a browser, log in to Spotify as the account that should keep the "
    "hosted playlists (the app's owner or one of its authorized users) and allow access:\n"
    "{url}\n"
    "Then paste here the address the browser ended on (it may say the page cannot be reached: "
    "that is fine), or the code Stash's page showed. It works once, for 10 minutes.")


OURS = (NOT_A_CALLBACK, WHOLE_ADDRESS, DENIED)


@asynccontextmanager
async def open_host(settings: Settings) -> AsyncIterator[HostAccount]:
    """The host account on this deployment's storage."""
    keys, app = encryption_keys(settings), spotify_app(settings)
    if app is None:
        raise SettingsError("setting SPOTIFY_CLIENT_ID is missing: the host account is a "
                            "Spotify login through the app")
    if not keys:
        raise SettingsError("setting TOKEN_ENCRYPTION_KEYS is missing (make one with "
                            "stash keygen)")
    database = await open_storage(settings)
    try:
        accounts = SpotifyAccounts(app, store=SqlAccountStore(database), cipher=TokenCipher(keys))
        yield HostAccount(accounts)
    finally:
        app.close()
        await database.close()


async def host_command(settings: Settings, action: str, stdin: TextIO, out: TextIO) -> int:
    """Run one `stash host` action; 0 on success, 1 when Spotify or the operator said no."""
    async with open_host(settings) as host:
        try:
            if action == "link":
                return await _link(host, stdin, out)
            if action == "unlink":
                gone = await host.disconnect()
                out.write("Unlinked the host account; its playlists stay on Spotify.\n" if gone
                          else "No host account is linked.\n")
                return 0
            return await _show(host, out)
        except StashError as err:
            out.write(f"stash host {action}: {_said(err)}\n")
            return 1


async def _link(host: HostAccount, stdin: TextIO, out: TextIO) -> int:
    out.write(LINK_STEPS.format(url=await host.authorize_url()) + "\n> ")
    out.flush()
    account = await host.finish(stdin.readline())
    out.write(f"Linked the host account: {account.display_name} ({account.spotify_user_id}). "
              "People with no account of their own now get hosted playlists.\n")
    return 0


async def _show(host: HostAccount, out: TextIO) -> int:
    account = await host.connected()
    if account is None:
        out.write("No host account is linked: run `stash host link`.\n")
        return 1
    out.write(f"Host account: {account.display_name} ({account.spotify_user_id})\n")
    return 0


def _said(err: StashError) -> str:
    """The error in the operator's words: the chats' texts name /link, not this command."""
    if isinstance(err, ConnectFailed) and err.user_message not in OURS:
        return ("that authorization did not work (expired, used, or not from this"
                " `stash host link`): run `stash host link` again")
    return err.user_message

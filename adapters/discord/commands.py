"""The slash commands (/stash, /history, /link, /unlink, /playlist, /groupplaylist, /forget,
/language, /help) and the message menu, each a thin call to its handler."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import discord
from discord import app_commands
from discord.app_commands import locale_str

from adapters.discord.accounts import Accounts
from adapters.discord.deps import Deps, answer_privately, speak
from adapters.discord.files import MENU, FileShares
from adapters.discord.history import History
from adapters.discord.language import LanguageCommand, said
from adapters.discord.shares import Shares
from core import texts
from core.errors import StashError

log = logging.getLogger(__name__)

Asked = discord.Interaction[Any]


@dataclass(frozen=True)
class Handlers:
    """What the commands call."""

    shares: Shares
    accounts: Accounts
    history: History
    language: LanguageCommand
    files: FileShares | None = None


def build_tree(client: discord.Client, deps: Deps, handlers: Handlers
               ) -> app_commands.CommandTree[Any]:
    """The command tree; each command is a thin call to its handler, tracked as in flight."""
    tree: app_commands.CommandTree[Any] = Tree(client, deps)
    run, shares, accounts = deps.inflight.run, handlers.shares, handlers.accounts

    @tree.command(description=said("discord.command.stash"))
    @app_commands.describe(link=said("discord.command.stash.link"))
    async def stash(interaction: Asked, link: str) -> None:
        await run(shares.on_stash(interaction, link))

    @tree.command(name="help", description=said("discord.command.help"))
    async def help_(interaction: Asked) -> None:
        text = texts.say("discord.help", welcome=texts.say("welcome"))
        await run(answer_privately(interaction, texts.with_hosting(text, *accounts.hosting)))

    _add_personal(tree, handlers, run)
    files = handlers.files
    if files is not None:  # Apps → Stash this song, on a message with a video or a link
        async def stash_message(interaction: Asked, message: discord.Message) -> None:
            # Its links, as /stash would take them; else its files (or "nothing here").
            if deps.stash.links_in(message.content):
                await run(shares.on_stash(interaction, message.content))
            else:
                await run(files.on_menu(interaction, message))

        menu = locale_str(MENU, key="discord.menu")
        tree.add_command(app_commands.ContextMenu(name=menu, callback=stash_message))
    tree.on_error = _on_error  # type: ignore[method-assign]
    return tree


def _add_personal(tree: app_commands.CommandTree[Any], handlers: Handlers,
                  run: Callable[[Awaitable[None]], Awaitable[None]]) -> None:
    accounts = handlers.accounts

    @tree.command(description=said("discord.command.history"))
    @app_commands.describe(page=said("discord.command.history.page"))
    async def history(interaction: Asked, page: app_commands.Range[int, 1, 9999] = 1) -> None:
        await run(handlers.history.on_history(interaction, page))

    @tree.command(description=said("discord.command.link"))
    @app_commands.describe(code=said("discord.command.link.code"))
    async def link(interaction: Asked, code: app_commands.Range[str, 1, 40] | None = None
                   ) -> None:
        await run(accounts.on_link(interaction, code))

    @tree.command(description=said("discord.command.unlink"))
    async def unlink(interaction: Asked) -> None:
        await run(accounts.on_unlink(interaction))

    @tree.command(description=said("discord.command.playlist"))
    @app_commands.describe(new=said("discord.command.playlist.new"))
    async def playlist(interaction: Asked, new: str | None = None) -> None:
        await run(accounts.on_playlist(interaction, new))

    @tree.command(description=said("discord.command.forget"))
    async def forget(interaction: Asked) -> None:
        await run(accounts.on_forget(interaction))

    @tree.command(name="language", description=said("discord.command.language"))
    @app_commands.describe(language=said("discord.command.language.language"))
    async def language_(interaction: Asked, language: app_commands.Range[str, 1, 60] | None = None
                        ) -> None:
        await run(handlers.language.on_command(interaction, language))

    @tree.command(name="groupplaylist",
                  description=said("discord.command.groupplaylist"))
    @app_commands.describe(state=said("discord.command.groupplaylist.state"))
    @app_commands.guild_only()
    async def group_playlist(interaction: Asked,
                             state: Literal["on", "off"] | None = None) -> None:
        await run(accounts.on_group_playlist(interaction, state or ""))


class Tree(app_commands.CommandTree[Any]):
    """The command tree; every command is answered in the language of the person asking."""

    def __init__(self, client: discord.Client, deps: Deps) -> None:
        super().__init__(client)
        self._deps = deps

    async def interaction_check(self, interaction: Asked, /) -> bool:
        await speak(self._deps, interaction)
        return True


async def _on_error(interaction: Asked, error: app_commands.AppCommandError) -> None:
    """Log a failed command and tell the person, briefly and privately."""
    log.error("a Discord command failed", exc_info=error)
    try:
        await answer_privately(interaction, StashError.user_message)
    except discord.HTTPException as err:
        log.warning("could not report a failed command: %s", err)

"""The `stash` command line (also `python -m bot`)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from collections.abc import Callable

from adapters.storage import StorageUnavailable
from bot import logs
from bot.settings import Settings, SettingsError, load_settings

USAGE_ERROR = 2


def _keygen(_: argparse.Namespace) -> int:
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())
    return 0


def _rotate_keys(_: argparse.Namespace) -> int:
    settings = _settings()
    from bot.maintenance import rotate_keys

    count = asyncio.run(rotate_keys(settings))
    print(f"re-encrypted {count} stored Spotify tokens under the newest key")
    return 0


def _console(args: argparse.Namespace) -> int:
    settings = _settings(least="WARNING")  # log lines would land in the chat on the screen
    from bot.console import run_console

    return asyncio.run(run_console(settings, sys.stdin, sys.stdout, user=getpass.getuser(),
                                   language=args.language))


def _run(args: argparse.Namespace) -> int:
    settings = _settings()
    if args.check:
        from bot.check import run_checks

        return asyncio.run(run_checks(settings, sys.stdout, args.fronts))
    from bot.fronts import choose_fronts, start_errors

    choose_fronts(settings, args.fronts)  # a misplaced front is refused before anything loads
    from bot.run import run

    try:
        return asyncio.run(run(settings, fronts_asked=args.fronts))
    except RuntimeError as err:
        if not isinstance(err, start_errors()):
            raise
        print(f"stash: {err}", file=sys.stderr)
        return 1


def _db(args: argparse.Namespace) -> int:
    logs.configure("WARNING")
    from adapters.storage.copying import CopyRefused
    from bot.dbcopy import copy_command

    try:
        return asyncio.run(copy_command(args.source, args.target, args.merge, sys.stdout,
                                        sys.stderr))
    except (CopyRefused, ValueError) as err:
        print(f"stash: db copy: {err}", file=sys.stderr)
        return USAGE_ERROR


def _demo(args: argparse.Namespace) -> int:
    logs.configure("WARNING")
    from bot.demo import run_demo

    return asyncio.run(run_demo(sys.stdin, sys.stdout, language=args.language))


def _translations(args: argparse.Namespace) -> int:
    from bot.translations import translations_command

    return translations_command(args, sys.stdout)


def _host(args: argparse.Namespace) -> int:
    settings = _settings()
    from bot.host import host_command

    return asyncio.run(host_command(settings, args.action, sys.stdin, sys.stdout))


def _worker(_: argparse.Namespace) -> int:
    settings = _settings()
    if settings.redis_url is None:
        raise SettingsError("setting REDIS_URL is missing: `stash worker` needs it")
    from bot.worker import run_worker

    return asyncio.run(run_worker(settings))


def _settings(least: str = "DEBUG") -> Settings:
    """The settings, with logging at LOG_LEVEL but never below `least`."""
    settings = load_settings()
    level = max(settings.log_level, least, key=logging.getLevelName)
    logs.configure(level, settings.log_format, secrets=settings.secret_values())
    if settings.sentry_dsn is not None:
        from adapters.sentry import init_sentry

        init_sentry(settings.sentry_dsn.get_secret_value(), secrets=settings.secret_values())
    return settings


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "run": (_run, "run every front that has a token, the web server and the job runner"),
    "console": (_console, "chat with the bot in this terminal"),
    "demo": (_demo, "run the bot against local stand-ins of every service, in the terminal"),
    "worker": (_worker, "run a distributed worker (needs REDIS_URL)"),
    "db": (_db, "copy a deployment's data into another database (SQLite to PostgreSQL)"),
    "host": (_host, "link, show or unlink the Spotify account that keeps hosted playlists"),
    "keygen": (_keygen, "print a new TOKEN_ENCRYPTION_KEYS value"),
    "rotate-keys": (_rotate_keys, "re-encrypt stored tokens under the newest key"),
    "translations": (_translations, "extract, update, compile or check the translations"),
}


def _db_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("action", choices=["copy"])
    command.add_argument("source", metavar="SOURCE_URL", help="e.g. sqlite:///stash.db")
    command.add_argument("target", metavar="TARGET_URL",
                         help="e.g. postgresql://stash@db-host:5432/stash")
    command.add_argument("--merge", action="store_true",
                         help="add to a target that already holds data")


def main(argv: list[str] | None = None) -> int:
    """Entry point: one line and exit code 2 for any setting or storage problem."""
    parser = argparse.ArgumentParser(prog="stash", description="Share a reel, stash the song.")
    sub = parser.add_subparsers(dest="command")
    for name, (_, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text)
        if name == "run":
            command.add_argument("--check", action="store_true",
                                 help="check settings, storage, cookies and outside services")
            command.add_argument("--fronts", metavar="telegram,discord,web",
                                 help="run only these fronts in this process (default: every "
                                      "chat front that has a token, and the web server)")
        if name == "db":
            _db_arguments(command)
        if name == "host":
            command.add_argument("action", choices=["link", "show", "unlink"])
        if name in ("console", "demo"):
            command.add_argument("--language", metavar="CODE", default=None,
                                 help="the language Stash speaks: en, es, pt-BR, id or ru")
        if name == "translations":
            from bot.translations import arguments

            arguments(command)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_usage(sys.stderr)
        print("stash: choose a command; new here? `stash demo` shows the whole flow with no"
              " accounts and no network", file=sys.stderr)
        return USAGE_ERROR
    try:
        return COMMANDS[args.command][0](args)
    except SettingsError as err:
        print(f"stash: {err}", file=sys.stderr)
    except StorageUnavailable as err:
        print(f"stash: storage: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return USAGE_ERROR

"""`stash translations extract|update|compile|check`: the catalogue into locales/, and back.

extract  core/texts -> locales/stash.pot (one message a key, msgctxt = the key)
update   every language's locales/<lang>/LC_MESSAGES/stash.po brought up to date with the .pot
         (`--add LANG` starts a new one: add LANG to core/texts/languages.py first)
compile  each .po -> stash.mo beside it (what the bot loads)
check    every language holds every message, translated, with the same {placeholders}; every
         .mo compiled from its .po; exit 1 with one line a problem otherwise
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

ACTIONS = ("extract", "update", "compile", "check")


def arguments(command: argparse.ArgumentParser) -> None:
    """The subcommand's arguments."""
    command.add_argument("action", choices=ACTIONS)
    command.add_argument("--locales", type=Path, default=None, metavar="DIR",
                         help="the locales directory (default: the one Stash loads)")
    command.add_argument("--add", metavar="LANG", action="append", default=None,
                         help="with update: only these languages (e.g. a new one)")


def translations_command(args: argparse.Namespace, out: TextIO) -> int:
    """Run one action; 0 when it went well (check: when nothing is wrong), 2 with one line on
    stderr for a language Babel does not know or a locales directory without stash.pot."""
    from babel.core import UnknownLocaleError

    try:
        return _run(args, out)
    except UnknownLocaleError as err:
        print(f"stash: translations: no such language: {err.identifier}", file=sys.stderr)
    except FileNotFoundError as err:
        print(f"stash: translations: {err.filename} is missing (run `stash translations "
              "extract` first)", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from adapters.translating import compile_all, extract, pot_path, update
    from adapters.translation_check import check
    from adapters.translations import LOCALES

    root: Path = args.locales or LOCALES
    langs = tuple(args.add) if args.add else None
    if args.action == "extract":
        changed = extract(root)
        out.write(f"{'wrote' if changed else 'unchanged:'} {pot_path(root)}\n")
    elif args.action == "update":
        out.write(_listed("updated", update(root, langs)))
    elif args.action == "compile":
        out.write(_listed("compiled", compile_all(root, langs)))
    else:
        problems = check(root, langs)
        out.writelines(f"{line}\n" for line in problems)
        out.write(f"{len(problems)} problems\n" if problems else "translations: all good\n")
        return 1 if problems else 0
    return 0


def _listed(done: str, langs: list[str]) -> str:
    return f"{done}: {', '.join(langs)}\n" if langs else f"{done}: nothing (up to date)\n"

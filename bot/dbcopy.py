"""`stash db copy SOURCE_URL TARGET_URL [--merge]`: move a deployment's data between databases."""

from __future__ import annotations

from typing import TextIO

from adapters.storage import open_database
from adapters.storage.copying import copy_database


async def copy_command(source_url: str, target_url: str, merge: bool, out: TextIO) -> int:
    """Copy, and say what was copied in one line; CopyRefused / StorageUnavailable propagate."""
    if source_url == target_url:
        raise ValueError("the source and the target are the same database")
    source = await open_database(source_url)
    try:
        target = await open_database(target_url)
        try:
            copied = await copy_database(source, target, merge=merge)
        finally:
            await target.close()
    finally:
        await source.close()
    out.write(f"copied {copied.people} people, {copied.accounts} linked accounts (tokens still"
              f" encrypted), {copied.history} history lines and {copied.ledger} ledger lines"
              f" from {source.name} to {target.name}\n")
    return 0

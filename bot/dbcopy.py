"""`stash db copy SOURCE_URL TARGET_URL [--merge]`: move a deployment's data between databases."""

from __future__ import annotations

from typing import TextIO

from adapters.storage import StorageUnavailable, inspect_database, open_database, schema_behind
from adapters.storage.copying import copy_database


async def copy_command(source_url: str, target_url: str, merge: bool, out: TextIO,
                       err: TextIO) -> int:
    """Copy, and say what was copied in one line; CopyRefused / StorageUnavailable propagate
    (a missing or outdated source among them). A warning on `err` first: the copy is a snapshot."""
    if source_url == target_url:
        raise ValueError("the source and the target are the same database")
    source = await inspect_database(source_url)  # read as it is: never created nor migrated
    try:
        version, current = await schema_behind(source)
        if version < current:
            raise StorageUnavailable(
                f"the source database needs migration {version}→{current}: start this Stash"
                " on it once, then copy")
        err.write("stash: db copy: stop Stash on the source first: what it writes during the"
                  " copy is not copied\n")
        err.flush()
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

"""The ShareBook port on either engine: kept shares and their leases. Taking a stale share is
one UPDATE that re-checks the lease, so two processes never take the same one. A herd's records,
stages and ends are each written in groups (`grouped`), a few statements for many shares."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from adapters.storage.grouped import Grouped, chunks, values
from adapters.storage.sql import Engine, Session
from adapters.storage.store import user_row_ids
from core.models import KeptShare, UserKey


class SqlShareBook:
    """Shares on record, leased to the process working on them."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock
        self._opening = Grouped(database, self._open_all, idempotent=True)
        self._staging = Grouped(database, _stage_all, idempotent=True)
        self._closing = Grouped(database, _close_all, idempotent=True)
        self._claiming = Grouped(database, _claim_all, idempotent=True)

    async def open(self, share: KeptShare, owner: str, lease_until: float) -> None:
        """Record an accepted share, leased to `owner` (once, however often it is tried)."""
        await self._opening((share, owner, lease_until))

    async def _open_all(self, db: Session, opened: list[tuple[KeptShare, str, float]]) -> None:
        ids = await user_row_ids(db, [share.user for share, _, _ in opened], self._clock())
        for chunk in chunks(opened, 10):
            # The label column holds the share's place in its message ("2/3"), not its text.
            await db.execute(
                "INSERT INTO shares (id, user_id, link, chat_id, message_id, label, stage,"  # noqa: S608
                f" started_at, owner, lease_until) VALUES {values(len(chunk), 10)}"
                " ON CONFLICT (id) DO NOTHING",
                [value for share, owner, lease_until in chunk for value in (
                    share.share_id, ids[share.user], share.link, share.chat_id,
                    share.message_id, share.place, share.stage, share.started_at, owner,
                    lease_until)])

    async def stage(self, share_id: str, stage: str) -> None:
        """The stage the share reached."""
        await self._staging((share_id, stage))

    async def posted(self, share_id: str, message_id: str) -> None:
        """The status message of a share recorded before it was posted (a busy channel)."""
        await self._change("UPDATE shares SET message_id = ? WHERE id = ?",
                           (message_id, share_id))

    async def close(self, share_id: str) -> None:
        """The person has their answer: the share is off the record."""
        await self._closing(share_id)

    async def renew(self, owner: str, lease_until: float) -> int:
        """Extend every lease `owner` holds; how many it holds. On the engine's reserved
        connection: a pool busy with a herd's writes never lets a live process's leases lapse."""
        return await self._change("UPDATE shares SET lease_until = ? WHERE owner = ?",
                                  (lease_until, owner), reserved=True)

    async def release(self, owner: str) -> None:
        """`owner` stopped: its shares (and their claims) are any process's at once."""
        await self._change("UPDATE shares SET lease_until = 0, claimed_by = NULL"
                           " WHERE owner = ?", (owner,), reserved=True)

    async def claim(self, share_id: str, owner: str) -> bool:
        """True when `owner` holds the share's lease and no other process claimed it; a
        share taken over (or answered and gone) is not claimed. Claimed in groups: one
        transaction each queued a herd's adds behind a thousand trips to SQLite's writer."""
        claim = _Claim(share_id, owner)
        await self._claiming(claim)  # a group tried again reads its own claims as won
        return claim.won

    async def _change(self, sql: str, args: tuple[object, ...], reserved: bool = False) -> int:
        """One statement that means the same done twice (tried again while the database is
        away)."""
        async def change() -> int:
            async with self.database.write(reserved=reserved) as db:
                return await db.execute(sql, args)

        return await self.database.again(change)

    async def take_stale(self, platform: str, owner: str, now: float, lease_until: float,
                         limit: int, abandoned: float | None = None) -> list[KeptShare]:
        """Lease to `owner` up to `limit` shares of `platform` whose lease ran out, oldest
        first; a claimed one only when its lease ran out before `abandoned` (its claimer is
        then taken for dead, its claim dropped). The outer lease check makes a share taken by
        another process meanwhile stay theirs (PostgreSQL re-checks it on the locked row)."""
        abandoned = now if abandoned is None else min(abandoned, now)
        # Most ticks find nothing: a plain read spares every process a write lock each time.
        if await self.database.fetchone("SELECT 1 FROM shares WHERE lease_until < ? LIMIT 1",
                                        (now,)) is None:
            return []
        async with self.database.write() as db:
            rows = await db.fetchall(
                "UPDATE shares SET owner = ?, lease_until = ?, claimed_by = NULL"
                " WHERE lease_until < ? AND (claimed_by IS NULL OR lease_until < ?) AND id IN"
                " (SELECT s.id FROM shares s JOIN users u ON u.id = s.user_id"
                "  WHERE u.platform = ? AND s.lease_until < ?"
                "  AND (s.claimed_by IS NULL OR s.lease_until < ?)"
                "  ORDER BY s.started_at LIMIT ?)"
                " RETURNING id, user_id, link, chat_id, message_id, label, stage, started_at",
                (owner, lease_until, now, abandoned, platform, now, abandoned, limit))
            taken = []
            for row in rows:
                user = await db.fetchone(
                    "SELECT platform, platform_user_id FROM users WHERE id = ?", (row[1],))
                if user is not None:
                    taken.append(KeptShare(row[0], UserKey(user[0], user[1]), row[2], row[3],
                                           row[4], row[5], row[6], float(row[7])))
        return sorted(taken, key=lambda share: share.started_at)


async def _stage_all(db: Session, staged: list[tuple[str, str]]) -> None:
    by_stage: dict[str, list[str]] = {}
    for share_id, stage in staged:
        by_stage.setdefault(stage, []).append(share_id)
    for stage, ids in by_stage.items():
        for chunk in chunks(ids, 1):
            await db.execute(
                f"UPDATE shares SET stage = ? WHERE id IN ({', '.join('?' * len(chunk))})",  # noqa: S608
                [stage, *chunk])


@dataclass
class _Claim:
    """One share's claim in a group; `won` once the group is committed."""

    share_id: str
    owner: str
    won: bool = False


async def _claim_all(db: Session, claims: list[_Claim]) -> None:
    by_owner: dict[str, list[_Claim]] = {}
    for claim in claims:
        by_owner.setdefault(claim.owner, []).append(claim)
    for owner, mine in by_owner.items():
        for chunk in chunks(mine, 1):
            rows = await db.fetchall(
                "UPDATE shares SET claimed_by = ? WHERE owner = ?"  # noqa: S608
                " AND (claimed_by IS NULL OR claimed_by = ?)"
                f" AND id IN ({', '.join('?' * len(chunk))}) RETURNING id",
                [owner, owner, owner, *(claim.share_id for claim in chunk)])
            won = {row[0] for row in rows}
            for claim in chunk:
                claim.won = claim.share_id in won


async def _close_all(db: Session, share_ids: list[str]) -> None:
    for chunk in chunks(share_ids, 1):
        await db.execute(
            f"DELETE FROM shares WHERE id IN ({', '.join('?' * len(chunk))})",  # noqa: S608
            list(chunk))

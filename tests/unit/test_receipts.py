"""An update is acknowledged once its handlers are done or their shares are on record."""

from __future__ import annotations

import asyncio

from core import receipts


async def settled_soon(receipt: receipts.Receipt) -> bool:
    try:
        await asyncio.wait_for(receipt.settled(), 0.05)
    except TimeoutError:
        return False
    return True


async def test_an_update_is_safe_once_every_share_it_starts_is_on_record() -> None:
    receipt = receipts.Receipt()
    slot = receipt.slot()
    slot.expect(2)
    slot.recorded()
    assert not await settled_soon(receipt)
    slot.recorded()
    assert await settled_soon(receipt)


async def test_a_handler_that_starts_no_share_is_waited_for_until_it_ends() -> None:
    receipt = receipts.Receipt()
    slot = receipt.slot()
    receipts.recorded()  # outside any handler: nothing happens
    assert not await settled_soon(receipt)
    slot.close()
    assert await settled_soon(receipt) and not receipt.refused


async def test_a_handler_sees_its_own_slot_through_the_context() -> None:
    receipt = receipts.Receipt()
    slot = receipt.slot()
    token = receipts.slot.set(slot)
    try:
        receipts.expect(1)
        receipts.recorded()
    finally:
        receipts.slot.reset(token)
    assert await settled_soon(receipt)

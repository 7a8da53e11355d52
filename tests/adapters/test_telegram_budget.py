"""The bot-wide budget and the per-chat pace: rates kept, urgent messages first, no quadratic
bookkeeping."""

from __future__ import annotations

import asyncio

from adapters.telegram.budget import QUIET, BotBudget, Ticket
from adapters.telegram.pacing import ChatPacer, MessagePacing
from tests.fakes import Clock, Sleeps, Ticks, settle


async def granted_order(budget: BotBudget, kinds: list[bool]) -> list[int]:
    order: list[int] = []

    async def one(n: int, urgent: bool) -> None:
        await budget.take(urgent)
        order.append(n)
        budget.release()

    await asyncio.gather(*(one(n, urgent) for n, urgent in enumerate(kinds)))
    return order


def answered_at_once(budget: BotBudget, tickets: list[Ticket]) -> None:
    """Each message is sent and answered as soon as it is granted."""
    for ticket in tickets:
        ticket.granted.add_done_callback(lambda _, ticket=ticket: budget.release(ticket.paid))


async def test_the_budget_keeps_its_rate_and_serves_urgent_messages_first() -> None:
    sleeps = Sleeps()
    budget = BotBudget(2.0, sleeps.clock, sleeps)
    started = sleeps.now
    order = await granted_order(budget, [False, True, False, True, True, True])
    # Two at once (a second's worth), then one each half second; urgent ones first.
    assert order == [1, 3, 4, 5, 0, 2]
    assert sleeps.now - started >= 2.0


async def test_a_promoted_ticket_passes_the_routine_ones() -> None:
    sleeps = Sleeps()
    budget = BotBudget(1.0, sleeps.clock, sleeps)
    await budget.take()  # the budget is spent
    budget.release()
    routine = [budget.ticket(urgent=False) for _ in range(3)]
    answered_at_once(budget, routine)
    routine[2].promote()
    await routine[2]
    assert not routine[0].granted.done() and not routine[1].granted.done()
    await asyncio.gather(routine[0], routine[1])


async def test_no_limit_grants_at_once() -> None:
    sleeps = Sleeps()
    budget = BotBudget(0, sleeps.clock, sleeps)

    async def send() -> None:
        await budget.take()
        budget.release()

    await asyncio.gather(*(send() for _ in range(100)))
    assert sleeps.asked == []


async def test_without_a_rate_the_places_in_flight_go_to_urgent_messages_first() -> None:
    sleeps = Sleeps()
    budget = BotBudget(0, sleeps.clock, sleeps, max_in_flight=4)
    await budget.take(urgent=False)  # routine messages may have half the places
    await budget.take(urgent=True)
    routine = budget.ticket(urgent=False)
    urgent = [budget.ticket(urgent=True) for _ in range(3)]
    await asyncio.gather(urgent[0], urgent[1])
    assert not urgent[2].granted.done() and not routine.granted.done()  # four in flight
    budget.release()
    await urgent[2]
    assert not routine.granted.done()
    for _ in range(3):
        budget.release()
    await routine


async def test_without_a_rate_stages_wait_until_first_messages_stop_coming() -> None:
    # A herd with flood limits off: stages went out between first messages, slowing them.
    clock = Clock(1000.0)
    ticks = Ticks(clock)
    budget = BotBudget(0, clock, ticks.sleep)
    await budget.take(urgent=True)  # a first message goes at once
    budget.release()
    stage = budget.ticket(urgent=False)
    await settle()
    assert not stage.granted.done()
    clock.advance(0.05)
    await budget.take(urgent=True)  # another person's first message, still at once
    budget.release()
    await settle()
    assert not stage.granted.done() and ticks.asleep  # the bot is not quiet yet
    await ticks.wake()  # QUIET after the last first message
    await stage
    clock.advance(QUIET)
    await budget.take(urgent=False)  # quiet: a stage goes at once


async def test_a_cancelled_wait_gives_its_turn_to_the_next() -> None:
    sleeps = Sleeps()
    budget = BotBudget(1.0, sleeps.clock, sleeps)
    await budget.take()
    budget.release()
    quitter = asyncio.create_task(budget.take())
    await asyncio.sleep(0)
    quitter.cancel()
    await budget.take()
    assert (budget.granted, budget.in_flight) == (2, 1)


def test_per_chat_bookkeeping_stays_linear_past_many_chats() -> None:
    clock = [0.0]
    pacer = ChatPacer(MessagePacing(clock=lambda: clock[0]))
    for chat in range(20_000):
        clock[0] += 0.0001  # everyone within two seconds: nobody's allowance is full again
        pacer.take(chat, private=True)
    assert len(pacer) == 20_000
    # A sweep each time the count doubles, not one per message past 1,024 chats.
    assert pacer.sweeps <= 5
    clock[0] += 60  # a minute later every allowance is full: the next sweep forgets them
    for chat in range(20_000, 35_000):
        pacer.take(chat, private=True)
    assert len(pacer) == 15_000


async def test_new_messages_past_the_free_rate_go_paid_and_edits_wait_for_the_free_rate() -> None:
    sleeps = Sleeps()
    budget = BotBudget(2.0, sleeps.clock, sleeps, paid_per_second=5.0)
    results = [budget.ticket(urgent=True) for _ in range(3)]  # edits: never paid for
    stage = budget.ticket(urgent=False, payable=True)  # an intermediate stage: never paid
    firsts = [budget.ticket(urgent=True, payable=True) for _ in range(6)]
    granted: list[str] = []
    answered_at_once(budget, [*results, stage, *firsts])
    for name, ticket in [*(("result", t) for t in results), ("stage", stage),
                         *(("first", t) for t in firsts)]:
        ticket.granted.add_done_callback(lambda _, name=name: granted.append(name))
    await asyncio.gather(*results, stage, *firsts)
    # A second's worth of free messages, then the new ones paid for (five a second) while the
    # edit waits for the free rate, and the stage last.
    assert granted == ["result", "result", *["first"] * 6, "result", "stage"]
    assert [t.paid for t in firsts] == [True] * 6
    assert not any(t.paid for t in [*results, stage])
    assert budget.paid == 6


async def test_without_a_paid_rate_nothing_is_paid_for() -> None:
    sleeps = Sleeps()
    budget = BotBudget(2.0, sleeps.clock, sleeps)
    firsts = [budget.ticket(urgent=True, payable=True) for _ in range(6)]
    answered_at_once(budget, firsts)
    started = sleeps.now
    await asyncio.gather(*firsts)
    assert not any(t.paid for t in firsts) and budget.paid == 0
    assert sleeps.now - started >= 2.0  # at the free rate


async def test_a_waiting_first_message_that_becomes_the_result_may_go_paid() -> None:
    clock = Clock()
    ticks = Ticks(clock)
    budget = BotBudget(1.0, clock, ticks.sleep, paid_per_second=5.0)
    await budget.take()  # the free rate is spent
    got_it = budget.ticket(urgent=True, payable=False)  # a known answer's "Got it": not paid
    await settle()
    assert not got_it.granted.done()
    got_it.promote(payable=True)  # the result is here, to be sent as the first message
    await got_it
    assert got_it.paid and budget.paid == 1

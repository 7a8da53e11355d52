"""Per-chat message allowances: a herd's chats are forgotten once their allowance is full
again, however few they were (bench/bench_memory.py measures what a herd leaves behind)."""

from adapters.chat.allowances import Allowances


def test_a_herds_chats_are_forgotten_once_their_allowance_is_full_again() -> None:
    clock = [0.0]
    allowances = Allowances(lambda: clock[0], lambda: 10.0)
    for chat in range(1000):  # fewer than a sweep by count would wait for
        allowances.take(chat, burst=10, interval=1.0)
    assert len(allowances) == 1000
    clock[0] += 11
    allowances.take(5000, burst=10, interval=1.0)
    assert len(allowances) == 1  # only the chat that just had a message

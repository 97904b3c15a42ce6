"""Flood control arithmetic, on a hand-moved clock."""

from __future__ import annotations

from bot.fake_api import FloodControl, Limits, ManualClock


def burst(flood: FloodControl, chat_id: int, chat_type: str, count: int) -> list[int | None]:
    return [flood.acquire(chat_id, chat_type) for _ in range(count)]


def test_private_chat_bucket_allows_burst_then_one_per_second() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(), clock)
    assert burst(flood, 1, "private", 3) == [None, None, None]
    assert flood.acquire(1, "private") == 1
    clock.advance(0.5)
    assert flood.acquire(1, "private") == 1  # half a token is not enough
    clock.advance(0.5)
    assert flood.acquire(1, "private") is None
    assert flood.acquire(2, "private") is None  # other chats have their own bucket


def test_refused_calls_use_no_quota() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(), clock)
    burst(flood, 1, "private", 3)
    assert burst(flood, 1, "private", 5) == [1] * 5
    clock.advance(1)
    assert flood.acquire(1, "private") is None  # the retries did not dig a deeper hole


def test_group_sliding_window_of_twenty_per_minute() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(global_max=1000), clock)
    for _ in range(20):
        assert flood.acquire(-100, "supergroup") is None
        clock.advance(1)
    # 20 sent at t=0..19; the window frees its oldest slot at t=60.
    assert flood.acquire(-100, "supergroup") == 40
    clock.advance(40)
    assert flood.acquire(-100, "supergroup") is None
    assert flood.acquire(-100, "supergroup") == 1


def test_global_thirty_per_second_across_chats() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(), clock)
    results = [flood.acquire(chat_id, "private") for chat_id in range(1, 11) for _ in range(3)]
    assert results == [None] * 30
    assert flood.acquire(99, "private") == 1
    clock.advance(1)
    assert flood.acquire(99, "private") is None


def test_scale_speeds_up_every_rate() -> None:
    clock = ManualClock()
    flood = FloodControl(Limits(scale=4), clock)
    burst(flood, 1, "private", 3)
    assert flood.acquire(1, "private") == 1  # 0.25 s rounds up to Telegram's minimum of 1
    clock.advance(0.25)
    assert flood.acquire(1, "private") is None
    assert burst(flood, -5, "group", 20) == [None] * 20
    assert flood.acquire(-5, "group") == 15  # 60 s / 4


def test_disabled_never_refuses() -> None:
    flood = FloodControl(Limits(enabled=False), ManualClock())
    assert burst(flood, 1, "private", 100) == [None] * 100

"""Start-up against a Bot API that is slow or not there yet (the network comes up after
the bot, Telegram hiccups): retry with backoff, one log line per retry, and give up after
a bounded time with one clear line rather than a traceback."""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    RetryError,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class StartupRetry:
    """Seconds: the first wait, the longest wait, and how long to keep trying in all."""
    first: float = 1.0
    longest: float = 30.0
    give_up_after: float = 300.0


class StartupFailed(Exception):
    """The Bot API could not be reached at start-up within the bounded time; the message is
    the one line an operator needs."""


def _error(exc: BaseException | None) -> str:
    text = str(exc).strip().splitlines()[0] if exc is not None and str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def with_retries(what: str, call: Callable[[], Awaitable[T]], transient: tuple[type[BaseException], ...],
                       policy: StartupRetry) -> T:
    """`await call()`, retrying the `transient` (network) errors; any other error is not
    the network's and goes through at once (a wrong token must not be retried for minutes)."""
    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        log.warning("%s failed (%s); attempt %d, retrying in %.1f s", what, _error(exc), state.attempt_number + 1,
                    wait)

    try:
        async for attempt in AsyncRetrying(
                retry=retry_if_exception_type(transient), before_sleep=before_sleep,
                wait=wait_exponential(multiplier=policy.first, max=policy.longest),
                stop=stop_after_delay(policy.give_up_after)):
            with attempt:
                return await call()
    except RetryError as gave_up:
        last = gave_up.last_attempt.exception()
        raise StartupFailed(f"could not reach the Telegram Bot API for {what} within {policy.give_up_after:g} s "
                            f"({_error(last)}); giving up") from None
    raise AssertionError("unreachable: AsyncRetrying either returns or raises")

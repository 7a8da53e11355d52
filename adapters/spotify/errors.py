"""One map from what spotipy and requests raise to our errors, and one retry policy for
the Web API's 429s and 5xx answers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import cast

import requests
import spotipy
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from core.errors import NetworkTrouble, RateLimited, SpotifyAccessDenied, StashError
from core.texts import say

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]

NOT_ON_APP_LIST = say("link.not_on_app_list")
FEWER_PERMISSIONS = say("link.fewer_permissions")


def retry_after(err: spotipy.SpotifyException) -> float:
    """Seconds Spotify asked us to wait (1 when it did not say)."""
    try:
        return max(float((err.headers or {}).get("Retry-After", 1)), 0.0)
    except (TypeError, ValueError):
        return 1.0


def is_not_on_app_list(err: spotipy.SpotifyException) -> bool:
    """True for the 403 Development Mode gives people the app's owner did not add."""
    return err.http_status == 403 and "not registered" in str(err.msg).lower()


def refusal(err: spotipy.SpotifyException | requests.RequestException) -> StashError:
    """Our error for a Web API refusal (or an unreachable Spotify) nobody handled more
    precisely."""
    if isinstance(err, requests.RequestException):
        return NetworkTrouble()
    if is_not_on_app_list(err):
        return SpotifyAccessDenied(NOT_ON_APP_LIST)
    if err.http_status == 429:
        return RateLimited(retry_after(err))
    if err.http_status >= 500:
        return NetworkTrouble()
    log.warning("Spotify refused a call: %s", err.http_status)
    return StashError()


@contextmanager
def refusals_as_ours() -> Iterator[None]:
    """Raise `refusal(err)` for any Web API refusal or failed request inside the block."""
    try:
        yield
    except (spotipy.SpotifyException, requests.RequestException) as err:
        raise refusal(err) from err


def retrying(*, max_wait: float, server_errors: int, backoff: float = 0.5,
             sleep: Sleep) -> AsyncRetrying:
    """Retry 429s while the waits together stay within `max_wait` (a longer one fails at once,
    without sleeping), and 5xx answers until `server_errors` of them, with a growing backoff;
    the last refusal is raised as spotipy's."""
    statuses: list[int] = []  # of the refusals so far

    def wait(state: RetryCallState) -> float:
        # Only a SpotifyException is retried (see _retryable), so only one gets here.
        failed = cast(spotipy.SpotifyException, state.outcome and state.outcome.exception())
        statuses.append(failed.http_status)
        if failed.http_status == 429:  # at least a second, so "Retry-After: 0" cannot spin
            return max(retry_after(failed), 1.0)
        return backoff * sum(status >= 500 for status in statuses)

    def stop(state: RetryCallState) -> bool:
        if statuses[-1] >= 500 and sum(status >= 500 for status in statuses) >= server_errors:
            return True
        return state.idle_for + (state.upcoming_sleep or 0.0) > max_wait

    def told(state: RetryCallState) -> None:
        log.info("Spotify answered %s, trying again in %.1fs", statuses[-1], state.upcoming_sleep)

    return AsyncRetrying(retry=retry_if_exception(_retryable), wait=wait, stop=stop, sleep=sleep,
                         before_sleep=told, reraise=True)


def _retryable(err: BaseException) -> bool:
    return isinstance(err, spotipy.SpotifyException) and (
        err.http_status == 429 or err.http_status >= 500)

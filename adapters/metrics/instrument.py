"""Port decorators that count every call to an outside service by result and status class."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from core.errors import StashError

T = TypeVar("T")


class CallCounter(Protocol):
    """Where counts go (PrometheusTelemetry.outside_call)."""

    def outside_call(self, service: str, result: str, status: str) -> None:
        """Count one call."""
        ...


async def counted(counter: CallCounter, service: str, call: Callable[[], Awaitable[T]]) -> T:
    """Run `call`, counting its result (an error by its kind and status, core/errors.py); errors
    pass through unchanged."""
    try:
        result = await call()
    except StashError as err:
        counter.outside_call(service, err.kind, err.status)
        raise
    except Exception:
        counter.outside_call(service, "unexpected", "other")
        raise
    counter.outside_call(service, "ok", "2xx")
    return result


class _Counted:
    """Wraps an adapter: its async methods named in `methods` are counted, the rest pass."""

    def __init__(self, inner: Any, counter: CallCounter, service: str,
                 methods: frozenset[str]) -> None:
        self._inner = inner
        self._counter = counter
        self._service = service
        self._methods = methods

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name not in self._methods:
            return attribute

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await counted(self._counter, self._service,
                                 lambda: attribute(*args, **kwargs))

        return call


def instrument(inner: T, counter: CallCounter, service: str, *methods: str) -> T:
    """`inner` with calls to `methods` counted under `service`."""
    return _Counted(inner, counter, service, frozenset(methods))  # type: ignore[return-value]

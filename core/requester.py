"""Who the work under way is for, so that outside budgets can be shared fairly among people.

Set while a share is handled. An identification started for it runs in a task, which inherits
the value: a flight's requests count against the person whose share started it.
"""

from __future__ import annotations

from contextvars import ContextVar

from core.models import UserKey

requester: ContextVar[UserKey | None] = ContextVar("requester", default=None)

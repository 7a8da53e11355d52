"""The key Stash's host account is stored under: no front has its platform, so no chat account
can ever act as the host."""

from core.models import UserKey

HOST = UserKey("stash-host", "host")

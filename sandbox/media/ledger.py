"""What the media host served: body bytes per path and one record per media request."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Served:
    """One media request, as the host saw it: what was asked and how many body bytes went out."""

    method: str
    path: str
    range: str | None
    status: int = 0
    bytes: int = 0


class Ledger:
    """Body bytes handed to the socket, per path (query ignored), and the media requests."""

    def __init__(self) -> None:
        self.requests: list[Served] = []
        self._bytes: Counter[str] = Counter()

    def open(self, method: str, path: str, range_header: str | None) -> Served:
        """Start recording one media response."""
        record = Served(method, path, range_header)
        self.requests.append(record)
        return record

    def count(self, record: Served, written: int) -> None:
        """`written` more body bytes of a media response went out."""
        record.bytes += written
        self._bytes[record.path] += written

    def count_page(self, path: str, written: int) -> None:
        """A small non-media body (an error text, the login page) went out."""
        self._bytes[path] += written

    def bytes_served(self, path_or_url: str | None = None) -> int:
        """Bytes for one path (a full URL works too); every path when None."""
        if path_or_url is None:
            return sum(self._bytes.values())
        return self._bytes[urlsplit(path_or_url).path]

    def by_path(self) -> dict[str, int]:
        """Bytes per path."""
        return dict(self._bytes)

    def reset(self) -> None:
        """Forget every count and record."""
        self._bytes.clear()
        self.requests.clear()

"""What one chat message asks of Stash, and what to tell its sender besides the shares."""

from __future__ import annotations

from dataclasses import dataclass

from core import texts
from core.errors import TooManyShares
from core.models import Link
from core.outcomes import LinkRefused
from core.refusals import RefusedLink


@dataclass(frozen=True)
class MessagePlan:
    """What a chat message asks for: the links to stash, the refused ones, and what was cut."""

    links: tuple[Link, ...]
    refused: tuple[RefusedLink, ...]
    skipped: int = 0  # beyond the per-message cap
    limited: int = 0  # beyond the person's per-minute limit

    def notes(self) -> list[str]:
        """What to tell the person besides the shares: refusals, no link, links cut or held."""
        notes = list(dict.fromkeys(texts.outcome_text(LinkRefused(r)) for r in self.refused))
        if not (self.links or self.refused or self.limited):
            notes.append(texts.no_link())
        if self.skipped:
            notes.append(texts.skipped_text(self.skipped))
        if self.limited:
            notes.append(TooManyShares.user_message)
        return notes

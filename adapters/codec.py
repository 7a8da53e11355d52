"""Identifications and choices to and from JSON: for the rows that hold them (storage/) and an
identification job's result (jobs/)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from core.models import (
    Candidate,
    CatalogTrack,
    Identification,
    PendingChoice,
    Recognition,
    UserKey,
    Verdict,
)


def _recognition(data: dict[str, Any] | None) -> Recognition | None:
    if data is None:
        return None
    return Recognition(**{**data, "artists": tuple(data["artists"])})


def _candidates(items: list[dict[str, Any]]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(CatalogTrack(**{**c["track"], "artists": tuple(c["track"]["artists"])}),
                  c["score"])
        for c in items
    )


def dump_identification(ident: Identification) -> str:
    """JSON for an identification row."""
    return json.dumps(dataclasses.asdict(ident), ensure_ascii=False)


def load_identification(body: str) -> Identification:
    """An identification from its row."""
    data = json.loads(body)
    return Identification(data["canonical_url"], Verdict(data["verdict"]),
                          _recognition(data["recognition"]), _candidates(data["candidates"]))


def dump_choice(choice: PendingChoice) -> str:
    """JSON for a choice row (its owner and expiry live in their own columns)."""
    data = dataclasses.asdict(choice)
    del data["owner"], data["expires_at"]
    return json.dumps(data, ensure_ascii=False)


def load_choice(body: str, owner: UserKey, expires_at: float) -> PendingChoice:
    """A pending choice from its row."""
    data = json.loads(body)
    return PendingChoice(data["choice_id"], owner, data["canonical_url"],
                         _candidates(data["candidates"]), expires_at,
                         _recognition(data["recognition"]), data.get("platform", "unknown"),
                         data.get("group"))

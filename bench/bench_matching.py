"""How often matching decides right over the decision table in tests/unit/matching_cases.

Run: python bench/bench_matching.py   (figures are printed, never asserted)

Each row is a realistic Shazam answer and what a Spotify search returns for it. A decision is
right, asked needlessly (a question where an add was right, or where nothing fits), a wrong
silent add (an add of anything but the expected recording), or missed (not found, or a question
without the expected tracks). (Ranking sorts completely, so the order of the candidates cannot
change a decision; the order in which Spotify's queries answer is tested in
tests/unit/test_query_order.py.)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.fuzzy import similarity
from core import matching
from core.models import CatalogTrack, Verdict
from tests.unit.matching_cases import (
    ASKED_NEEDLESSLY,
    MISSED,
    RIGHT,
    WRONG_SILENT_ADD,
    Case,
    all_cases,
    judge,
)


def decided(case: Case, candidates: tuple[CatalogTrack, ...]
            ) -> tuple[Verdict, tuple[CatalogTrack, ...]]:
    """The verdict and offered tracks for one row, with the production similarity."""
    ranked = matching.rank(case.recognition, candidates, case.hint, similarity)
    decision = matching.decide(case.recognition, ranked, similarity)
    return decision.verdict, tuple(c.track for c in decision.candidates)


def main() -> None:
    """Print the figures and the rows that are not right."""
    cases = all_cases()
    tally: Counter[str] = Counter()
    for case in cases:
        verdict, offered = decided(case, case.candidates)
        outcome = judge(case, verdict, offered)
        tally[outcome] += 1
        if outcome != RIGHT:
            names = ", ".join(t.name for t in offered) or "-"
            print(f"  {outcome:17} {case.name}  →  {verdict.value}: {names}")
    total = len(cases)
    print(f"\n{total} cases")
    for outcome in (RIGHT, ASKED_NEEDLESSLY, WRONG_SILENT_ADD, MISSED):
        print(f"  {outcome:17} {tally[outcome]:4}  {100 * tally[outcome] / total:5.1f}%")


if __name__ == "__main__":
    main()

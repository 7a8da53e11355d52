"""How often matching decides right over the decision table in tests/unit/matching_cases.

Run: python bench/bench_matching.py   (figures are printed, never asserted)
     python bench/bench_matching.py --rows   (also every tuned row that is not right)

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
    held_out_cases,
    judge,
    reviewed_held_out_cases,
)

OUTCOMES = (RIGHT, ASKED_NEEDLESSLY, WRONG_SILENT_ADD, MISSED)


def decided(case: Case, candidates: tuple[CatalogTrack, ...]
            ) -> tuple[Verdict, tuple[CatalogTrack, ...]]:
    """The verdict and offered tracks for one row, with the production similarity."""
    ranked = matching.rank(case.recognition, candidates, case.hint, similarity)
    decision = matching.decide(case.recognition, ranked, similarity, case.hint)
    return decision.verdict, tuple(c.track for c in decision.candidates)


def tally(cases: list[Case], show: bool) -> dict[str, Counter[str]]:
    """Outcomes per shape of the catalogue; the rows that are not right are printed if asked."""
    shapes: dict[str, Counter[str]] = {}
    for case in cases:
        verdict, offered = decided(case, case.candidates)
        outcome = judge(case, verdict, offered)
        shapes.setdefault(case.shape, Counter())[outcome] += 1
        if show and outcome != RIGHT:
            names = ", ".join(t.name for t in offered) or "-"
            print(f"  {outcome:17} {case.name}  →  {verdict.value}: {names}")
    return shapes


def table(title: str, shapes: dict[str, Counter[str]]) -> None:
    """One row per shape and a total: right, asked needlessly, wrong silent add, missed."""
    print(f"\n{title}\n| shape | rows | " + " | ".join(OUTCOMES) + " |")
    print("|---|---|" + "---|" * len(OUTCOMES))
    total: Counter[str] = Counter()
    for shape in sorted(shapes):
        total += shapes[shape]
        print(row(shape, shapes[shape]))
    print(row("all", total))


def row(name: str, counts: Counter[str]) -> str:
    rows = sum(counts.values())
    right = f"{counts[RIGHT]} ({100 * counts[RIGHT] / rows:.1f}%)"
    return f"| {name} | {rows} | {right} | " + " | ".join(str(counts[o]) for o in OUTCOMES[1:]) \
        + " |"


def main() -> None:
    """Print the figures per shape, for the table and for issue 25's held-out rows."""
    show = "--rows" in sys.argv
    table("Decision table (tuned against)", tally(all_cases(), show))
    # The held-out rows are never shown one by one: they are not to be tuned against.
    table("Held out (issue 25; never tuned against)", tally(held_out_cases(), False))
    table("Held out (its review; never tuned against)", tally(reviewed_held_out_cases(), False))


if __name__ == "__main__":
    main()

"""Rows for words we cannot place: a genre tag, a studio session, a mash-up on one side only.

Such words may name another version ("(Techno)", "- Phonk", "(Jersey Club)"), so they never
let Stash add without asking; a bracketed phrase that is part of the song's name ("(Da Ba
Dee)"), a bracket naming the song's own artists, or the title in another script does not block.
"""

from __future__ import annotations

from core.models import CatalogTrack
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, Case, heard, t

DRIVE = t("drive", "Midnight Drive", "Nova Lane", ms=201_000, pop=60)


def _drive(uri: str, name: str) -> CatalogTrack:
    return t(uri, name, "Nova Lane", ms=199_000, pop=30)


TECHNO = _drive("techno", "Midnight Drive (Techno)")
STUDIO = _drive("studio", "Midnight Drive - Recorded at Electric Lady Studios")
JERSEY = _drive("jersey", "Midnight Drive (Jersey Club)")
PHONK = _drive("phonk", "Midnight Drive - Phonk")
MASHUP = _drive("mashup", "Midnight Drive (Mashup)")
DUB = _drive("dub", "Midnight Drive (Dub)")
BOOSTED = _drive("boosted", "Midnight Drive (Bass Boosted)")
SCREWED = _drive("screwed", "Midnight Drive (Chopped & Screwed)")
DNB = _drive("dnb", "Midnight Drive (Drum and Bass)")
HARD = _drive("hard", "Midnight Drive [Hardstyle]")
ONE_SIDED = (TECHNO, STUDIO, JERSEY, PHONK, MASHUP, DUB, BOOSTED, SCREWED, DNB, HARD)

SWEET = t("sweet", "Sweet Dreams (Are Made of This) - 2005 Remaster", "Eurythmics",
          ms=216_000, pop=80)
DONTYOU = t("dontyou", "Don't You (Forget About Me)", "Simple Minds", ms=263_000, pop=78)
DONTYOU_DUB = t("dontyoudub", "Don't You (Forget About Me) - Dub", "Simple Minds",
                ms=300_000, pop=20)
SENORITA = t("senorita", "Señorita", "Shawn Mendes", "Camila Cabello", ms=190_800, pop=85)
IDOL = t("idol", "IDOL (아이돌)", "BTS", ms=222_000, pop=70)

CASES = [
    *(Case(f"unplaced: original heard, only '{track.name[15:]}' on Spotify: ask",
           heard("Midnight Drive", "Nova Lane"), (track,), AMBIGUOUS, (track,))
      for track in ONE_SIDED),
    Case("unplaced: a tagged version heard, only the original: ask",
         heard("Midnight Drive (Techno)", "Nova Lane"), (DRIVE,), AMBIGUOUS, (DRIVE,)),
    Case("unplaced: a dash tag heard, only the original: ask",
         heard("Midnight Drive - Phonk", "Nova Lane"), (DRIVE,), AMBIGUOUS, (DRIVE,)),
    Case("unplaced: the original among tagged versions",
         heard("Midnight Drive", "Nova Lane"), (TECHNO, JERSEY, DRIVE, PHONK), MATCHED, (DRIVE,)),
    Case("unplaced: the tagged version heard and on Spotify",
         heard("Midnight Drive (Jersey Club)", "Nova Lane"), (DRIVE, JERSEY), MATCHED, (JERSEY,)),
    Case("unplaced: a subtitle phrase Shazam leaves out, beside a remaster",
         heard("Sweet Dreams", "Eurythmics"), (SWEET,), MATCHED, (SWEET,)),
    Case("unplaced: a subtitle phrase over its dub", heard("Don't You", "Simple Minds"),
         (DONTYOU_DUB, DONTYOU), MATCHED, (DONTYOU,)),
    Case("unplaced: the heard dub beside the subtitled original",
         heard("Don't You (Forget About Me) - Dub", "Simple Minds"), (DONTYOU, DONTYOU_DUB),
         MATCHED, (DONTYOU_DUB,)),
    Case("unplaced: Shazam's bracket names the song's own artists",
         heard("Señorita (Shawn Mendes & Camila Cabello)", "Shawn Mendes", "Camila Cabello"),
         (SENORITA,), MATCHED, (SENORITA,)),
    Case("unplaced: the title in another script in brackets", heard("IDOL", "BTS"), (IDOL,),
         MATCHED, (IDOL,)),
]

"""Held-out rows for the review of issue 25's matcher: written before the fixes, never tuned
against; bench/bench_matching.py prints them apart."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, Case, heard, said, t

Acts = partial(Case, shape="1 other act")
Twins = partial(Case, shape="2 ISRC twin")
Copies = partial(Case, shape="3 release copies")
Names = partial(Case, shape="5 names with , & +")
Lesser = partial(Case, shape="7 live, classical, mixes, parts")

CALM = t("calm", "Calm Down (with Selena Gomez)", "Rema", "Selena Gomez", ms=239_000, pop=88)
PANINI = t("panini", "Panini (feat. DaBaby) - Remix", "Lil Nas X", "DaBaby", ms=124_000, pop=60)
BRIDGE = t(
    "bridge",
    "Bridge Over Troubled Water",
    "Aretha Franklin",
    ms=330_000,
    pop=55,
    album="Young, Gifted and Black",
)
BRIDGE_RPO = t(
    "bridgerpo",
    "Bridge Over Troubled Water",
    "Aretha Franklin & The Royal Philharmonic Orchestra",
    ms=336_000,
    pop=45,
    album="A Brand New Me",
)
CRYING_RPO = t(
    "cryingrpo", "Crying", "Roy Orbison & The Royal Philharmonic Orchestra", ms=175_000, pop=40
)
HEAT_SESSION = t(
    "heatsession",
    "Heat Waves - Recorded at Spotify Studios NYC",
    "Glass Animals",
    ms=240_000,
    pop=35,
)
UNHOLY = t(
    "unholy",
    "Unholy (feat. Kim Petras)",
    "Sam Smith",
    "Kim Petras",
    isrc="GBUM72205415",
    ms=156_943,
    pop=85,
)
UNHOLY_TECHNO = t(
    "unholytechno",
    "Unholy (feat. Kim Petras) (Techno)",
    "Sam Smith",
    "Kim Petras",
    isrc="GBUM72205415",
    ms=150_000,
    pop=88,
)
SNOOZE = t("snooze", "Snooze", "SZA", isrc="USRC12203687", ms=201_800, pop=86)
SNOOZE_FT = t(
    "snoozeft",
    "Snooze (feat. Justin Bieber)",
    "SZA",
    "Justin Bieber",
    isrc="USRC12203687",
    ms=202_000,
    pop=89,
)
LOVED_KO = t("lovedko", "Someone You Loved", "Lewis Capaldy", ms=182_000, pop=8)
LOVED = t("loved", "Someone You Loved", "Lewis Capaldi", ms=182_160, pop=90)
_K525 = 'Serenade No. 13 in G Major, K. 525 "Eine kleine Nachtmusik": I. Allegro'
K525_A = t(
    "k525a",
    _K525,
    "Wolfgang Amadeus Mozart",
    "Academy of St Martin in the Fields",
    "Neville Marriner",
    ms=350_000,
    pop=50,
)
K525_B = t("k525b", _K525, "Wolfgang Amadeus Mozart", "Wiener Philharmoniker", ms=356_000, pop=45)
YOUR_LOVE_INST = t(
    "yourloveinst",
    "Your Love - Frankie Knuckles Instrumental Mix",
    "Jamie Principle",
    ms=420_000,
    pop=25,
)
AS_IT_WAS = t(
    "asitwas", "As It Was", "Harry Styles", ms=167_303, pop=90, album="Harry's House", kind="album"
)
AS_IT_WAS_COMP = t(
    "asitwascomp",
    "As It Was",
    "Harry Styles",
    ms=167_303,
    pop=92,
    album="Summer Vibes 2022",
    kind="compilation",
)
AUTOMATIC = t(
    "automatic", "Automatic", "Miranda Lambert", ms=223_000, pop=55, album="Platinum", kind="album"
)
AUTOMATIC_COMP = t(
    "automaticcomp",
    "Automatic",
    "Miranda Lambert",
    ms=223_000,
    pop=60,
    album="Country Heat 2014",
    kind="compilation",
)

CASES = [
    Names(
        "' x ' between two names splits them",
        said("Calm Down", "Rema x Selena Gomez"),
        (CALM,),
        MATCHED,
        (CALM,),
    ),
    Names(
        "a name ending in X before '&' and a remix",
        said("Panini (Remix)", "Lil Nas X & DaBaby"),
        (PANINI,),
        MATCHED,
        (PANINI,),
    ),
    Acts(
        "the original over an '& The <Orchestra>' overdub",
        heard("Bridge Over Troubled Water", "Aretha Franklin"),
        (BRIDGE_RPO, BRIDGE),
        MATCHED,
        (BRIDGE,),
    ),
    Acts(
        "only an '& The <Orchestra>' overdub: ask",
        heard("Crying", "Roy Orbison"),
        (CRYING_RPO,),
        AMBIGUOUS,
        (CRYING_RPO,),
    ),
    Acts(
        "a misspelt act alone is not added",
        heard("Someone You Loved", "Lewis Capaldi"),
        (LOVED_KO,),
        AMBIGUOUS,
        (LOVED_KO,),
    ),
    Acts(
        "the exact act over a misspelt twin",
        heard("Someone You Loved", "Lewis Capaldi"),
        (LOVED_KO, LOVED),
        MATCHED,
        (LOVED,),
    ),
    Lesser(
        "a studio session alone is another recording",
        heard("Heat Waves", "Glass Animals"),
        (HEAT_SESSION,),
        AMBIGUOUS,
        (HEAT_SESSION,),
    ),
    Twins(
        "the song over a more popular '(Techno)' twin of its code",
        heard("Unholy", "Sam Smith", "Kim Petras", isrc="GBUM72205415"),
        (UNHOLY_TECHNO, UNHOLY),
        MATCHED,
        (UNHOLY,),
    ),
    Twins(
        "the solo song over a guest twin of its code",
        heard("Snooze", "SZA", isrc="USRC12203687"),
        (SNOOZE_FT, SNOOZE),
        MATCHED,
        (SNOOZE,),
    ),
    Lesser(
        "a movement with the composer only, two performances: ask",
        heard(_K525, "Wolfgang Amadeus Mozart"),
        (K525_A, K525_B),
        AMBIGUOUS,
        (K525_A, K525_B),
    ),
    Lesser(
        "a club mix heard, only an instrumental mix: ask",
        heard("Your Love (Frankie Knuckles Club Mix)", "Jamie Principle"),
        (YOUR_LOVE_INST,),
        AMBIGUOUS,
        (YOUR_LOVE_INST,),
    ),
    Copies(
        "the album over a compilation not named like one",
        heard("As It Was", "Harry Styles"),
        (AS_IT_WAS_COMP, AS_IT_WAS),
        MATCHED,
        (AS_IT_WAS,),
    ),
    Copies(
        "a studio album named 'Platinum' over a compilation",
        heard("Automatic", "Miranda Lambert"),
        (AUTOMATIC_COMP, AUTOMATIC),
        MATCHED,
        (AUTOMATIC,),
    ),
]

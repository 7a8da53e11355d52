"""Issue 25, shape 6: the platform's music tag names a version (a remix, a guest, sped up)."""

from __future__ import annotations

from functools import partial

from core.models import MusicHint
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, Case, heard, t

Row = partial(Case, shape="6 tag names a version")

HABITS = t("habits", "Bad Habits", "Ed Sheeran", ms=231_041, pop=88)
HABITS_JC = t("habitsjc", "Bad Habits (feat. Bring Me The Horizon)", "Ed Sheeran",
              "Bring Me The Horizon", ms=241_000, pop=60)
HABITS_JOEL = t("habitsjoel", "Bad Habits - Joel Corry Remix", "Ed Sheeran", "Joel Corry",
                ms=185_000, pop=62)
HABITS_FUMEZ = t("habitsfumez", "Bad Habits - Fumez The Engineer Remix", "Ed Sheeran",
                 "Fumez The Engineer", ms=190_000, pop=55)
CALM = t("calm", "Calm Down", "Rema", ms=219_000, pop=70)
CALM_SG = t("calmsg", "Calm Down (with Selena Gomez)", "Rema", "Selena Gomez", ms=239_318,
            pop=88)
DFY = t("dfy", "Die For You", "The Weeknd", ms=260_253, pop=80)
DFY_SPED = t("dfysped", "Die For You - Sped Up", "The Weeknd", ms=206_000, pop=78)
LEV = t("lev", "Levitating", "Dua Lipa", ms=203_064, pop=85)
LEV_DABABY = t("levdababy", "Levitating (feat. DaBaby)", "Dua Lipa", "DaBaby", ms=203_807,
               pop=82)
UNHOLY = t("unholy", "Unholy (feat. Kim Petras)", "Sam Smith", "Kim Petras", ms=156_943, pop=85)
STAY = t("stay", "STAY (with Justin Bieber)", "The Kid LAROI", "Justin Bieber", ms=141_805,
         pop=88)
HEAT = t("heat", "Heat Waves", "Glass Animals", ms=238_805, pop=88)
HEAT_SLOW = t("heatslow", "Heat Waves - Slowed", "Glass Animals", ms=280_000, pop=60)
MEMORIES = t("memories", "Memories", "Maroon 5", ms=189_000, pop=80)
MEMORIES_DIP = t("memoriesdip", "Memories - Dillon Francis Remix", "Maroon 5", "Dillon Francis",
                 ms=190_000, pop=40)

CASES = [
    Row("a tag naming a remix Shazam did not name: ask, the remix among the choices",
        heard("Bad Habits", "Ed Sheeran"), (HABITS, HABITS_FUMEZ, HABITS_JOEL), AMBIGUOUS,
        (HABITS_JOEL,), hint=MusicHint("Bad Habits (Joel Corry Remix)", ("Ed Sheeran",))),
    Row("a tag naming the remix Shazam named: add it",
        heard("Bad Habits (Joel Corry Remix)", "Ed Sheeran"), (HABITS, HABITS_JOEL), MATCHED,
        (HABITS_JOEL,), hint=MusicHint("Bad Habits (Joel Corry Remix)", ("Ed Sheeran",))),
    Row("a tag naming the remixer of a vague remix",
        heard("Bad Habits (Remix)", "Ed Sheeran"), (HABITS_JOEL, HABITS_FUMEZ), MATCHED,
        (HABITS_FUMEZ,),
        hint=MusicHint("Bad Habits (Fumez The Engineer Remix)", ("Ed Sheeran",))),
    Row("a tag naming a guest Shazam did not name: ask, the guest version among the choices",
        heard("Calm Down", "Rema"), (CALM, CALM_SG), AMBIGUOUS, (CALM_SG,),
        hint=MusicHint("Calm Down (with Selena Gomez)", ("Rema", "Selena Gomez"))),
    Row("a tag naming the guest Shazam named: add",
        heard("Calm Down (with Selena Gomez)", "Rema", "Selena Gomez"), (CALM, CALM_SG),
        MATCHED, (CALM_SG,),
        hint=MusicHint("Calm Down (with Selena Gomez)", ("Rema", "Selena Gomez"))),
    Row("a tag naming a sped-up version: ask, it among the choices",
        heard("Die For You", "The Weeknd"), (DFY, DFY_SPED), AMBIGUOUS, (DFY_SPED,),
        hint=MusicHint("Die For You (Sped Up)", ("The Weeknd",))),
    Row("a tag naming a guest as an artist only", heard("Levitating", "Dua Lipa"),
        (LEV, LEV_DABABY), AMBIGUOUS, (LEV_DABABY,),
        hint=MusicHint("Levitating", ("Dua Lipa", "DaBaby"))),
    Row("a plain tag does not favour a guest version", heard("Levitating", "Dua Lipa"),
        (LEV_DABABY, LEV), MATCHED, (LEV,), hint=MusicHint("Levitating", ("Dua Lipa",))),
    Row("a tag agreeing with the heard guests adds", heard("Unholy", "Sam Smith"), (UNHOLY,),
        MATCHED, (UNHOLY,), hint=MusicHint("Unholy", ("Sam Smith", "Kim Petras"))),
    Row("a tag naming the guest in brackets adds the guest version",
        heard("Stay", "The Kid LAROI", "Justin Bieber"), (STAY,), MATCHED, (STAY,),
        hint=MusicHint("STAY (with Justin Bieber)", ("The Kid LAROI",))),
    Row("a tag naming a version Spotify lacks changes nothing",
        heard("Heat Waves", "Glass Animals"), (HEAT_SLOW, HEAT), MATCHED, (HEAT,),
        hint=MusicHint("Heat Waves (Sped Up)", ("Glass Animals",))),
    Row("a tag naming another guest version is not every track by the artist",
        heard("Bad Habits", "Ed Sheeran"), (HABITS, HABITS_JOEL, HABITS_JC), AMBIGUOUS,
        (HABITS_JC,), hint=MusicHint("Bad Habits (feat. Bring Me The Horizon)", ("Ed Sheeran",))),
    Row("a tag naming a remix of another song changes nothing",
        heard("Memories", "Maroon 5"), (MEMORIES_DIP, MEMORIES), MATCHED, (MEMORIES,),
        hint=MusicHint("Girls Like You (Dillon Francis Remix)", ("Maroon 5",))),
]

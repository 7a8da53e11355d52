"""Rows written after the matcher: shapes it was not tuned on (see docs/measured.md)."""

from __future__ import annotations

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

TITANIUM = t("ti", "Titanium (feat. Sia)", "David Guetta", "Sia", ms=245_040, pop=80)
TITANIUM_RMX = t("tirmx", "Titanium (feat. Sia) - Alesso Remix", "David Guetta", "Sia", "Alesso",
                 ms=340_000, pop=40)
TEEN = t("teen", "Smells Like Teen Spirit", "Nirvana", ms=301_920, pop=80)
TEEN_MIX = t("teenmix", "Smells Like Teen Spirit - Butch Vig Mix", "Nirvana", ms=300_000, pop=40)
MRB = t("mrb", "Mr. Brightside", "The Killers", ms=222_075, pop=85)
MRB_MIX = t("mrbmix", "Mr. Brightside - Jacques Lu Cont's Thin White Duke Mix", "The Killers",
            ms=530_000, pop=35)
DESP = t("desp", "Despacito", "Luis Fonsi", "Daddy Yankee", ms=229_360, pop=80)
DESP_POP = t("desppop", "Despacito - Versión Pop", "Luis Fonsi", ms=229_000, pop=40)
GANGNAM = t("gangnam", "Gangnam Style (강남스타일)", "PSY", ms=219_000, pop=70)
DYN = t("dyn", "Dynamite", "BTS", ms=199_054, pop=80)
DYN_TROP = t("dyntrop", "Dynamite - Tropical Remix", "BTS", ms=199_000, pop=50)
DYN_INST = t("dyninst", "Dynamite - Instrumental", "BTS", ms=199_000, pop=40)
CALM = t("calm", "Calm Down", "Rema", ms=219_000, pop=70)
CALM_SG = t("calmsg", "Calm Down (with Selena Gomez)", "Rema", "Selena Gomez", ms=239_318, pop=88)
UNHOLY = t("unholy", "Unholy (feat. Kim Petras)", "Sam Smith", "Kim Petras", ms=156_943, pop=85)
ASITWAS = t("asitwas", "As It Was", "Harry Styles", isrc="USSM12200612", ms=167_303, pop=90,
            album="Harry's House")
ASITWAS_SINGLE = t("asitwas1", "As It Was", "Harry Styles", isrc="USSM12200611", ms=167_303,
                   pop=70, album="As It Was")
FLOWERS = t("flowers", "Flowers", "Miley Cyrus", ms=200_455, pop=88)
FLOWERS_DEMO = t("flowersdemo", "Flowers - Demo", "Miley Cyrus", ms=190_000, pop=60)
HILL = t("hill", "Running Up That Hill (A Deal With God) - 2018 Remaster", "Kate Bush",
         ms=298_933, pop=80)
WITHOUT = t("without", "Without Me", "Eminem", ms=290_320, pop=85)
WITHOUT_H = t("withouth", "Without Me", "Halsey", ms=201_661, pop=80)
NUMB = t("numb", "Numb", "Linkin Park", ms=185_586, pop=85)
NUMB_ENCORE = t("numbencore", "Numb / Encore", "JAY-Z", "Linkin Park", ms=205_000, pop=70)
CREEP = t("creep", "Creep", "Radiohead", ms=238_640, pop=85)
CREEP_AC = t("creepac", "Creep - Acoustic", "Radiohead", ms=260_000, pop=40)
ZOMBIE = t("zombie", "Zombie", "The Cranberries", ms=306_000, pop=82)
ZOMBIE_BW = t("zombiebw", "Zombie", "Bad Wolves", ms=254_000, pop=70)
ZOMBIE_AC = t("zombieac", "Zombie - Acoustic Version", "The Cranberries", ms=250_000, pop=45)
DFY = t("dfy", "Die For You", "The Weeknd", ms=260_253, pop=85)
DFY_RMX = t("dfyrmx", "Die For You - Remix", "The Weeknd", "Ariana Grande", ms=232_857, pop=82)
OTR = t("otr", "Old Town Road", "Lil Nas X", ms=113_000, pop=70)
OTR_RMX = t("otrrmx", "Old Town Road - Remix", "Lil Nas X", "Billy Ray Cyrus", ms=157_066,
            pop=80)
FIXYOU_LIVE = t("fixlive", "Fix You - Live in Buenos Aires", "Coldplay", ms=330_000, pop=40)
CRUEL = t("cruel", "Cruel Summer", "Taylor Swift", ms=178_426, pop=90)
CRUEL_LIVE = t("cruellive", "Cruel Summer (Live from TS | The Eras Tour)", "Taylor Swift",
               ms=200_000, pop=60)
ESPRESSO = t("espresso", "Espresso", "Sabrina Carpenter", isrc="USUM72401994", ms=175_459,
             pop=90, explicit=True)
ESPRESSO_CLEAN = t("espressoclean", "Espresso", "Sabrina Carpenter", isrc="USUM72401995",
                   ms=175_459, pop=60)
SEVEN_CLEAN = t("sevenclean", "Seven (feat. Latto) - Clean Ver.", "Jung Kook", "Latto",
                ms=183_550, pop=80)
SEVEN_EXPL = t("sevenexpl", "Seven (feat. Latto) - Explicit Ver.", "Jung Kook", "Latto",
               ms=183_550, pop=82, explicit=True)
SEVEN_SUMMER = t("sevensummer", "Seven (feat. Latto) - Summer Mix", "Jung Kook", "Latto",
                 ms=190_000, pop=50)
BALLOON = t("balloon", "告白氣球", "周杰倫", ms=215_000, pop=65)
KUKLA = t("kukla", "Кукла колдуна", "Король и Шут", ms=205_000, pop=60)
LABAMBA = t("labamba", "La Bamba", "Los Lobos", ms=174_000, pop=65)
STAYWITHME = t("swm", "Stay With Me", "Sam Smith", ms=172_723, pop=80)
STAYWITHME_MJB = t("swmmjb", "Stay With Me (feat. Mary J. Blige)", "Sam Smith", "Mary J. Blige",
                   ms=187_000, pop=55)

CASES = [
    Case("held out: a feature in both titles", heard("Titanium (feat. Sia)", "David Guetta", "Sia"),
         (TITANIUM_RMX, TITANIUM), MATCHED, (TITANIUM,)),
    Case("held out: the feature as a Shazam artist", heard("Titanium", "David Guetta", "Sia"),
         (TITANIUM, TITANIUM_RMX), MATCHED, (TITANIUM,)),
    Case("held out: the original over a named mix", heard("Smells Like Teen Spirit", "Nirvana"),
         (TEEN_MIX, TEEN), MATCHED, (TEEN,)),
    Case("held out: the original over a long named mix", heard("Mr. Brightside", "The Killers"),
         (MRB_MIX, MRB), MATCHED, (MRB,)),
    Case("held out: the original over a 'Versión Pop'",
         heard("Despacito", "Luis Fonsi", "Daddy Yankee"), (DESP_POP, DESP), MATCHED, (DESP,)),
    Case("held out: a native title in brackets Shazam leaves out", heard("Gangnam Style", "PSY"),
         (GANGNAM,), MATCHED, (GANGNAM,)),
    Case("held out: the original among a remix and an instrumental", heard("Dynamite", "BTS"),
         (DYN_TROP, DYN_INST, DYN), MATCHED, (DYN,)),
    Case("held out: the duet when both were heard",
         heard("Calm Down (with Selena Gomez)", "Rema", "Selena Gomez"), (CALM, CALM_SG),
         MATCHED, (CALM_SG,)),
    Case("held out: the solo when one was heard", heard("Calm Down", "Rema"), (CALM_SG, CALM),
         MATCHED, (CALM,)),
    Case("held out: '&' in Shazam's artists, 'feat.' on Spotify",
         heard("Unholy", "Sam Smith", "Kim Petras"), (UNHOLY,), MATCHED, (UNHOLY,)),
    Case("held out: the album and the single", heard("As It Was", "Harry Styles"),
         (ASITWAS_SINGLE, ASITWAS), MATCHED, (ASITWAS, ASITWAS_SINGLE)),
    Case("held out: the original over a demo", heard("Flowers", "Miley Cyrus"),
         (FLOWERS_DEMO, FLOWERS), MATCHED, (FLOWERS,)),
    Case("held out: the demo by name", heard("Flowers (Demo)", "Miley Cyrus"),
         (FLOWERS, FLOWERS_DEMO), MATCHED, (FLOWERS_DEMO,)),
    Case("held out: a bracketed subtitle on both sides",
         heard("Running Up That Hill (A Deal With God)", "Kate Bush"), (HILL,), MATCHED, (HILL,)),
    Case("held out: a bracketed subtitle Shazam leaves out",
         heard("Running Up That Hill", "Kate Bush"), (HILL,), MATCHED, (HILL,)),
    Case("held out: one title by two acts", heard("Without Me", "Halsey"), (WITHOUT, WITHOUT_H),
         MATCHED, (WITHOUT_H,)),
    Case("held out: a mash-up is another song", heard("Numb", "Linkin Park"),
         (NUMB_ENCORE, NUMB), MATCHED, (NUMB,)),
    Case("held out: live heard, studio and acoustic on Spotify: ask",
         heard("Creep (Live)", "Radiohead"), (CREEP, CREEP_AC), AMBIGUOUS, (CREEP, CREEP_AC)),
    Case("held out: the band over a cover and an acoustic",
         heard("Zombie", "The Cranberries"), (ZOMBIE_BW, ZOMBIE_AC, ZOMBIE), MATCHED, (ZOMBIE,)),
    Case("held out: a remix whose feature sits in Shazam's title",
         heard("Die For You (with Ariana Grande) - Remix", "The Weeknd", "Ariana Grande"),
         (DFY, DFY_RMX), MATCHED, (DFY_RMX,)),
    Case("held out: an unnamed remix with its guest",
         heard("Old Town Road (Remix)", "Lil Nas X", "Billy Ray Cyrus"), (OTR, OTR_RMX),
         MATCHED, (OTR_RMX,)),
    Case("held out: studio heard, only a live recording: ask", heard("Fix You", "Coldplay"),
         (FIXYOU_LIVE,), AMBIGUOUS, (FIXYOU_LIVE,)),
    Case("held out: the studio track over a tour recording",
         heard("Cruel Summer", "Taylor Swift"), (CRUEL_LIVE, CRUEL), MATCHED, (CRUEL,)),
    Case("held out: clean and explicit of one length", heard("Espresso", "Sabrina Carpenter"),
         (ESPRESSO_CLEAN, ESPRESSO), MATCHED, (ESPRESSO, ESPRESSO_CLEAN)),
    Case("held out: 'Clean Ver.' and 'Explicit Ver.' beside a summer mix",
         heard("Seven (feat. Latto)", "Jung Kook", "Latto"),
         (SEVEN_SUMMER, SEVEN_CLEAN, SEVEN_EXPL), MATCHED, (SEVEN_CLEAN, SEVEN_EXPL)),
    Case("held out: simplified against traditional Chinese", heard("告白气球", "周杰伦"),
         (BALLOON,), MATCHED, (BALLOON,), scripts=True),
    Case("held out: a romanized Russian title and band", heard("Kukla Kolduna", "Korol i Shut"),
         (KUKLA,), MATCHED, (KUKLA,), scripts=True),
    Case("held out: a cover only: not on Spotify", heard("La Bamba", "Ritchie Valens"),
         (LABAMBA,), NONE),
    Case("held out: the solo over a later feature", heard("Stay With Me", "Sam Smith"),
         (STAYWITHME_MJB, STAYWITHME), MATCHED, (STAYWITHME,)),
    Case("held out: the feature by its guest", heard("Stay With Me", "Sam Smith",
                                                     "Mary J. Blige"),
         (STAYWITHME, STAYWITHME_MJB), MATCHED, (STAYWITHME_MJB,)),
]

"""Artists and titles that trip a naive matcher: 'With…' titles, features, symbols, namesakes."""

from __future__ import annotations

from core.models import MusicHint
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

WOWY = t("wowy", "With Or Without You - Remastered", "U2", ms=296_000, pop=78)
WOWY_LIVE = t("wowylive", "With Or Without You - Live From Paris", "U2", ms=330_000, pop=30)
WALH = t("walh", "With A Little Help From My Friends - Remastered 2009", "The Beatles",
         ms=164_000, pop=65)
WALH_COCKER = t("walhcocker", "With A Little Help From My Friends", "Joe Cocker", ms=310_000,
                pop=60)
WITH_YOU = t("withyou", "With You", "Chris Brown", ms=252_000, pop=65)
WITH_YOU_JIMIN = t("withyoujimin", "With You", "Jimin", "HA SUNG WOON", ms=232_000, pop=60)
STAY = t("stay", "STAY (with Justin Bieber)", "The Kid LAROI", "Justin Bieber", ms=141_805,
         pop=88)
STAY_RIH = t("stayrih", "Stay", "Rihanna", "Mikky Ekko", ms=240_000, pop=75)
HW = t("hw", "Heat Waves", "Glass Animals", ms=238_805, pop=85)
HW_FEAT = t("hwfeat", "Heat Waves (feat. iann dior)", "Glass Animals", "iann dior", ms=187_000,
            pop=70)
LEV = t("lev", "Levitating", "Dua Lipa", ms=203_807, pop=80)
LEV_DB = t("levdb", "Levitating (feat. DaBaby)", "Dua Lipa", "DaBaby", ms=203_064, pop=82)
CARN = t("carn", "CARNIVAL", "¥$", "Kanye West", "Ty Dolla $ign", "Rich The Kid", "Playboi Carti",
         ms=264_000, pop=85)
CARN_OTHER = t("carnother", "Carnival", "The Cardigans", ms=213_000, pop=60)
TIKTOK = t("tiktok", "TiK ToK", "Kesha", ms=199_693, pop=80)
SO_WHAT = t("sowhat", "So What", "P!nk", ms=215_000, pop=70)
EARFQ = t("earfq", "EARFQUAKE", "Tyler, The Creator", ms=190_000, pop=80)
SAT = t("sat", "(I Can't Get No) Satisfaction - Mono Version", "The Rolling Stones", ms=222_000,
        pop=75)
SAT_BENASSI = t("satbenassi", "Satisfaction", "Benny Benassi", "The Biz", ms=246_000, pop=65)
HELLO = t("hello", "Hello", "Adele", ms=295_502, pop=80)
HELLO_LR = t("hellolr", "Hello", "Lionel Richie", ms=251_000, pop=70)
WMU = t("wmu", "Wake Me Up", "Avicii", ms=247_426, pop=85)
WMU_SEPT = t("wmusept", "Wake Me Up When September Ends", "Green Day", ms=285_000, pop=80)
PT2 = t("pt2", "Bad Habit, Pt. 2", "Steve Lacy", ms=180_000, pop=40)
BADHABIT = t("badhabit", "Bad Habit", "Steve Lacy", ms=232_066, pop=88)
HALL_COHEN = t("hallcohen", "Hallelujah", "Leonard Cohen", ms=279_000, pop=70)
HALL_PTX = t("hallptx", "Hallelujah", "Pentatonix", ms=268_000, pop=72)
HALL_JB = t("halljb", "Hallelujah", "Jeff Buckley", ms=413_000, pop=75)
SHAPE = t("shape", "Shape of You", "Ed Sheeran", ms=233_712, pop=90)
SHAPE_KARAOKE = t("shapekar", "Shape of You (Originally Performed by Ed Sheeran) [Karaoke Version]",
                  "Sing2Piano", ms=233_000, pop=20)
SENORITA = t("senorita", "Señorita", "Shawn Mendes", "Camila Cabello", ms=190_800, pop=85)
UNDER = t("under", "Under Pressure - Remastered 2011", "Queen", "David Bowie", ms=248_000, pop=80)
UNDER_QUEEN = t("underqueen", "Under Pressure - Live at Wembley", "Queen", ms=250_000, pop=30)
ROCK = t("rock", "Rock & Roll - Remaster", "Led Zeppelin", ms=220_000, pop=60)

CASES = [
    Case("a title starting with 'With'", heard("With or Without You", "U2"), (WOWY_LIVE, WOWY),
         MATCHED, (WOWY,)),
    Case("'With A Little Help' by the Beatles, not Joe Cocker",
         heard("With a Little Help from My Friends", "The Beatles"), (WALH_COCKER, WALH),
         MATCHED, (WALH,)),
    Case("'With A Little Help' by Joe Cocker", heard("With A Little Help From My Friends",
                                                     "Joe Cocker"),
         (WALH, WALH_COCKER), MATCHED, (WALH_COCKER,)),
    Case("a title that is just 'With You'", heard("With You", "Chris Brown"),
         (WITH_YOU_JIMIN, WITH_YOU), MATCHED, (WITH_YOU,)),
    Case("'(with …)' on Spotify, both artists from Shazam",
         heard("Stay", "The Kid LAROI", "Justin Bieber"), (STAY_RIH, STAY), MATCHED, (STAY,)),
    Case("a namesake only: not on Spotify", heard("Stay", "The Kid LAROI", "Justin Bieber"),
         (STAY_RIH,), NONE),
    Case("an extra featured artist marks another recording",
         heard("Heat Waves", "Glass Animals"), (HW_FEAT, HW), MATCHED, (HW,)),
    Case("the feature when heard", heard("Heat Waves (feat. iann dior)", "Glass Animals"),
         (HW, HW_FEAT), MATCHED, (HW_FEAT,)),
    Case("the feature heard with both artists", heard("Levitating", "Dua Lipa", "DaBaby"),
         (LEV, LEV_DB), MATCHED, (LEV_DB,)),
    Case("a heard featured artist missing from the only candidate: ask",
         heard("Levitating", "Dua Lipa", "DaBaby"), (LEV,), AMBIGUOUS, (LEV,)),
    Case("the solo version over the feature", heard("Levitating", "Dua Lipa"), (LEV_DB, LEV),
         MATCHED, (LEV,)),
    Case("a symbol-only artist name", heard("CARNIVAL", "¥$", "Kanye West", "Ty Dolla $ign"),
         (CARN_OTHER, CARN), MATCHED, (CARN,)),
    Case("a symbol-only artist name alone", heard("Carnival", "¥$"), (CARN_OTHER, CARN), MATCHED,
         (CARN,)),
    Case("a symbol-only artist, only a namesake: not on Spotify", heard("Carnival", "¥$"),
         (CARN_OTHER,), NONE),
    Case("a dollar sign in the artist", heard("Tik Tok", "Ke$ha"), (TIKTOK,), MATCHED, (TIKTOK,)),
    Case("an exclamation mark in the artist", heard("So What", "Pink"), (SO_WHAT,), MATCHED,
         (SO_WHAT,)),
    Case("a comma inside one artist's name, split by Shazam",
         heard("EARFQUAKE", "Tyler", "The Creator"), (EARFQ,), MATCHED, (EARFQ,)),
    Case("a leading bracket Shazam leaves out",
         heard("Satisfaction", "The Rolling Stones"), (SAT_BENASSI, SAT), MATCHED, (SAT,)),
    Case("a leading bracket on both sides",
         heard("(I Can't Get No) Satisfaction", "The Rolling Stones"), (SAT_BENASSI, SAT),
         MATCHED, (SAT,)),
    Case("the same title by another act, more popular", heard("Hello", "Lionel Richie"),
         (HELLO, HELLO_LR), MATCHED, (HELLO_LR,)),
    Case("a longer title that starts the same", heard("Wake Me Up", "Avicii"), (WMU_SEPT, WMU),
         MATCHED, (WMU,)),
    Case("only a longer title that starts the same: not on Spotify",
         heard("Wake Me Up", "Avicii"), (WMU_SEPT,), NONE),
    Case("part 2 is another song", heard("Bad Habit", "Steve Lacy"), (PT2, BADHABIT), MATCHED,
         (BADHABIT,)),
    Case("only part 2: not the heard song", heard("Bad Habit", "Steve Lacy"), (PT2,), NONE),
    Case("the heard singer among covers", heard("Hallelujah", "Jeff Buckley"),
         (HALL_COHEN, HALL_PTX, HALL_JB), MATCHED, (HALL_JB,)),
    Case("covers only: not on Spotify", heard("Hallelujah", "Jeff Buckley"),
         (HALL_COHEN, HALL_PTX), NONE),
    Case("a karaoke track naming the artist in its title", heard("Shape of You", "Ed Sheeran"),
         (SHAPE_KARAOKE, SHAPE), MATCHED, (SHAPE,)),
    Case("only a karaoke track naming the artist: not on Spotify",
         heard("Shape of You", "Ed Sheeran"), (SHAPE_KARAOKE,), NONE),
    Case("an accent Shazam drops", heard("Senorita", "Shawn Mendes", "Camila Cabello"),
         (SENORITA,), MATCHED, (SENORITA,)),
    Case("both artists heard: the duet, not a live take without the guest",
         heard("Under Pressure", "Queen", "David Bowie"), (UNDER_QUEEN, UNDER), MATCHED,
         (UNDER,)),
    Case("'and' against '&' in a title", heard("Rock and Roll", "Led Zeppelin"), (ROCK,),
         MATCHED, (ROCK,)),
    Case("a hint naming the same song corroborates, never overrides a version",
         heard("Kill Bill", "SZA"),
         (t("kbs", "Kill Bill - Sped Up Version", "SZA", ms=131_000, pop=65),), AMBIGUOUS,
         (t("kbs", "Kill Bill - Sped Up Version", "SZA", ms=131_000, pop=65),),
         MusicHint("Kill Bill - Sped Up Version", ("SZA",))),
]

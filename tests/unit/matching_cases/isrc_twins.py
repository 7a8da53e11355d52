"""Issue 25, shape 2: the heard ISRC on a track whose title, artists or version disagree."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

Row = partial(Case, shape="2 ISRC twin")

LEV = t("lev", "Levitating", "Dua Lipa", isrc="GBAHT2000942", ms=203_064, pop=85)
LEV_TWIN = t("levtwin", "Lullaby of Birdland", "The Harbour Jazz Trio", isrc="GBAHT2000942",
             ms=241_000, pop=90)
DFY = t("dfy", "Die For You", "The Weeknd", isrc="USUG11600976", ms=260_253, pop=80)
DFY_SPED = t("dfysped", "Die For You - Sped Up", "The Weeknd", isrc="USUG11600976", ms=206_000,
             pop=84)
DFY_SPED_OWN = t("dfysped2", "Die For You - Sped Up", "The Weeknd", isrc="USUG12300451",
                 ms=206_000, pop=70)
BAD = t("bad", "bad guy", "Billie Eilish", isrc="USUM71900764", ms=194_088, pop=88)
BAD_EDIT = t("badedit", "bad guy - Radio Edit", "Billie Eilish", isrc="USUM71900764",
             ms=180_000, pop=60)
HALL = t("hall", "Hallelujah", "Jeff Buckley", isrc="USSM19400325", ms=413_000, pop=80)
HALL_PTX = t("hallptx", "Hallelujah", "Pentatonix", isrc="USSM19400325", ms=268_000, pop=82)
GANGNAM = t("gangnam", "강남스타일", "PSY", isrc="KRA381200264", ms=219_000, pop=70)
TAKE = t("take", "Take On Me - 2015 Remaster", "a-ha", isrc="GBAYE8500146", ms=225_280, pop=85)
YELLOW = t("yellow", "Yellow", "Coldplay", ms=266_773, pop=85)
YELLOW_LIVE = t("yellowlive", "Yellow - Live in Buenos Aires", "Coldplay", isrc="GBAYE0000267",
                ms=300_000, pop=50)
LEMON = t("lemon", "Lemon", "米津玄師", isrc="JPU901800020", ms=255_000, pop=75)
SOY_INST = t("soyinst", "Shape of You (Instrumental)", "Ed Sheeran", isrc="GBAHS1600463",
             ms=233_000, pop=40)
STRESSED = t("stressed", "Stressed Out", "Twenty One Pilots", ms=202_333, pop=84)
STRESSED_NC = t("stressednc", "Stressed Out (Nightcore)", "Nightcore Reality",
                isrc="USAT21500598", ms=165_000, pop=40)
ESPRESSO = t("espresso", "Espresso", "Sabrina Carpenter", isrc="USUM72403305", ms=175_459,
             pop=90)
ESPRESSO_TWIN = t("espressotwin", "Please Please Please", "Sabrina Carpenter",
                  isrc="USUM72403305", ms=186_365, pop=88)

CASES = [
    Row("an unrelated song with the heard ISRC is not the song",
        heard("Levitating", "Dua Lipa", isrc="GBAHT2000942"), (LEV_TWIN,), NONE),
    Row("the song over an unrelated ISRC twin",
        heard("Levitating", "Dua Lipa", isrc="GBAHT2000942"), (LEV_TWIN, LEV), MATCHED, (LEV,)),
    Row("the album track over a sped-up release sharing its code",
        heard("Die For You", "The Weeknd", isrc="USUG11600976"), (DFY_SPED, DFY), MATCHED,
        (DFY,)),
    Row("only a sped-up twin of the code: ask",
        heard("Die For You", "The Weeknd", isrc="USUG11600976"), (DFY_SPED,), AMBIGUOUS,
        (DFY_SPED,)),
    Row("sped up heard, the album track carries its code by mistake",
        heard("Die For You (Sped Up)", "The Weeknd", isrc="USUG12300451"),
        (t("dfy2", "Die For You", "The Weeknd", isrc="USUG12300451", ms=260_253, pop=80),
         DFY_SPED_OWN), MATCHED, (DFY_SPED_OWN,)),
    Row("only an edit twin of the code: ask",
        heard("bad guy", "Billie Eilish", isrc="USUM71900764"), (BAD_EDIT,), AMBIGUOUS,
        (BAD_EDIT,)),
    Row("the album track over an edit twin",
        heard("bad guy", "Billie Eilish", isrc="USUM71900764"), (BAD_EDIT, BAD), MATCHED, (BAD,)),
    Row("a cover by another act carrying the heard code",
        heard("Hallelujah", "Jeff Buckley", isrc="USSM19400325"), (HALL_PTX, HALL), MATCHED,
        (HALL,)),
    Row("only the other act's twin: not on Spotify",
        heard("Hallelujah", "Jeff Buckley", isrc="USSM19400325"), (HALL_PTX,), NONE),
    Row("the ISRC still holds across scripts", heard("Gangnam Style", "PSY", isrc="KRA381200264"),
        (GANGNAM,), MATCHED, (GANGNAM,), scripts=True),
    Row("the ISRC holds through a remaster label",
        heard("Take On Me", "a-ha", isrc="GBAYE8500146"), (TAKE,), MATCHED, (TAKE,)),
    Row("a live twin of the code loses to the studio track",
        heard("Yellow", "Coldplay", isrc="GBAYE0000267"), (YELLOW_LIVE, YELLOW), MATCHED,
        (YELLOW,)),
    Row("the ISRC holds under a native-script artist name",
        heard("Lemon", "Kenshi Yonezu", isrc="JPU901800020"), (LEMON,), MATCHED, (LEMON,),
        scripts=True),
    Row("only an instrumental twin of the code: ask",
        heard("Shape of You", "Ed Sheeran", isrc="GBAHS1600463"), (SOY_INST,), AMBIGUOUS,
        (SOY_INST,)),
    Row("a channel's nightcore upload carrying the code loses to the song",
        heard("Stressed Out", "Twenty One Pilots", isrc="USAT21500598"), (STRESSED_NC, STRESSED),
        MATCHED, (STRESSED,)),
    Row("another song by the same artist with the code",
        heard("Espresso", "Sabrina Carpenter", isrc="USUM72403305"), (ESPRESSO_TWIN, ESPRESSO),
        MATCHED, (ESPRESSO,)),
]

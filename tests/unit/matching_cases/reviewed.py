"""Rows from the review of issue 25's matcher: catalogue shapes its tables did not hold
(misspelt and orchestral twins of an act, ISRC twins with a tag or a guest, a compilation not
named like one, a studio session, performances of a movement, a dub mix for a vocal mix)."""

from __future__ import annotations

from core.models import MusicHint
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, said, t

BL = t("bl", "Blinding Lights", "The Weeknd", ms=200_040, pop=90, album="After Hours")
BL_KO = t("blko", "Blinding Lights", "The Weekend", ms=201_000, pop=12, album="Pop Hits Covers")
HJ_REV = t("hjrev", "Hey Jude", "The Beatles Revival Band", ms=425_000, pop=10)
NC1 = t("nc1", "Angel With A Shotgun (Nightcore)", "Nightcore King", ms=171_000, pop=30)
FLY_JR = t("flyjr", "Fly Me to the Moon", "Frank Sinatra Jr.", ms=150_000, pop=20)
FLY = t("fly", "Fly Me To The Moon (2008 Remastered)", "Frank Sinatra", ms=147_000, pop=80)
CHFL = t(
    "chfl", "Can't Help Falling in Love", "Elvis Presley", ms=182_000, pop=85, album="Blue Hawaii"
)
CHFL_RPO = t(
    "chflrpo",
    "Can't Help Falling in Love",
    "Elvis Presley & The Royal Philharmonic Orchestra",
    ms=190_000,
    pop=50,
)
ESP = t(
    "esp",
    "Espresso",
    "Sabrina Carpenter",
    isrc="USUM72401994",
    ms=175_459,
    pop=80,
    album="Short n' Sweet",
)
ESP_JC = t(
    "espjc",
    "Espresso (Jersey Club)",
    "Sabrina Carpenter",
    isrc="USUM72401994",
    ms=150_000,
    pop=88,
    album="Espresso (Jersey Club)",
)
ESP_FT = t(
    "espft",
    "Espresso (feat. Doechii)",
    "Sabrina Carpenter",
    "Doechii",
    isrc="USUM72401994",
    ms=176_000,
    pop=90,
)
ESP_KAR = t(
    "espkar", "Espresso", "Sabrina Carpenter Karaoke", isrc="USUM72401994", ms=175_000, pop=5
)
LEV = t("lev", "Levitating", "Dua Lipa", ms=203_064, pop=80, album="Future Nostalgia", kind="album")
LEV_MOON = t(
    "levmoon",
    "Levitating",
    "Dua Lipa",
    ms=203_064,
    pop=86,
    album="Future Nostalgia (The Moonlight Edition)",
    kind="album",
)
LEV_NOW = t(
    "levnow",
    "Levitating",
    "Dua Lipa",
    ms=203_064,
    pop=60,
    album="NOW That's What I Call Music! 108",
    kind="compilation",
)
ADT_SGL = t(
    "adtsgl", "About Damn Time", "Lizzo", ms=191_822, pop=60, album="About Damn Time", kind="single"
)
ADT_ALB = t("adtalb", "About Damn Time", "Lizzo", ms=191_822, pop=75, album="Special", kind="album")
ADT_HITS = t(
    "adthits",
    "About Damn Time",
    "Lizzo",
    ms=191_822,
    pop=82,
    album="Today's Top Hits 2022",
    kind="compilation",
)
SPRING = t("spring", "봄날 Spring Day", "BTS", ms=274_000, pop=75)
PRET = t("pret", "Pretender", "Official髭男dism", ms=326_000, pop=70)
LS = t("ls", "사랑을 했다 (LOVE SCENARIO)", "iKON", ms=209_000, pop=70)
LS_JP = t("lsjp", "LOVE SCENARIO -Japanese Ver.-", "iKON", ms=209_500, pop=40)
IB = t("ib", "INDUSTRY BABY (feat. Jack Harlow)", "Lil Nas X", "Jack Harlow", ms=212_000, pop=85)
HGL = t("hgl", "Hey, Good Lookin'", "Hank Williams", ms=175_000, pop=60)
HGL_JR = t("hgljr", "Hey, Good Lookin'", "Hank Williams, Jr.", ms=160_000, pop=30)
SW = t("sw", "Spinning Wheel", "Blood, Sweat & Tears", ms=244_000, pop=60)
LDO = t(
    "ldo", "Leave the Door Open", "Bruno Mars", "Anderson .Paak", "Silk Sonic", ms=242_000, pop=85
)
CUPID = t("cupid", "Cupid", "FIFTY FIFTY", ms=174_000, pop=70)
CUPID_TW = t("cupidtw", "Cupid - Twin Ver.", "FIFTY FIFTY", ms=174_500, pop=85)
HC = t(
    "hc",
    "Hotel California - Live On MTV, 1994",
    "Eagles",
    ms=432_000,
    pop=70,
    album="Hell Freezes Over (Remaster 2018)",
)
HC_F = t(
    "hcf",
    "Hotel California - Live at The Forum, Los Angeles, CA, 10/20-22/1976",
    "Eagles",
    ms=400_000,
    pop=30,
    album="Live From The Forum MMXVIII",
)
S5K = t(
    "s5k",
    "Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
    "Ludwig van Beethoven",
    "Berliner Philharmoniker",
    "Herbert von Karajan",
    ms=440_000,
    pop=50,
)
S5V = t(
    "s5v",
    "Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
    "Ludwig van Beethoven",
    "Wiener Philharmoniker",
    "Carlos Kleiber",
    ms=447_000,
    pop=48,
)
S5R = t(
    "s5r",
    "Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
    "Ludwig van Beethoven",
    "Royal Philharmonic Orchestra",
    ms=420_000,
    pop=40,
)
FIN_DUB = t("findub", "Finally - Kings Of Tomorrow Dub Mix", "CeCe Peniston", ms=420_000, pop=30)
SHINE = t("shine15", "Shine On You Crazy Diamond (Pts. 1-5)", "Pink Floyd", ms=811_000, pop=60)
SHINE69 = t("shine69", "Shine On You Crazy Diamond (Pts. 6-9)", "Pink Floyd", ms=745_000, pop=55)
BLS = t(
    "bls",
    "Blinding Lights - Spotify Singles: Recorded at Electric Lady",
    "The Weeknd",
    ms=210_000,
    pop=40,
)
FLW = t("flw", "Flowers", "Miley Cyrus", ms=200_455, pop=88, album="Endless Summer Vacation")
FLW_DEMO = t("flwdemo", "Flowers - Demo", "Miley Cyrus", ms=190_000, pop=70)
FLW_KAR = t("flwkar", "Flowers (Karaoke Version)", "Sing2Music", ms=200_000, pop=10)
KB = t("kb", "Kill Bill", "SZA", ms=153_946, pop=88)
KB_FT = t("kbft", "Kill Bill (feat. Doja Cat)", "SZA", "Doja Cat", ms=154_000, pop=75)
GYOW = t("gyow", "Go Your Own Way", "Fleetwood Mac", ms=223_000, pop=80, album="Rumours")
GYOW_SD = t(
    "gyowsd",
    "Go Your Own Way - 2004 Remaster",
    "Fleetwood Mac",
    ms=223_600,
    pop=82,
    album="Rumours (Super Deluxe)",
)
BR = t(
    "br",
    "Bohemian Rhapsody - Remastered 2011",
    "Queen",
    ms=354_320,
    pop=85,
    album="A Night At The Opera (2011 Remaster)",
)
HAL = t("halb", "Hallelujah", "Jeff Buckley", ms=413_000, pop=80)
HAL_C = t("halc", "Hallelujah", "Leonard Cohen", ms=277_000, pop=70)
HAL_P = t("halp", "Hallelujah", "Pentatonix", ms=268_000, pop=65)
BAD = t("bad", "bad guy", "Billie Eilish", ms=194_088, pop=85)

BIRDS = t("birds2", "Three Little Birds", "Bob Marley", ms=178_000, pop=60, album="Exodus")
BIRDS_BAND = t("birdsband", "Three Little Birds", "Bob Marley & The Wailers", ms=180_560, pop=82)

CASES = [
    Case(
        "A9 the exact name over a more popular band-join twin",
        heard("Three Little Birds", "Bob Marley"),
        (BIRDS_BAND, BIRDS),
        MATCHED,
        (BIRDS,),
        shape="1 other act",
    ),
    Case(
        "A1 a misspelt act alone: ask",
        heard("Blinding Lights", "The Weeknd"),
        (BL_KO,),
        AMBIGUOUS,
        (BL_KO,),
        shape="1 other act",
    ),
    Case(
        "A2 original beside a misspelt knock-off",
        heard("Blinding Lights", "The Weeknd"),
        (BL_KO, BL),
        MATCHED,
        (BL,),
        shape="1 other act",
    ),
    Case(
        "A3 a revival band alone",
        heard("Hey Jude", "The Beatles"),
        (HJ_REV,),
        NONE,
        shape="1 other act",
    ),
    Case(
        "A4 'Nightcore King' for 'Nightcore Kings': ask",
        heard("Angel With A Shotgun (Nightcore)", "Nightcore Kings"),
        (NC1,),
        AMBIGUOUS,
        (NC1,),
        shape="1 other act",
    ),
    Case(
        "A5 'Jr.' is another act",
        heard("Fly Me to the Moon", "Frank Sinatra"),
        (FLY_JR,),
        NONE,
        shape="1 other act",
    ),
    Case(
        "A6 the original over the 'Jr.' act",
        heard("Fly Me to the Moon", "Frank Sinatra"),
        (FLY_JR, FLY),
        MATCHED,
        (FLY,),
        shape="1 other act",
    ),
    Case(
        "A7 the original over an orchestral overdub credited '& The <Orchestra>'",
        heard("Can't Help Falling in Love", "Elvis Presley", album="Blue Hawaii"),
        (CHFL_RPO, CHFL),
        MATCHED,
        (CHFL,),
        shape="1 other act",
    ),
    Case(
        "A8 only the orchestral overdub: ask or none",
        heard("Can't Help Falling in Love", "Elvis Presley", album="Blue Hawaii"),
        (CHFL_RPO,),
        AMBIGUOUS,
        (CHFL_RPO,),
        shape="1 other act",
    ),
    Case(
        "B1 the song over a more popular '(Jersey Club)' twin of its code",
        heard("Espresso", "Sabrina Carpenter", isrc="USUM72401994"),
        (ESP, ESP_JC),
        MATCHED,
        (ESP,),
        shape="2 ISRC twin",
    ),
    Case(
        "B2 only a '(Jersey Club)' twin of the code: ask",
        heard("Espresso", "Sabrina Carpenter", isrc="USUM72401994"),
        (ESP_JC,),
        AMBIGUOUS,
        (ESP_JC,),
        shape="2 ISRC twin",
    ),
    Case(
        "B3 the solo song over a more popular guest twin of its code",
        heard("Espresso", "Sabrina Carpenter", isrc="USUM72401994"),
        (ESP, ESP_FT),
        MATCHED,
        (ESP,),
        shape="2 ISRC twin",
    ),
    Case(
        "B4 a karaoke act carrying the code, alone",
        heard("Espresso", "Sabrina Carpenter", isrc="USUM72401994"),
        (ESP_KAR,),
        NONE,
        shape="2 ISRC twin",
    ),
    Case(
        "C1 the named album over the Moonlight Edition and NOW",
        heard("Levitating", "Dua Lipa", album="Future Nostalgia"),
        (LEV_MOON, LEV_NOW, LEV),
        MATCHED,
        (LEV,),
        shape="3 release copies",
    ),
    Case(
        "C2 an album named 'Special' is the artist's own release",
        heard("About Damn Time", "Lizzo", album="Special"),
        (ADT_HITS, ADT_SGL, ADT_ALB),
        MATCHED,
        (ADT_ALB,),
        shape="3 release copies",
    ),
    Case(
        "C3 no album named: artist's single/album over a hits playlist-album",
        heard("About Damn Time", "Lizzo"),
        (ADT_HITS, ADT_SGL, ADT_ALB),
        MATCHED,
        (ADT_SGL, ADT_ALB),
        shape="3 release copies",
    ),
    Case(
        "D1 a native title with its English name after it",
        heard("Spring Day", "BTS"),
        (SPRING,),
        MATCHED,
        (SPRING,),
        shape="4 two scripts",
    ),
    Case(
        "D2 the title sure, a mixed-script artist",
        heard("Pretender", "Official HIGE DANdism"),
        (PRET,),
        AMBIGUOUS,
        (PRET,),
        shape="4 two scripts",
    ),
    Case(
        "D3 the Korean original over its Japanese version",
        heard("Love Scenario", "iKON"),
        (LS_JP, LS),
        MATCHED,
        (LS,),
        shape="4 two scripts",
    ),
    Case(
        "E1 a name ending in X before '&'",
        said("INDUSTRY BABY", "Lil Nas X & Jack Harlow"),
        (IB,),
        MATCHED,
        (IB,),
        shape="5 names with , & +",
    ),
    Case(
        "E2 'Hank Williams, Jr.' split at the comma, the father's recording beside",
        said("Hey, Good Lookin'", "Hank Williams, Jr."),
        (HGL, HGL_JR),
        MATCHED,
        (HGL_JR,),
        shape="5 names with , & +",
    ),
    Case(
        "E3 a comma-and-ampersand band",
        said("Spinning Wheel", "Blood, Sweat & Tears"),
        (SW,),
        MATCHED,
        (SW,),
        shape="5 names with , & +",
    ),
    Case(
        "E4 three credits with a comma and '&'",
        said("Leave the Door Open", "Bruno Mars, Anderson .Paak & Silk Sonic"),
        (LDO,),
        MATCHED,
        (LDO,),
        shape="5 names with , & +",
    ),
    Case(
        "F1 a tag naming the Twin Ver.: ask, it among the buttons",
        heard("Cupid", "FIFTY FIFTY"),
        (CUPID, CUPID_TW),
        AMBIGUOUS,
        (CUPID_TW,),
        hint=MusicHint("Cupid (Twin Version)", ("FIFTY FIFTY",)),
        shape="6 tag names a version",
    ),
    Case(
        "F2 a TikTok 'original sound' tag says nothing",
        heard("Cupid", "FIFTY FIFTY"),
        (CUPID, CUPID_TW),
        MATCHED,
        (CUPID,),
        hint=MusicHint("original sound - fiftyfan22", ("fiftyfan22",)),
        shape="6 tag names a version",
    ),
    Case(
        "G1 a bare 'Live' with the album named",
        heard("Hotel California - Live", "Eagles", album="Hell Freezes Over"),
        (HC_F, HC),
        MATCHED,
        (HC,),
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "G2 a movement heard with the composer only: which performance? ask",
        heard("Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio", "Ludwig van Beethoven"),
        (S5K, S5V, S5R),
        AMBIGUOUS,
        (S5K,),
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "G3 the Kleiber/VPO movement heard: not the Karajan/BPO",
        heard(
            "Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
            "Wiener Philharmoniker",
            "Carlos Kleiber",
        ),
        (S5K,),
        NONE,
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "G4 a vocal mix heard, only the same remixer's dub on Spotify",
        heard("Finally (Kings Of Tomorrow Vocal Mix)", "CeCe Peniston"),
        (FIN_DUB,),
        AMBIGUOUS,
        (FIN_DUB,),
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "G5 parts written with a comma",
        said("Shine On You Crazy Diamond, Pts. 1-5", "Pink Floyd"),
        (SHINE69, SHINE),
        MATCHED,
        (SHINE,),
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "G6 a 'Spotify Singles: …' session alone is another recording",
        heard("Blinding Lights", "The Weeknd"),
        (BLS,),
        AMBIGUOUS,
        (BLS,),
        shape="7 live, classical, mixes, parts",
    ),
    Case(
        "R1 plain single, exact match, siblings around",
        heard("Flowers", "Miley Cyrus"),
        (FLW_DEMO, FLW_KAR, FLW),
        MATCHED,
        (FLW,),
        shape="issue 13",
    ),
    Case(
        "R2 a 'Feat.' guest in Shazam's subtitle",
        said("Kill Bill", "SZA Feat. Doja Cat"),
        (KB, KB_FT),
        MATCHED,
        (KB_FT,),
        shape="issue 13",
    ),
    Case(
        "R3 a remaster on a super deluxe, the album named",
        heard("Go Your Own Way", "Fleetwood Mac", album="Rumours"),
        (GYOW_SD, GYOW),
        MATCHED,
        (GYOW,),
        shape="issue 13",
    ),
    Case(
        "R4 a remaster only",
        heard("Bohemian Rhapsody", "Queen"),
        (BR,),
        MATCHED,
        (BR,),
        shape="issue 13",
    ),
    Case(
        "R5 the heard act among covers",
        heard("Hallelujah", "Jeff Buckley"),
        (HAL_C, HAL_P, HAL),
        MATCHED,
        (HAL,),
        shape="issue 13",
    ),
    Case(
        "R6 Shazam's plain answer through the parser",
        said("bad guy", "Billie Eilish"),
        (BAD,),
        MATCHED,
        (BAD,),
        shape="issue 13",
    ),
]

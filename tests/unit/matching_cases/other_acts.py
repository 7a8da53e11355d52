"""Issue 25, shape 1: a different act with a similar name (tribute, karaoke, backing-track acts,
renamed charity groups, re-upload channels), and band joins of the same act, which add."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

Row = partial(Case, shape="1 other act")

YELLOW = t("yellow", "Yellow", "Coldplay", ms=266_773, pop=85, album="Parachutes")
YELLOW_TRIB = t("yellowtrib", "Yellow", "Coldplay Tribute", ms=268_000, pop=18)
BELIEVER = t("believer", "Believer", "Imagine Dragons", ms=204_346, pop=86, album="Evolve")
BELIEVER_TRIB = t("believertrib", "Believer", "Imagine Dragons Tribute Band", ms=205_000, pop=12)
NEM = t("nem", "Nothing Else Matters", "Metallica", ms=388_266, pop=82, album="Metallica")
NEM_TRIB = t("nemtrib", "Nothing Else Matters", "Metallica Tribute", ms=390_000, pop=14)
SYL_KAR = t("sylkar", "Someone You Loved", "Lewis Capaldi Karaoke", ms=182_000, pop=10)
SYL = t("syl", "Someone You Loved", "Lewis Capaldi", ms=182_160, pop=88)
LHG_BACK = t("lhgback", "Let Her Go", "Passenger Backing Tracks", ms=252_000, pop=8)
LHG = t("lhg", "Let Her Go", "Passenger", ms=252_733, pop=84)
ANGEL_NR = t("angelnr", "Angel With A Shotgun (Nightcore)", "Nightcore Reality", ms=170_000,
             pop=40)
SWEATER_SUS = t("swsus", "Sweater Weather (Sped Up)", "Sped Up Sounds", ms=160_000, pop=45)
BA84 = t("ba84", "Do They Know It's Christmas? - 1984 Version", "Band Aid", ms=222_000, pop=75)
BA20 = t("ba20", "Do They Know It's Christmas?", "Band Aid 20", ms=221_000, pop=45)
PROUD_REV = t("proudrev", "Proud Mary", "Creedence Clearwater Revisited", ms=190_000, pop=20)
PROUD = t("proud", "Proud Mary", "Creedence Clearwater Revival", ms=187_000, pop=75)
BIRDS = t("birds", "Three Little Birds", "Bob Marley & The Wailers", ms=180_560, pop=82)
AMERICAN = t("american", "American Girl", "Tom Petty and the Heartbreakers", ms=214_000, pop=75)
PURPLE = t("purple", "Purple Rain", "Prince & The Revolution", ms=520_000, pop=78)
BUBBLEGUM = t("bubblegum", "Bubblegum Bitch", "MARINA", ms=174_000, pop=60)
POWER = t("power", "The Power of Love", "Huey Lewis & The News", ms=233_000, pop=70)
DOG_DAYS = t("dogdays", "Dog Days Are Over", "Florence + The Machine", ms=252_000, pop=80)
BOHEMIAN_AL = t("bohal", "Bohemian Rhapsody", "Queen + Adam Lambert", ms=360_000, pop=30)
HELLO_KAR = t("hellokar", "Hello (Originally Performed by Adele) [Karaoke Version]",
              "Adele Karaoke Band", ms=295_000, pop=9)
HELLO_STYLE = t("hellostyle", "Hello (In the Style of Adele)", "Ameritz Karaoke Tracks",
                ms=296_000, pop=7)

CASES = [
    Row("a tribute act of the heard artist alone is not the song", heard("Yellow", "Coldplay"),
        (YELLOW_TRIB,), NONE),
    Row("the original over a tribute act", heard("Yellow", "Coldplay"), (YELLOW_TRIB, YELLOW),
        MATCHED, (YELLOW,)),
    Row("a tribute band alone is not the song", heard("Believer", "Imagine Dragons"),
        (BELIEVER_TRIB,), NONE),
    Row("a 'Tribute' act with the heard name in it is not the song",
        heard("Nothing Else Matters", "Metallica"), (NEM_TRIB,), NONE),
    Row("a karaoke act named after the artist is not the song",
        heard("Someone You Loved", "Lewis Capaldi"), (SYL_KAR,), NONE),
    Row("the original over a karaoke act named after the artist",
        heard("Someone You Loved", "Lewis Capaldi"), (SYL_KAR, SYL), MATCHED, (SYL,)),
    Row("a sung-over backing track act is not the recording", heard("Let Her Go", "Passenger"),
        (LHG_BACK,), NONE),
    Row("one nightcore channel is not another",
        heard("Angel With A Shotgun (Nightcore)", "Nightcore Kings"), (ANGEL_NR,), NONE),
    Row("one sped-up channel is not another",
        heard("Sweater Weather (Sped Up)", "Sped Up Songs"), (SWEATER_SUS,), NONE),
    Row("a charity group of another decade is another act",
        heard("Do They Know It's Christmas?", "Band Aid 30"), (BA84, BA20), NONE),
    Row("the numbered charity group is not the original one",
        heard("Do They Know It's Christmas?", "Band Aid"), (BA20,), NONE),
    Row("a revisited lineup is another act", heard("Proud Mary", "Creedence Clearwater Revival"),
        (PROUD_REV, PROUD), MATCHED, (PROUD,)),
    Row("a band join of the heard artist adds", heard("Three Little Birds", "Bob Marley"),
        (BIRDS,), MATCHED, (BIRDS,)),
    Row("'and the' band join adds", heard("American Girl", "Tom Petty"), (AMERICAN,), MATCHED,
        (AMERICAN,)),
    Row("'& The' band join adds", heard("Purple Rain", "Prince"), (PURPLE,), MATCHED, (PURPLE,)),
    Row("a band join heard, the renamed short act on Spotify adds",
        heard("Bubblegum Bitch", "Marina and the Diamonds"), (BUBBLEGUM,), MATCHED, (BUBBLEGUM,)),
    Row("a band join with '& The News' adds", heard("The Power of Love", "Huey Lewis"), (POWER,),
        MATCHED, (POWER,)),
    Row("a '+ The' band join adds", heard("Dog Days Are Over", "Florence"), (DOG_DAYS,), MATCHED,
        (DOG_DAYS,)),
    Row("another act joined with '+' is asked, not added",
        heard("Bohemian Rhapsody", "Queen"), (BOHEMIAN_AL,), AMBIGUOUS, (BOHEMIAN_AL,)),
    Row("a 'made famous by' karaoke track is not the song", heard("Hello", "Adele"),
        (HELLO_KAR, HELLO_STYLE), NONE),
]

"""Issue 25, shape 5: artist names with a comma, an ampersand or a plus in them, and several
guests. Shazam's subtitle is read by Stash's own parser, as in production."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import MATCHED, NONE, Case, said, t

Row = partial(Case, shape="5 names with , & +")

SEE = t("see", "See You Again (feat. Kali Uchis)", "Tyler, The Creator", "Kali Uchis",
        ms=180_000, pop=85)
SEE_CHILDERS = t("seechilders", "See You Again", "Tyler Childers", ms=200_000, pop=40)
SEPT = t("sept", "September", "Earth, Wind & Fire", ms=215_000, pop=85)
BOOGIE = t("boogie", "Boogie Wonderland", "Earth, Wind & Fire", "The Emotions", ms=288_000,
           pop=70)
TEACH = t("teach", "Teach Your Children", "Crosby, Stills, Nash & Young", ms=173_000, pop=65)
DOG = t("dog", "Dog Days Are Over", "Florence + The Machine", ms=252_000, pop=80)
TEQUILA = t("tequila", "Tequila", "Dan + Shay", ms=196_000, pop=70)
HOURS = t("hours", "10,000 Hours (with Justin Bieber)", "Dan + Shay", "Justin Bieber",
          ms=167_000, pop=80)
OTR = t("otr", "Old Town Road (feat. Billy Ray Cyrus) - Remix", "Lil Nas X", "Billy Ray Cyrus",
        ms=157_000, pop=82)
OTR_SOLO = t("otrsolo", "Old Town Road", "Lil Nas X", ms=113_000, pop=75)
MRS = t("mrs", "Mrs. Robinson - From \"The Graduate\" Soundtrack", "Simon & Garfunkel",
        ms=244_000, pop=75)
THRIFT = t("thrift", "Thrift Shop (feat. Wanz)", "Macklemore & Ryan Lewis", "Wanz", ms=235_000,
           pop=80)
LION = t("lion", "Little Lion Man", "Mumford & Sons", ms=245_000, pop=72)
PEACHES = t("peaches", "Peaches (feat. Daniel Caesar & Giveon)", "Justin Bieber",
            "Daniel Caesar", "Giveon", ms=198_000, pop=85)
RICH = t("rich", "Rich Girl", "Daryl Hall & John Oates", ms=144_000, pop=70)
JET = t("jet", "Leaving on a Jet Plane", "Peter, Paul and Mary", ms=206_000, pop=65)
BLIND = t("blind", "Blind Faith (feat. Liam Bailey)", "Chase & Status", "Liam Bailey",
          ms=233_000, pop=55)
SUNFLOWER = t("sunflower", "Sunflower - Spider-Man: Into the Spider-Verse", "Post Malone",
              "Swae Lee", ms=158_000, pop=88)

CASES = [
    Row("a comma in the artist's name, a guest in the title and the subtitle",
        said("See You Again (feat. Kali Uchis)", "Tyler, The Creator & Kali Uchis"),
        (SEE_CHILDERS, SEE), MATCHED, (SEE,)),
    Row("a comma in the name, the guest only in the subtitle",
        said("See You Again", "Tyler, The Creator Feat. Kali Uchis"), (SEE,), MATCHED, (SEE,)),
    Row("a comma and an ampersand in one name", said("September", "Earth, Wind & Fire"), (SEPT,),
        MATCHED, (SEPT,)),
    Row("a comma-and-ampersand name with a guest",
        said("Boogie Wonderland", "Earth, Wind & Fire & The Emotions"), (BOOGIE,), MATCHED,
        (BOOGIE,)),
    Row("three commas and an ampersand in one name",
        said("Teach Your Children", "Crosby, Stills, Nash & Young"), (TEACH,), MATCHED, (TEACH,)),
    Row("a plus sign in the name", said("Dog Days Are Over", "Florence + The Machine"), (DOG,),
        MATCHED, (DOG,)),
    Row("a plus-sign duo", said("Tequila", "Dan + Shay"), (TEQUILA,), MATCHED, (TEQUILA,)),
    Row("a plus-sign duo with a guest", said("10,000 Hours", "Dan + Shay & Justin Bieber"),
        (HOURS,), MATCHED, (HOURS,)),
    Row("a name ending in X before 'Feat.'",
        said("Old Town Road (Remix)", "Lil Nas X Feat. Billy Ray Cyrus"), (OTR_SOLO, OTR),
        MATCHED, (OTR,)),
    Row("an ampersand duo", said("Mrs. Robinson", "Simon & Garfunkel"), (MRS,), MATCHED, (MRS,)),
    Row("an ampersand duo with a guest named twice",
        said("Thrift Shop (feat. Wanz)", "Macklemore & Ryan Lewis Feat. Wanz"), (THRIFT,),
        MATCHED, (THRIFT,)),
    Row("'& Sons' is part of the name", said("Little Lion Man", "Mumford & Sons"), (LION,),
        MATCHED, (LION,)),
    Row("two guests named in the title and the subtitle",
        said("Peaches (feat. Daniel Caesar & Giveon)",
             "Justin Bieber Feat. Daniel Caesar & Giveon"),
        (PEACHES,), MATCHED, (PEACHES,)),
    Row("two full names joined by an ampersand", said("Rich Girl", "Daryl Hall & John Oates"),
        (RICH,), MATCHED, (RICH,)),
    Row("a comma and 'and' in one name", said("Leaving on a Jet Plane", "Peter, Paul and Mary"),
        (JET,), MATCHED, (JET,)),
    Row("an ampersand act with a guest", said("Blind Faith", "Chase & Status Feat. Liam Bailey"),
        (BLIND,), MATCHED, (BLIND,)),
    Row("two artists joined by an ampersand", said("Sunflower", "Post Malone & Swae Lee"),
        (SUNFLOWER,), MATCHED, (SUNFLOWER,)),
    Row("a comma name's first half is not another act",
        said("See You Again", "Tyler, The Creator"), (SEE_CHILDERS,), NONE),
]

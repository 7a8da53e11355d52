"""Issue 25, shape 3: copies of one recording on several releases; take the one heard."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import MATCHED, Case, heard, t

Row = partial(Case, shape="3 release copies")

LEV_ALBUM = t("levalbum", "Levitating", "Dua Lipa", album="Future Nostalgia", pop=80, ms=203_064)
LEV_MOON = t("levmoon", "Levitating", "Dua Lipa", album="Future Nostalgia (The Moonlight Edition)",
             pop=86, ms=203_064)
LEV_NOW = t("levnow", "Levitating", "Dua Lipa", album="NOW That's What I Call Music! 107",
            pop=30, ms=203_064, kind="compilation")
AFRICA_IV = t("africaiv", "Africa", "TOTO", album="Toto IV", pop=70, ms=295_893)
AFRICA_ESS = t("africaess", "Africa", "TOTO", album="The Essential Toto", pop=78, ms=295_893)
ASIT_ALBUM = t("asitalbum", "As It Was", "Harry Styles", album="Harry's House", pop=90,
               ms=167_303)
ASIT_SINGLE = t("asitsingle", "As It Was", "Harry Styles", album="As It Was", pop=70,
                ms=167_303)
DIV = t("div", "Perfect", "Ed Sheeran", album="÷", pop=80, ms=263_400)
DIV_DELUXE = t("divdeluxe", "Perfect", "Ed Sheeran", album="÷ (Deluxe)", pop=88, ms=263_400)
DREAMS = t("dreams", "Dreams - 2004 Remaster", "Fleetwood Mac", album="Rumours", pop=82,
           ms=257_800)
DREAMS_SUPER = t("dreamssuper", "Dreams - 2004 Remaster", "Fleetwood Mac",
                 album="Rumours (Super Deluxe)", pop=85, ms=257_800)
DREAMS_HITS = t("dreamshits", "Dreams", "Fleetwood Mac", album="Greatest Hits", pop=84,
                ms=257_000)
SMELLS = t("smells", "Smells Like Teen Spirit", "Nirvana", album="Nevermind", pop=80,
           ms=301_920, isrc="USGF19942501")
SMELLS_30 = t("smells30", "Smells Like Teen Spirit", "Nirvana",
              album="Nevermind (30th Anniversary Super Deluxe)", pop=83, ms=301_920,
              isrc="USGF19942501")
SMELLS_BEST = t("smellsbest", "Smells Like Teen Spirit", "Nirvana", album="Nirvana", pop=84,
                ms=301_920, isrc="USGF19942501")
BLINDING = t("blinding", "Blinding Lights", "The Weeknd", album="After Hours", pop=88,
             ms=200_040)
BLINDING_SINGLE = t("blindingsingle", "Blinding Lights", "The Weeknd", album="Blinding Lights",
                    pop=70, ms=200_040)
BLINDING_HITS = t("blindinghits", "Blinding Lights", "The Weeknd",
                  album="The Highlights", pop=90, ms=200_040)
TIMEOUT = t("timeafter", "Time After Time", "Cyndi Lauper", album="She's So Unusual", pop=75,
            ms=241_000)
TIMEOUT_EXP = t("timeafterexp", "Time After Time", "Cyndi Lauper",
                album="She's So Unusual (30th Anniversary Deluxe Edition)", pop=78, ms=241_000)
TIMEOUT_COLL = t("timeaftercoll", "Time After Time", "Cyndi Lauper",
                 album="The Essential Cyndi Lauper", pop=79, ms=241_000)
MRB = t("mrb", "Mr. Brightside", "The Killers", album="Hot Fuss", pop=85, ms=222_075)
MRB_DELUXE = t("mrbdeluxe", "Mr. Brightside", "The Killers", album="Hot Fuss (Deluxe Edition)",
               pop=87, ms=222_075)
WONDER = t("wonder", "Wonderwall - Remastered", "Oasis",
           album="(What's The Story) Morning Glory? (Remastered)", pop=84, ms=258_773)
WONDER_COMP = t("wondercomp", "Wonderwall", "Oasis", album="Time Flies... 1994-2009", pop=86,
                ms=258_000)

CASES = [
    Row("the album Shazam named over a deluxe copy and a compilation",
        heard("Levitating", "Dua Lipa", album="Future Nostalgia"), (LEV_MOON, LEV_NOW, LEV_ALBUM),
        MATCHED, (LEV_ALBUM,)),
    Row("the deluxe copy when Shazam named the deluxe album",
        heard("Levitating", "Dua Lipa", album="Future Nostalgia (The Moonlight Edition)"),
        (LEV_ALBUM, LEV_MOON), MATCHED, (LEV_MOON,)),
    Row("the compilation when Shazam named it",
        heard("Levitating", "Dua Lipa", album="NOW That's What I Call Music! 107"),
        (LEV_MOON, LEV_ALBUM, LEV_NOW), MATCHED, (LEV_NOW,)),
    Row("the artist's album over an 'Essential' collection", heard("Africa", "TOTO"),
        (AFRICA_ESS, AFRICA_IV), MATCHED, (AFRICA_IV,)),
    Row("the single when Shazam named the single", heard("As It Was", "Harry Styles",
        album="As It Was"), (ASIT_ALBUM, ASIT_SINGLE), MATCHED, (ASIT_SINGLE,)),
    Row("the album when Shazam named the album",
        heard("As It Was", "Harry Styles", album="Harry's House"), (ASIT_SINGLE, ASIT_ALBUM),
        MATCHED, (ASIT_ALBUM,)),
    Row("the standard album over a more popular deluxe", heard("Perfect", "Ed Sheeran"),
        (DIV_DELUXE, DIV), MATCHED, (DIV,)),
    Row("the named album, in another script of symbols", heard("Perfect", "Ed Sheeran",
        album="÷"), (DIV_DELUXE, DIV), MATCHED, (DIV,)),
    Row("the album over a super deluxe and a greatest hits", heard("Dreams", "Fleetwood Mac",
        album="Rumours"), (DREAMS_HITS, DREAMS_SUPER, DREAMS), MATCHED, (DREAMS,)),
    Row("the album over a 'Greatest Hits' when Shazam names none",
        heard("Dreams", "Fleetwood Mac"), (DREAMS_HITS, DREAMS), MATCHED, (DREAMS,)),
    Row("copies sharing the ISRC: the named album", heard("Smells Like Teen Spirit", "Nirvana",
        isrc="USGF19942501", album="Nevermind"), (SMELLS_BEST, SMELLS_30, SMELLS), MATCHED,
        (SMELLS,)),
    Row("copies sharing the ISRC: an anniversary edition is not preferred",
        heard("Smells Like Teen Spirit", "Nirvana", isrc="USGF19942501"),
        (SMELLS_30, SMELLS), MATCHED, (SMELLS,)),
    Row("the album over a 'Highlights' collection", heard("Blinding Lights", "The Weeknd",
        album="After Hours"), (BLINDING_HITS, BLINDING_SINGLE, BLINDING), MATCHED, (BLINDING,)),
    Row("an anniversary deluxe and an 'Essential' lose to the album",
        heard("Time After Time", "Cyndi Lauper"), (TIMEOUT_COLL, TIMEOUT_EXP, TIMEOUT), MATCHED,
        (TIMEOUT,)),
    Row("a deluxe edition loses to the album with no album named",
        heard("Mr. Brightside", "The Killers"), (MRB_DELUXE, MRB), MATCHED, (MRB,)),
    Row("a remastered album over a 'Time Flies' compilation",
        heard("Wonderwall", "Oasis", album="(What's The Story) Morning Glory?"),
        (WONDER_COMP, WONDER), MATCHED, (WONDER,)),
]

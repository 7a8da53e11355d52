"""Issue 25, shape 7: asked needlessly today: live albums and venues, classical movements,
"Mix" against "Remix", multi-part titles."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import MATCHED, Case, heard, said, t

Row = partial(Case, shape="7 live, classical, mixes, parts")

HOTEL_MTV = t("hotelmtv", "Hotel California - Live On MTV, 1994", "Eagles", ms=432_000, pop=75,
              album="Hell Freezes Over (Remaster 2018)")
HOTEL = t("hotel", "Hotel California - 2013 Remaster", "Eagles", ms=391_000, pop=88,
          album="Hotel California (2013 Remaster)")
HOTEL_LIVE80 = t("hotellive80", "Hotel California - Live 1980", "Eagles", ms=400_000, pop=30,
                 album="Eagles Live")
KASHMIR = t("kashmir", "Kashmir - Live: O2 Arena, London - December 10, 2007", "Led Zeppelin",
            ms=540_000, pop=50, album="Celebration Day")
KASHMIR_STUDIO = t("kashmirst", "Kashmir - Remaster", "Led Zeppelin", ms=508_000, pop=75,
                   album="Physical Graffiti")
BEETHOVEN_1 = t("b5i", "Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
                "Ludwig van Beethoven", "Berliner Philharmoniker", "Herbert von Karajan",
                ms=447_000, pop=55)
BEETHOVEN_2 = t("b5ii", "Symphony No. 5 in C Minor, Op. 67: II. Andante con moto",
                "Ludwig van Beethoven", "Berliner Philharmoniker", "Herbert von Karajan",
                ms=610_000, pop=35)
CLAIR = t("clair", "Suite bergamasque, L. 75: III. Clair de lune", "Claude Debussy",
          "Alexis Weissenberg", ms=307_000, pop=70)
WINTER = t("winter", "The Four Seasons, Violin Concerto No. 4 in F Minor, RV 297 \"Winter\": "
           "I. Allegro non molto", "Antonio Vivaldi", "Itzhak Perlman",
           "Israel Philharmonic Orchestra", ms=210_000, pop=50)
WINTER_2 = t("winter2", "The Four Seasons, Violin Concerto No. 4 in F Minor, RV 297 \"Winter\": "
             "II. Largo", "Antonio Vivaldi", "Itzhak Perlman", "Israel Philharmonic Orchestra",
             ms=130_000, pop=45)
DSN = t("dsn", "Don't Start Now", "Dua Lipa", ms=183_000, pop=85)
DSN_DOM = t("dsndom", "Don't Start Now - Dom Dolla Remix", "Dua Lipa", "Dom Dolla", ms=260_000,
            pop=50)
SHINE = t("shine15", "Shine On You Crazy Diamond (Pts. 1-5)", "Pink Floyd", ms=811_000, pop=60)
SHINE_69 = t("shine69", "Shine On You Crazy Diamond (Pts. 6-9)", "Pink Floyd", ms=750_000,
             pop=50)

CASES = [
    Row("a bare 'Live' and the live album Shazam named",
        heard("Hotel California (Live)", "Eagles", album="Hell Freezes Over"),
        (HOTEL, HOTEL_LIVE80, HOTEL_MTV), MATCHED, (HOTEL_MTV,)),
    Row("a bare 'Live' and the concert album Shazam named, a venue on Spotify",
        heard("Kashmir (Live)", "Led Zeppelin", album="Celebration Day"),
        (KASHMIR_STUDIO, KASHMIR), MATCHED, (KASHMIR,)),
    Row("a movement with its performers, the composer on Spotify",
        said("Symphony No. 5 in C Minor, Op. 67: I. Allegro con brio",
             "Berliner Philharmoniker & Herbert von Karajan"), (BEETHOVEN_2, BEETHOVEN_1),
        MATCHED, (BEETHOVEN_1,)),
    Row("a movement named without its work",
        said("Clair de lune", "Claude Debussy & Alexis Weissenberg"), (CLAIR,), MATCHED,
        (CLAIR,)),
    Row("movements told apart by their numeral",
        said("The Four Seasons, Violin Concerto No. 4 in F Minor, RV 297 \"Winter\": "
             "I. Allegro non molto", "Antonio Vivaldi, Itzhak Perlman & Israel Philharmonic "
             "Orchestra"), (WINTER_2, WINTER), MATCHED, (WINTER,)),
    Row("a named 'Mix' is the remix of that name",
        heard("Don't Start Now (Dom Dolla Mix)", "Dua Lipa"), (DSN, DSN_DOM), MATCHED,
        (DSN_DOM,)),
    Row("a multi-part title with its parts",
        heard("Shine On You Crazy Diamond, Pts. 1-5", "Pink Floyd"), (SHINE_69, SHINE),
        MATCHED, (SHINE,)),
    Row("multi-part numbers in Roman numerals",
        heard("Shine On You Crazy Diamond (Parts I-V)", "Pink Floyd"), (SHINE_69, SHINE),
        MATCHED, (SHINE,)),
]

"""Copies of one recording (compilations, deluxe editions, clean and explicit) and near-copies."""

from __future__ import annotations

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, Case, heard, t

LOSE = t("lose", "Lose Yourself", "Eminem", isrc="USIR10211559", ms=326_466, pop=85,
         album="8 Mile", explicit=True)
LOSE_COMP = t("losecomp", "Lose Yourself", "Eminem", isrc="USIR10211559", ms=326_466, pop=60,
              album="Curtain Call: The Hits", explicit=True)
LOSE_CLEAN = t("loseclean", "Lose Yourself", "Eminem", isrc="USIR10211560", ms=326_000, pop=40,
               album="8 Mile", explicit=False)
LOSE_SOUNDTRACK = t("losest", "Lose Yourself - From \"8 Mile\" Soundtrack", "Eminem",
                    ms=320_000, pop=70, album="Curtain Call 2")
AFRICA = t("africa", "Africa", "TOTO", isrc="USSM18200024", ms=295_893, pop=88, album="Toto IV")
AFRICA_HITS = t("africahits", "Africa", "TOTO", isrc="USSM18200024", ms=295_893, pop=55,
                album="NOW That's What I Call 80s", kind="compilation")
AFRICA_RM = t("africarm", "Africa - Remastered", "TOTO", isrc="USSM19902991", ms=295_500,
              pop=60, album="Toto IV (Remastered)")
AFRICA_LIVE = t("africalive", "Africa - Live", "TOTO", ms=340_000, pop=30)
GOOD = t("good", "good 4 u", "Olivia Rodrigo", isrc="USUG12101839", ms=178_147, pop=85,
         album="SOUR", explicit=True)
GOOD_CLEAN = t("goodclean", "good 4 u", "Olivia Rodrigo", isrc="USUG12101840", ms=178_147,
               pop=50, album="SOUR", explicit=False)
ANTI = t("anti", "Anti-Hero", "Taylor Swift", isrc="USUG12204897", ms=200_690, pop=88,
         album="Midnights")
ANTI_3AM = t("anti3am", "Anti-Hero", "Taylor Swift", isrc="USUG12204897", ms=200_690, pop=75,
             album="Midnights (3am Edition)")
ANTI_RMX = t("antirmx", "Anti-Hero (feat. Bleachers)", "Taylor Swift", "Bleachers", ms=202_000,
             pop=60)
SIGNS = t("signs", "Signs", "Drake", ms=231_000, pop=60, album="Signs")
SIGNS_ALT = t("signsalt", "Signs", "Drake", ms=206_000, pop=58, album="More Life (Bonus)")
BLUE = t("blue", "Blue (Da Ba Dee)", "Eiffel 65", ms=283_000, pop=70)
BLUE_EDIT = t("blueedit", "Blue (Da Ba Dee) - Gabry Ponte Ice Pop Radio", "Eiffel 65",
              ms=221_000, pop=75)
BLUE_COPY = t("bluecopy", "Blue (Da Ba Dee)", "Eiffel 65", ms=283_400, pop=40,
              album="Dance Hits 2000")

CASES = [
    Case("one ISRC on the album and a compilation, ISRC heard", heard("Lose Yourself", "Eminem",
                                                                     isrc="USIR10211559"),
         (LOSE_COMP, LOSE), MATCHED, (LOSE, LOSE_COMP)),
    Case("one ISRC on the album and a compilation, no ISRC heard",
         heard("Lose Yourself", "Eminem"), (LOSE_COMP, LOSE), MATCHED, (LOSE, LOSE_COMP)),
    Case("clean and explicit copies: add either", heard("Lose Yourself", "Eminem"),
         (LOSE_CLEAN, LOSE), MATCHED, (LOSE, LOSE_CLEAN)),
    Case("album, compilation, clean and a soundtrack copy", heard("Lose Yourself", "Eminem"),
         (LOSE_CLEAN, LOSE_COMP, LOSE_SOUNDTRACK, LOSE), MATCHED,
         (LOSE, LOSE_COMP, LOSE_CLEAN, LOSE_SOUNDTRACK)),
    Case("the album and a hits compilation", heard("Africa", "Toto"), (AFRICA_HITS, AFRICA),
         MATCHED, (AFRICA, AFRICA_HITS)),
    Case("a remaster is the same recording", heard("Africa", "Toto"),
         (AFRICA_RM, AFRICA, AFRICA_LIVE), MATCHED, (AFRICA, AFRICA_RM, AFRICA_HITS)),
    Case("copies of the studio track, the live one heard: ask",
         heard("Africa (Live)", "Toto"), (AFRICA, AFRICA_HITS), AMBIGUOUS, (AFRICA,)),
    Case("clean and explicit, lower case title", heard("Good 4 U", "Olivia Rodrigo"),
         (GOOD_CLEAN, GOOD), MATCHED, (GOOD, GOOD_CLEAN)),
    Case("clean and explicit, the clean ISRC heard", heard("good 4 u", "Olivia Rodrigo",
                                                           isrc="USUG12101840"),
         (GOOD, GOOD_CLEAN), MATCHED, (GOOD_CLEAN,)),
    Case("the album and its 3am edition", heard("Anti-Hero", "Taylor Swift"), (ANTI_3AM, ANTI),
         MATCHED, (ANTI, ANTI_3AM)),
    Case("the album and its 3am edition beside a feature", heard("Anti-Hero", "Taylor Swift"),
         (ANTI_RMX, ANTI_3AM, ANTI), MATCHED, (ANTI, ANTI_3AM)),
    Case("two unmarked cuts of different length: ask", heard("Signs", "Drake"),
         (SIGNS, SIGNS_ALT), AMBIGUOUS, (SIGNS, SIGNS_ALT)),
    Case("a bracket in the title and a dance-compilation copy", heard("Blue (Da Ba Dee)",
                                                                      "Eiffel 65"),
         (BLUE_EDIT, BLUE_COPY, BLUE), MATCHED, (BLUE, BLUE_COPY)),
    Case("a radio version heard as the title without brackets", heard("Blue", "Eiffel 65"),
         (BLUE_EDIT, BLUE), MATCHED, (BLUE,)),
]

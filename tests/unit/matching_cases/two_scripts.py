"""Issue 25, shape 4: titles and names in two scripts ("<native title> (<English title>)",
native-script artist names) against Shazam's English or romanized answer."""

from __future__ import annotations

from functools import partial

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

Row = partial(Case, shape="4 two scripts", scripts=True)

NIGHT = t("night", "밤편지 (Through the Night)", "IU", ms=253_000, pop=72)
NIGHT_COVER = t("nightcover", "밤편지 (Through the Night)", "Jang Beom June", ms=250_000, pop=30)
BOY = t("boy", "작은 것들을 위한 시 (Boy With Luv) (feat. Halsey)", "BTS", "Halsey", ms=229_773,
        pop=78)
DDU = t("ddu", "뚜두뚜두 (DDU-DU DDU-DU)", "BLACKPINK", ms=209_000, pop=76)
RED = t("red", "빨간 맛 (Red Flavor)", "Red Velvet", ms=191_000, pop=65)
QUEEN = t("queen", "퀸카 (Queencard)", "(G)I-DLE", ms=161_000, pop=74)
MENU = t("menu", "神메뉴 (God's Menu)", "Stray Kids", ms=167_000, pop=66)
ANY = t("any", "아무노래 (Any song)", "ZICO", ms=150_000, pop=62)
DALLA = t("dalla", "달라달라 (DALLA DALLA)", "ITZY", ms=199_000, pop=63)
MARIGOLD = t("marigold", "マリーゴールド", "あいみょん", ms=304_000, pop=68)
LEMON = t("lemon", "Lemon", "米津玄師", ms=255_000, pop=75)
YORU = t("yoru", "夜に駆ける", "YOASOBI", ms=261_000, pop=78)
PRETENDER = t("pretender", "Pretender", "Official髭男dism", ms=326_000, pop=70)
SPRING = t("spring", "봄날 (Spring Day)", "BTS", ms=274_000, pop=77)
BLUEMING_KR = t("bluemingkr", "Blueming", "아이유", ms=217_000, pop=60)
FINE = t("fine", "I'm Fine", "태연", ms=210_000, pop=50)

CASES = [
    Row("the English part of a native title", heard("Through the Night", "IU"), (NIGHT,),
        MATCHED, (NIGHT,)),
    Row("the English part of a native title, a cover by another act left out",
        heard("Through the Night", "IU"), (NIGHT_COVER, NIGHT), MATCHED, (NIGHT,)),
    Row("only a cover of the native title: not on Spotify", heard("Through the Night", "IU"),
        (NIGHT_COVER,), NONE),
    Row("the English part with a featured guest", heard("Boy With Luv (feat. Halsey)", "BTS"),
        (BOY,), MATCHED, (BOY,)),
    Row("a romanized title in brackets", heard("DDU-DU DDU-DU", "BLACKPINK"), (DDU,), MATCHED,
        (DDU,)),
    Row("a translated title in brackets", heard("Red Flavor", "Red Velvet"), (RED,), MATCHED,
        (RED,)),
    Row("a bracketed title under a symbol-rich artist", heard("Queencard", "(G)I-DLE"), (QUEEN,),
        MATCHED, (QUEEN,)),
    Row("a mixed-script native title", heard("God's Menu", "Stray Kids"), (MENU,), MATCHED,
        (MENU,)),
    Row("a lower-case English part", heard("Any Song", "ZICO"), (ANY,), MATCHED, (ANY,)),
    Row("a repeated romanized title", heard("Dalla Dalla", "ITZY"), (DALLA,), MATCHED, (DALLA,)),
    Row("an English title against kana only, the artist sure: ask",
        heard("Marigold", "Aimyon"), (MARIGOLD,), AMBIGUOUS, (MARIGOLD,)),
    Row("the title sure, the artist only in kanji: ask", heard("Lemon", "Kenshi Yonezu"),
        (LEMON,), AMBIGUOUS, (LEMON,)),
    Row("a romanized title against kanji, the artist sure: ask",
        heard("Yoru ni Kakeru", "YOASOBI"), (YORU,), AMBIGUOUS, (YORU,)),
    Row("a native title by the same artist, its English part another song",
        heard("Spring Day", "BTS"), (BOY, SPRING), MATCHED, (SPRING,)),
    Row("the title sure, the artist's Hangul name a loose reading: ask",
        heard("Blueming", "IU"), (BLUEMING_KR,), AMBIGUOUS, (BLUEMING_KR,)),
    Row("the title sure, the artist's Hangul name read surely", heard("I'm Fine", "TAEYEON"),
        (FINE,), MATCHED, (FINE,)),
    Row("the English part of another song by the same artist is not the song",
        heard("Blueming", "IU"), (NIGHT,), NONE),
]

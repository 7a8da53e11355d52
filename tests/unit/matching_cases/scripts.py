"""Romanized against native titles and names: Japanese, Korean, Chinese, Cyrillic, Arabic."""

from __future__ import annotations

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

YORU = t("yoru", "夜に駆ける", "YOASOBI", isrc="JPP302000001", ms=261_000, pop=80)
YORU_OTHER = t("yoruother", "夜に駆ける (Piano Ver.)", "Fuyu Piano", ms=250_000, pop=30)
IDOL = t("idol", "アイドル", "YOASOBI", ms=213_000, pop=85)
BAM = t("bam", "밤편지", "IU", ms=253_000, pop=70)
SPRING = t("spring", "봄날 Spring Day", "BTS", ms=274_000, pop=75)
HOULAI = t("houlai", "後來", "劉若英", ms=338_000, pop=60)
HOULAI_S = t("houlais", "后来", "刘若英", ms=338_000, pop=55)
KINO = t("kino", "Группа крови", "Кино", ms=287_000, pop=60)
KINO_LIVE = t("kinolive", "Группа крови (Live)", "Кино", ms=300_000, pop=30)
ZEMFIRA = t("zemfira", "Искала", "Земфира", ms=222_000, pop=55)
TAMALLY = t("tamally", "تملي معاك", "Amr Diab", ms=300_000, pop=60)
HABIBI = t("habibi", "حبيبي", "Ali Gatie", ms=180_000, pop=50)

CASES = [
    Case("a Japanese title with its ISRC", heard("Yoru ni Kakeru", "YOASOBI", isrc="JPP302000001"),
         (YORU_OTHER, YORU), MATCHED, (YORU,)),
    Case("a romanized kanji title without ISRC: ask, the artist is sure",
         heard("Yoru ni Kakeru", "YOASOBI"), (YORU,), AMBIGUOUS, (YORU,), scripts=True),
    Case("a romanized katakana title", heard("Aidoru", "YOASOBI"), (IDOL,), MATCHED, (IDOL,),
         scripts=True),
    Case("a romanized katakana title, another song by the artist: not on Spotify",
         heard("Gunjou", "YOASOBI"), (IDOL,), NONE, scripts=True),
    Case("a romanized Korean title", heard("Bam Pyeonji", "IU"), (BAM,), MATCHED, (BAM,),
         scripts=True),
    Case("an English title against a Korean and English one", heard("Spring Day", "BTS"),
         (SPRING,), MATCHED, (SPRING,), scripts=True),
    Case("traditional against simplified Chinese", heard("后来", "刘若英"), (HOULAI,), MATCHED,
         (HOULAI,), scripts=True),
    Case("pinyin against traditional Chinese", heard("Hou Lai", "Liu Ruo Ying"), (HOULAI,),
         MATCHED, (HOULAI,), scripts=True),
    Case("two scripts of one recording: add either", heard("Hou Lai", "Liu Ruo Ying"),
         (HOULAI, HOULAI_S), MATCHED, (HOULAI, HOULAI_S), scripts=True),
    Case("a romanized Russian title and artist", heard("Gruppa Krovi", "Kino"),
         (KINO_LIVE, KINO), MATCHED, (KINO,), scripts=True),
    Case("a romanized Russian title, only the live one: ask", heard("Gruppa Krovi", "Kino"),
         (KINO_LIVE,), AMBIGUOUS, (KINO_LIVE,), scripts=True),
    Case("a Cyrillic artist in Latin letters", heard("Iskala", "Zemfira"), (ZEMFIRA,), MATCHED,
         (ZEMFIRA,), scripts=True),
    Case("a romanized Russian title by another artist: not on Spotify",
         heard("Iskala", "Polina Grey"), (ZEMFIRA,), NONE, scripts=True),
    Case("a romanized Arabic title", heard("Tamally Maak", "Amr Diab"), (TAMALLY,), MATCHED,
         (TAMALLY,), scripts=True),
    Case("a romanized Arabic title by another artist: not on Spotify",
         heard("Habibi", "Amr Diab"), (HABIBI,), NONE, scripts=True),
]

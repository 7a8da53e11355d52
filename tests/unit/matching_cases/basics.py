"""The cases the first matcher was written against (fictional artists, one kind each)."""

from __future__ import annotations

from core.models import MusicHint
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, t

ORIG = t("orig", "Midnight Drive", "Luna Vale", isrc="QZ1", ms=185_000, pop=70)
REMIX = t("remix", "Midnight Drive - Kaito Remix", "Luna Vale", "Kaito", isrc="QZ2", ms=203_000,
          pop=64)
LIVE = t("live", "Midnight Drive (Live at Brixton)", "Luna Vale", isrc="QZ3", ms=241_000, pop=40)
SPED = t("sped", "Midnight Drive - Sped Up", "Luna Vale", isrc="QZ4", ms=148_000, pop=68)
KARAOKE = t("karaoke", "Midnight Drive (Karaoke Version)", "Karaoke Hits Band", ms=186_000, pop=12)
INSTRUMENTAL = t("instr", "Midnight Drive (Instrumental)", "Luna Vale", ms=185_000, pop=30)
NIGHTCORE = t("nightcore", "Midnight Drive (Nightcore)", "NightcoreX", ms=150_000, pop=35)
EIGHT_D = t("8d", "Midnight Drive (8D Audio)", "8D Tunes", ms=185_000, pop=33)
COVER = t("cover", "Midnight Drive (Cover)", "Acoustic Annie", ms=190_000, pop=20)
ACOUSTIC = t("acoustic", "Midnight Drive - Acoustic", "Luna Vale", ms=180_000, pop=45)
TRAIN = t("train", "Midnight Train", "Luna Vale", ms=200_000, pop=60)
DRIVE = heard("Midnight Drive", "Luna Vale", ms=185_000)
DRIVE_ISRC = heard("Midnight Drive", "Luna Vale", isrc="QZ1", ms=185_000)

SLOW = t("slow", "Slow Tide", "Coral Bay", ms=226_000, pop=50)
SLOWED = t("slowed", "Slow Tide - Slowed + Reverb", "Coral Bay", ms=262_000, pop=58)
SLOW_DELUXE = t("slowdeluxe", "Slow Tide", "Coral Bay", ms=226_000, pop=49)
SLOW_BAYS = t("slowbays", "Slow Tide", "Coral Bays", ms=226_000, pop=60)
GOLDEN = t("golden", "Golden Hour", "Mira Sol", ms=174_000, pop=48)
GOLDEN_OTHER = t("golden2", "Golden Hour", "Ocean Pike", ms=209_000, pop=83)
RUN = t("run", "Run It Up", "Kiro", "Dex Rivers", ms=158_000)
RUN_FEAT = t("runfeat", "Run It Up (feat. Dex Rivers)", "Kiro", ms=158_000)
SAKURA = t("sakura", "桜の雨", "Hana Mori", ms=210_000)
SAKURA_ACOUSTIC = t("sakura2", "桜の雨 (Acoustic)", "Hana Mori", ms=200_000)
ZVEZDY = t("zvezdy", "Звёзды", "Polina Grey", ms=168_000)
DONT = t("dont", "Don't Look Back - Remastered 2024", "Arlo Finch", ms=192_000)
PAPER = t("paper", "Paper Hearts", "Lanterns", ms=201_000)
CAFE = t("cafe", "Café del Mar", "Énergie", ms=300_000)
EXTENDED = t("extended", "Midnight Drive", "Luna Vale", ms=372_000, pop=20)
RADIO_EDIT = t("radioedit", "Summer Static - Radio Edit", "Ocean Pike", ms=180_000)
SUMMER = t("summer", "Summer Static", "Ocean Pike", ms=240_000)
FILM = t("film", "Paper Hearts (From the film “Fold”)", "The Lanterns", ms=201_000)
BOXER = t("boxer", "The Boxer", "Simon & Garfunkel")
SINGLE = t("single", "Midnight Drive", "Luna Vale", isrc="QZ1", ms=185_000, pop=30)


CASES = [
    Case("original over remix by ISRC", DRIVE_ISRC, (REMIX, ORIG), MATCHED, (ORIG,)),
    Case("original over remix without ISRC", DRIVE, (REMIX, ORIG), MATCHED, (ORIG,)),
    Case("remix when the remix was heard", heard("Midnight Drive (Kaito Remix)", "Luna Vale"),
         (ORIG, REMIX), MATCHED, (REMIX,)),
    Case("live when live was heard", heard("Midnight Drive (Live at Brixton)", "Luna Vale"),
         (ORIG, LIVE), MATCHED, (LIVE,)),
    Case("only a live version: ask", DRIVE, (LIVE,), AMBIGUOUS, (LIVE,)),
    Case("sped up when sped up was heard", heard("Midnight Drive (Sped Up)", "Luna Vale"),
         (ORIG, SPED), MATCHED, (SPED,)),
    Case("original over sped up", DRIVE, (SPED, ORIG), MATCHED, (ORIG,)),
    Case("slowed + reverb when heard", heard("Slow Tide (Slowed + Reverb)", "Coral Bay"),
         (SLOW, SLOWED), MATCHED, (SLOWED,)),
    Case("original over slowed", heard("Slow Tide", "Coral Bay", ms=226_000), (SLOWED, SLOW),
         MATCHED, (SLOW,)),
    Case("original over karaoke", DRIVE, (KARAOKE, ORIG), MATCHED, (ORIG,)),
    Case("only karaoke: not on Spotify", DRIVE, (KARAOKE,), NONE),
    Case("original over instrumental", DRIVE, (INSTRUMENTAL, ORIG), MATCHED, (ORIG,)),
    Case("original over nightcore and 8d", DRIVE, (NIGHTCORE, EIGHT_D, ORIG), MATCHED, (ORIG,)),
    Case("original over a cover", DRIVE, (COVER, ORIG), MATCHED, (ORIG,)),
    Case("only a cover by someone else: not on Spotify", DRIVE, (COVER,), NONE),
    Case("acoustic when heard", heard("Midnight Drive (Acoustic)", "Luna Vale"),
         (ORIG, ACOUSTIC), MATCHED, (ACOUSTIC,)),
    Case("featured artist in Shazam's title, in Spotify's artists",
         heard("Run It Up (feat. Dex Rivers)", "Kiro"), (RUN,), MATCHED, (RUN,)),
    Case("featured artist in Spotify's title, in Shazam's artists",
         heard("Run It Up", "Kiro", "Dex Rivers"), (RUN_FEAT,), MATCHED, (RUN_FEAT,)),
    Case("artists in the other order", heard("Run It Up", "Dex Rivers", "Kiro"), (RUN,),
         MATCHED, (RUN,)),
    Case("ft. against feat.", heard("Run It Up ft. Dex Rivers", "Kiro"), (RUN_FEAT,), MATCHED,
         (RUN_FEAT,)),
    Case("Japanese title", heard("桜の雨", "Hana Mori"), (SAKURA,), MATCHED, (SAKURA,)),
    Case("Japanese title, acoustic version not heard", heard("桜の雨", "Hana Mori", ms=210_000),
         (SAKURA_ACOUSTIC, SAKURA), MATCHED, (SAKURA,)),
    Case("Cyrillic title", heard("Звёзды", "Polina Grey"), (ZVEZDY,), MATCHED, (ZVEZDY,)),
    Case("Cyrillic е for ё", heard("Звезды", "Polina Grey"), (ZVEZDY,), MATCHED, (ZVEZDY,)),
    Case("curly against straight apostrophe and a remaster suffix",
         heard("Don’t Look Back", "Arlo Finch"), (DONT,), MATCHED, (DONT,)),
    Case("a leading The", heard("Paper Hearts", "The Lanterns"), (PAPER,), MATCHED, (PAPER,)),
    Case("a bracketed film note", heard("Paper Hearts", "The Lanterns"), (FILM,), MATCHED, (FILM,)),
    Case("accents and case", heard("CAFE DEL MAR", "Energie"), (CAFE,), MATCHED, (CAFE,)),
    Case("the same title by another, more popular artist", heard("Golden Hour", "Mira Sol"),
         (GOLDEN_OTHER, GOLDEN), MATCHED, (GOLDEN,)),
    Case("only the same title by another artist: not on Spotify",
         heard("Golden Hour", "Mira Sol"), (GOLDEN_OTHER,), NONE),
    Case("ISRC wins over a differing title", heard("Midnight Drive (2024 Mix)", "L. Vale",
                                                  isrc="QZ1"), (REMIX, ORIG), MATCHED, (ORIG,)),
    Case("two tracks with the one ISRC: the more popular", DRIVE_ISRC, (SINGLE, ORIG), MATCHED,
         (ORIG,)),
    # Was "ask": both are one recording (same name, artists and length), so either is right.
    Case("album and deluxe copies of one recording without ISRC: add either",
         heard("Slow Tide", "Coral Bay"), (SLOW, SLOW_DELUXE), MATCHED, (SLOW, SLOW_DELUXE)),
    Case("nothing found", DRIVE, (), NONE),
    Case("another song by the same artist: not on Spotify", DRIVE, (TRAIN,), NONE),
    # Was "duration picks the album version": Shazam's answer carries no duration in production.
    Case("two unmarked versions of different length, no heard duration: ask",
         heard("Midnight Drive", "Luna Vale"), (EXTENDED, ORIG), AMBIGUOUS, (EXTENDED, ORIG)),
    Case("radio edit when heard", heard("Summer Static (Radio Edit)", "Ocean Pike"),
         (SUMMER, RADIO_EDIT), MATCHED, (RADIO_EDIT,)),
    # Was "two close artists: ask": the exact name is the act heard, its sound-alike another.
    Case("the exact act over a sound-alike", heard("Slow Tide", "Coral Bay"), (SLOW, SLOW_BAYS),
         MATCHED, (SLOW,)),
    Case("the platform's music tag agrees", heard("Slow Tide", "Coral Bay"),
         (SLOW, SLOW_BAYS), MATCHED, (SLOW,), MusicHint("Slow Tide", ("Coral Bay",))),
    Case("a hint alone never makes another song match", DRIVE, (TRAIN,), NONE,
         hint=MusicHint("Midnight Train", ("Luna Vale",))),
    # Was "a mistyped artist still matches": a typo or a knock-off, the person tells (issue 25).
    Case("a mistyped artist alone: ask", heard("Midnight Drive", "Luna Vail"), (ORIG,),
         AMBIGUOUS, (ORIG,)),
    Case("a duo split by Shazam, whole on Spotify", heard("The Boxer", "Simon", "Garfunkel"),
         (BOXER,), MATCHED, (BOXER,)),
    Case("ISRC case differs", heard("Midnight Drive", "Luna Vale", isrc="qz1"), (REMIX, ORIG),
         MATCHED, (ORIG,)),
    Case("only other versions of the original: ask", DRIVE, (SPED, REMIX), AMBIGUOUS,
         (SPED, REMIX)),
]

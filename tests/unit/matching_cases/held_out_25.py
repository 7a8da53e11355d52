"""Issue 25's held-out rows: written before the matcher changed and never tuned against.

They measure the goal (at least 97% right, no wrong silent add) on songs the tuning rows do not
hold; bench/bench_matching.py prints them apart.
"""

from __future__ import annotations

from functools import partial

from core.models import MusicHint
from tests.unit.matching_cases import AMBIGUOUS, MATCHED, NONE, Case, heard, said, t

Acts = partial(Case, shape="1 other act")
Twins = partial(Case, shape="2 ISRC twin")
Copies = partial(Case, shape="3 release copies")
Scripts = partial(Case, shape="4 two scripts", scripts=True)
Names = partial(Case, shape="5 names with , & +")
Tags = partial(Case, shape="6 tag names a version")
Lesser = partial(Case, shape="7 live, classical, mixes, parts")

SHALLOW = t("shallow", "Shallow", "Lady Gaga", "Bradley Cooper", ms=215_733, pop=82)
SHALLOW_KAR = t("shallowkar", "Shallow (Made Famous by Lady Gaga & Bradley Cooper)",
                "Pop Tracks Karaoke", ms=216_000, pop=10)
DRIVERS_TRIB = t("driverstrib", "drivers license", "Olivia Rodrigo Tribute", ms=242_000, pop=11)
DRIVERS = t("drivers", "drivers license", "Olivia Rodrigo", ms=242_014, pop=85)
RADIO_TRIB = t("radiotrib", "Radioactive", "Imagine Dragons Tribute", ms=187_000, pop=9)
HEATHENS_NC = t("heathensnc", "Heathens (Nightcore)", "Nightcore Squad", ms=160_000, pop=30)
STAND = t("stand", "Stand by Me", "Ben E. King", ms=180_000, pop=80)
STAND_BACK = t("standback", "Stand by Me", "Ben E. King Backing Tracks", ms=181_000, pop=5)
SULTANS = t("sultans", "Sultans of Swing", "Dire Straits", ms=348_000, pop=80)
SULTANS_LEG = t("sultansleg", "Sultans of Swing", "Dire Straits Legacy", ms=350_000, pop=20)
JOHNNY = t("johnny", "Johnny B. Goode", "Chuck Berry", ms=161_000, pop=70)
FREE = t("free", "Free Fallin'", "Tom Petty", ms=256_000, pop=78)
FORTUNATE = t("fortunate", "Fortunate Son", "Creedence Clearwater Revival", ms=140_000, pop=82)
WHOLE = t("whole", "Whole Lotta Love", "Led Zeppelin", ms=334_000, pop=78)
GOTY = t("goty", "Glimpse of Us", "Joji", isrc="USQX92202108", ms=233_000, pop=85)
GOTY_SPED = t("gotysped", "Glimpse of Us - Sped Up", "Joji", isrc="USQX92202108", ms=190_000,
              pop=87)
CRUEL = t("cruel", "Cruel Summer", "Taylor Swift", isrc="USUG11901472", ms=178_426, pop=92)
CRUEL_TWIN = t("crueltwin", "Summer Breeze", "Lounge Café Players", isrc="USUG11901472",
               ms=200_000, pop=20)
SKY = t("sky", "A Sky Full of Stars", "Coldplay", isrc="GBAYE1400029", ms=267_866, pop=85)
SKY_LIVE = t("skylive", "A Sky Full of Stars - Live at River Plate", "Coldplay",
             isrc="GBAYE1400029", ms=300_000, pop=40)
WATERMELON = t("water", "Watermelon Sugar", "Harry Styles", album="Fine Line", pop=84,
               ms=174_000)
WATERMELON_NOW = t("waternow", "Watermelon Sugar", "Harry Styles",
                   album="NOW That's What I Call Music! 106", pop=40, ms=174_000)
WATERMELON_HITS = t("waterhits", "Watermelon Sugar", "Harry Styles", album="Summer Hits 2020",
                    pop=88, ms=174_000)
SHAPE = t("shape", "Shape of You", "Ed Sheeran", album="÷", pop=85, ms=233_712)
SHAPE_DELUXE = t("shapedeluxe", "Shape of You", "Ed Sheeran", album="÷ (Deluxe)", pop=90,
                 ms=233_712)
SEPT_BEST = t("septbest", "September", "Earth, Wind & Fire",
              album="The Best Of Earth, Wind & Fire, Vol. 1", pop=84, ms=215_000)
SEPT_SINGLE = t("septsingle", "September", "Earth, Wind & Fire", album="September", pop=40,
                ms=215_000)
LOVE_DIVE = t("lovedive", "LOVE DIVE", "IVE", ms=177_000, pop=75)
SCLASS = t("sclass", "특 (S-Class)", "Stray Kids", ms=197_000, pop=66)
THUNDER = t("thunder", "소리꾼 (Thunderous)", "Stray Kids", ms=181_000, pop=64)
GOOD_DAY = t("goodday", "좋은 날 (Good Day)", "IU", ms=234_000, pop=60)
BANG = t("bang", "뱅뱅뱅 (BANG BANG BANG)", "BIGBANG", ms=220_000, pop=60)
IDOL = t("idol", "アイドル", "YOASOBI", ms=213_000, pop=80)
KICK = t("kick", "KICK BACK", "米津玄師", ms=193_000, pop=70)
AFTER = t("after", "Redbone", "Childish Gambino", ms=327_000, pop=80)
DEAN = t("dean", "Sing About Me, I'm Dying of Thirst", "Kendrick Lamar", ms=723_000, pop=60)
TWO = t("two", "Shivers", "Ed Sheeran", ms=207_000, pop=80)
EWF = t("ewf", "Let's Groove", "Earth, Wind & Fire", ms=338_000, pop=70)
SHAY = t("shay", "Speechless", "Dan + Shay", ms=213_000, pop=65)
DEVIL = t("devil", "Devil Inside (feat. Gucci Mane & Lil Baby)", "CAS", "Gucci Mane",
          "Lil Baby", ms=200_000, pop=40)
NIGHTS = t("nights", "Nights Like This (feat. Ty Dolla $ign)", "Kehlani", "Ty Dolla $ign",
           ms=317_000, pop=70)
FALLING = t("falling", "Falling", "Harry Styles", ms=240_000, pop=80)
AS_IT = t("asit2", "As It Was", "Harry Styles", ms=167_303, pop=90)
AS_IT_SLOW = t("asitslow", "As It Was - Slowed", "Harry Styles", ms=200_000, pop=60)
PEPAS = t("pepas", "Pepas", "Farruko", ms=287_000, pop=85)
PEPAS_RMX = t("pepasrmx", "Pepas - Tiësto Remix", "Farruko", "Tiësto", ms=200_000, pop=55)
SUNROOF = t("sunroof", "Sunroof", "Nicky Youre", "dazy", ms=163_000, pop=80)
MOONLIGHT = t("moonlight", "Piano Sonata No. 14 in C-Sharp Minor, Op. 27 No. 2 "
              "\"Moonlight\": I. Adagio sostenuto", "Ludwig van Beethoven", "Daniel Barenboim",
              ms=360_000, pop=60)
MOONLIGHT_3 = t("moonlight3", "Piano Sonata No. 14 in C-Sharp Minor, Op. 27 No. 2 "
                "\"Moonlight\": III. Presto agitato", "Ludwig van Beethoven", "Daniel Barenboim",
                ms=420_000, pop=50)
ONE_LIVE = t("onelive", "One - Live", "Metallica", ms=480_000, pop=40,
             album="S&M (Live)")
ONE = t("one", "One", "Metallica", ms=446_000, pop=70, album="...And Justice for All")
CLOSER_MIX = t("closermix", "Closer - R3HAB Remix", "The Chainsmokers", "Halsey", "R3HAB",
               ms=200_000, pop=40)
CLOSER = t("closer", "Closer", "The Chainsmokers", "Halsey", ms=244_960, pop=85)
BRAIN = t("brain", "Brain Damage / Eclipse (Pts. 1-2)", "Pink Floyd", ms=400_000, pop=40)

CASES = [
    Acts("held out 25: a 'made famous by' karaoke act only", heard("Shallow", "Lady Gaga",
         "Bradley Cooper"), (SHALLOW_KAR,), NONE),
    Acts("held out 25: original over a 'made famous by' karaoke act",
         heard("Shallow", "Lady Gaga", "Bradley Cooper"), (SHALLOW_KAR, SHALLOW), MATCHED,
         (SHALLOW,)),
    Acts("held out 25: a tribute act alone", heard("drivers license", "Olivia Rodrigo"),
         (DRIVERS_TRIB,), NONE),
    Acts("held out 25: a tribute act of a two-word name",
         heard("Radioactive", "Imagine Dragons"), (RADIO_TRIB,), NONE),
    Acts("held out 25: another nightcore channel",
         heard("Heathens (Nightcore)", "Nightcore Kings"), (HEATHENS_NC,), NONE),
    Acts("held out 25: a backing-track act", heard("Stand by Me", "Ben E. King"),
         (STAND_BACK, STAND), MATCHED, (STAND,)),
    Acts("held out 25: a 'Legacy' lineup is another act", heard("Sultans of Swing", "Dire Straits"),
         (SULTANS_LEG,), NONE),
    Acts("held out 25: band join, '& His' shape", heard("Free Fallin'", "Tom Petty"), (FREE,),
         MATCHED, (FREE,)),
    Acts("held out 25: band join heard, the leader alone on Spotify",
         heard("Johnny B. Goode", "Chuck Berry & The Bluesmen"), (JOHNNY,), MATCHED, (JOHNNY,)),
    Twins("held out 25: a sped-up twin of the code, the original present",
          heard("Glimpse of Us", "Joji", isrc="USQX92202108"), (GOTY_SPED, GOTY), MATCHED,
          (GOTY,)),
    Twins("held out 25: an unrelated twin of the code alone",
          heard("Cruel Summer", "Taylor Swift", isrc="USUG11901472"), (CRUEL_TWIN,), NONE),
    Twins("held out 25: an unrelated twin beside the song",
          heard("Cruel Summer", "Taylor Swift", isrc="USUG11901472"), (CRUEL_TWIN, CRUEL),
          MATCHED, (CRUEL,)),
    Twins("held out 25: a live twin of the code alone: ask",
          heard("A Sky Full of Stars", "Coldplay", isrc="GBAYE1400029"), (SKY_LIVE,), AMBIGUOUS,
          (SKY_LIVE,)),
    Twins("held out 25: the studio track over its live twin",
          heard("A Sky Full of Stars", "Coldplay", isrc="GBAYE1400029"), (SKY_LIVE, SKY),
          MATCHED, (SKY,)),
    Copies("held out 25: the named album over a NOW compilation and a hits collection",
           heard("Watermelon Sugar", "Harry Styles", album="Fine Line"),
           (WATERMELON_HITS, WATERMELON_NOW, WATERMELON), MATCHED, (WATERMELON,)),
    Copies("held out 25: no album named, the album over hits collections",
           heard("Watermelon Sugar", "Harry Styles"), (WATERMELON_HITS, WATERMELON_NOW,
                                                       WATERMELON), MATCHED, (WATERMELON,)),
    Copies("held out 25: the named album over its deluxe",
           heard("Shape of You", "Ed Sheeran", album="÷"), (SHAPE_DELUXE, SHAPE), MATCHED,
           (SHAPE,)),
    Copies("held out 25: a 'Best Of' loses to the single release",
           heard("September", "Earth, Wind & Fire"), (SEPT_BEST, SEPT_SINGLE), MATCHED,
           (SEPT_SINGLE,)),
    Scripts("held out 25: a one-syllable native title", heard("S-Class", "Stray Kids"),
            (THUNDER, SCLASS), MATCHED, (SCLASS,)),
    Scripts("held out 25: a translated English part", heard("Good Day", "IU"), (GOOD_DAY,),
            MATCHED, (GOOD_DAY,)),
    Scripts("held out 25: a shouted English part", heard("Bang Bang Bang", "BIGBANG"), (BANG,),
            MATCHED, (BANG,)),
    Scripts("held out 25: an English title against katakana: ask",
            heard("Idol", "YOASOBI"), (IDOL,), AMBIGUOUS, (IDOL,)),
    Scripts("held out 25: the title sure, the artist in kanji: ask",
            heard("KICK BACK", "Kenshi Yonezu"), (KICK,), AMBIGUOUS, (KICK,)),
    Scripts("held out 25: an English title already in Latin letters",
            heard("LOVE DIVE", "IVE"), (LOVE_DIVE,), MATCHED, (LOVE_DIVE,)),
    Names("held out 25: a comma name and a second line",
          said("Sing About Me, I'm Dying of Thirst", "Kendrick Lamar"), (DEAN,), MATCHED,
          (DEAN,)),
    Names("held out 25: a comma-and-ampersand band", said("Let's Groove", "Earth, Wind & Fire"),
          (EWF,), MATCHED, (EWF,)),
    Names("held out 25: a plus-sign duo", said("Speechless", "Dan + Shay"), (SHAY,), MATCHED,
          (SHAY,)),
    Names("held out 25: two guests in the subtitle and the title",
          said("Devil Inside (feat. Gucci Mane & Lil Baby)", "CAS Feat. Gucci Mane & Lil Baby"),
          (DEVIL,), MATCHED, (DEVIL,)),
    Names("held out 25: a guest with a dollar sign",
          said("Nights Like This (feat. Ty Dolla $ign)", "Kehlani Feat. Ty Dolla $ign"),
          (NIGHTS,), MATCHED, (NIGHTS,)),
    Names("held out 25: an ampersand between two acts", said("Sunroof", "Nicky Youre & dazy"),
          (SUNROOF,), MATCHED, (SUNROOF,)),
    Tags("held out 25: a tag naming a slowed version", heard("As It Was", "Harry Styles"),
         (AS_IT, AS_IT_SLOW), AMBIGUOUS, (AS_IT_SLOW,),
         hint=MusicHint("As It Was (Slowed)", ("Harry Styles",))),
    Tags("held out 25: a tag naming a remix", heard("Pepas", "Farruko"), (PEPAS, PEPAS_RMX),
         AMBIGUOUS, (PEPAS_RMX,), hint=MusicHint("Pepas (Tiësto Remix)", ("Farruko",))),
    Tags("held out 25: a plain tag of the same song", heard("Falling", "Harry Styles"),
         (FALLING,), MATCHED, (FALLING,), hint=MusicHint("Falling", ("Harry Styles",))),
    Tags("held out 25: a plain tag with the remix on offer", heard("Pepas", "Farruko"),
         (PEPAS_RMX, PEPAS), MATCHED, (PEPAS,), hint=MusicHint("Pepas", ("Farruko",))),
    Lesser("held out 25: movements told apart by numeral",
           said("Piano Sonata No. 14 in C-Sharp Minor, Op. 27 No. 2 \"Moonlight\": "
                "I. Adagio sostenuto", "Daniel Barenboim"), (MOONLIGHT_3, MOONLIGHT), MATCHED,
           (MOONLIGHT,)),
    Lesser("held out 25: a bare 'Live' with the live album named",
           heard("One (Live)", "Metallica", album="S&M (Live)"), (ONE, ONE_LIVE), MATCHED,
           (ONE_LIVE,)),
    Lesser("held out 25: a named 'Mix'", heard("Closer (R3HAB Mix)", "The Chainsmokers",
           "Halsey"), (CLOSER, CLOSER_MIX), MATCHED, (CLOSER_MIX,)),
    Lesser("held out 25: parts in brackets", heard("Brain Damage / Eclipse, Pts. 1-2",
           "Pink Floyd"), (BRAIN,), MATCHED, (BRAIN,)),
    Acts("held out 25: a whole-band name heard as the leader's", heard("Whole Lotta Love",
         "Led Zeppelin"), (WHOLE,), MATCHED, (WHOLE,)),
    Acts("held out 25: the original act alone is still added", heard("Fortunate Son",
         "Creedence Clearwater Revival"), (FORTUNATE,), MATCHED, (FORTUNATE,)),
    Scripts("held out 25: an unrelated English song by the same act",
            heard("Two Is Better", "Ed Sheeran"), (TWO,), NONE),
    Names("held out 25: a comma title is not two artists", said("Redbone", "Childish Gambino"),
          (AFTER,), MATCHED, (AFTER,)),
]

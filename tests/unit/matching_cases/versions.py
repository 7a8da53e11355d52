"""Versions of one song: remixes, live recordings, re-recordings, takes, edits, speed, language."""

from __future__ import annotations

from tests.unit.matching_cases import AMBIGUOUS, MATCHED, Case, heard, t

# A named remix among other remixes.
BH = t("bh", "Bad Habits", "Ed Sheeran", isrc="GBAHS2100318", ms=231_041, pop=86)
BH_JC = t("bhjc", "Bad Habits (Joel Corry Remix)", "Ed Sheeran", "Joel Corry", ms=175_000, pop=55)
BH_FE = t("bhfe", "Bad Habits (Fumez The Engineer Remix)", "Ed Sheeran", "Fumez The Engineer",
          ms=190_000, pop=50)
BH_ACOUSTIC = t("bhac", "Bad Habits - Acoustic Version", "Ed Sheeran", ms=229_000, pop=48)
BL = t("bl", "Blinding Lights", "The Weeknd", ms=200_040, pop=90)
BL_ROS = t("blros", "Blinding Lights (with ROSALÍA) - Remix", "The Weeknd", "ROSALÍA",
           ms=209_000, pop=60)
BL_CHROM = t("blchrom", "Blinding Lights - Chromatics Remix", "The Weeknd", "Chromatics",
             ms=300_000, pop=40)
BL_ML = t("blml", "Blinding Lights - Major Lazer Remix", "The Weeknd", "Major Lazer",
          ms=190_000, pop=42)
DESPA = t("despa", "Despacito", "Luis Fonsi", "Daddy Yankee", ms=229_360, pop=80)
DESPA_RMX = t("desparmx", "Despacito - Remix", "Luis Fonsi", "Daddy Yankee", "Justin Bieber",
              ms=228_826, pop=78)
COLD = t("cold", "Cold Heart - PNAU Remix", "Elton John", "Dua Lipa", "PNAU", ms=202_735, pop=85)
# Live recordings: two concerts and the studio track.
BR = t("br", "Bohemian Rhapsody - Remastered 2011", "Queen", ms=354_320, pop=85,
       album="A Night At The Opera (2011 Remaster)")
BR_WEM = t("brwem", "Bohemian Rhapsody - Live At Wembley Stadium / July 1986", "Queen",
           ms=360_000, pop=40, album="Live At Wembley Stadium")
BR_MTL = t("brmtl", "Bohemian Rhapsody - Live at Rock Montreal 1981", "Queen", ms=350_000,
           pop=35, album="Queen Rock Montreal")
BR_AID = t("braid", "Bohemian Rhapsody - Live Aid", "Queen", ms=148_000, pop=45,
           album="Live Aid")
HC = t("hc", "Hotel California - 2013 Remaster", "Eagles", ms=391_376, pop=82)
HC_LIVE = t("hclive", "Hotel California - Live On MTV, 1994", "Eagles", ms=427_000, pop=60,
            album="Hell Freezes Over")
AG = t("ag", "About A Girl", "Nirvana", ms=168_000, pop=55)
AG_MTV = t("agmtv", "About A Girl - Live On MTV Unplugged, 1993 / Unedited", "Nirvana",
           ms=217_000, pop=65, album="MTV Unplugged In New York")
# Re-recordings.
LS = t("ls", "Love Story", "Taylor Swift", ms=235_280, pop=75)
LS_TV = t("lstv", "Love Story (Taylor's Version)", "Taylor Swift", ms=235_766, pop=80)
ATW_TV = t("atwtv", "All Too Well (Taylor's Version)", "Taylor Swift", ms=329_160, pop=70)
ATW_10 = t("atw10", "All Too Well (10 Minute Version) (Taylor's Version) (From The Vault)",
           "Taylor Swift", ms=613_026, pop=82)
VENUS = t("venus", "Venus", "Bananarama", ms=219_000, pop=60)
VENUS_RR = t("venusrr", "Venus - Re-Recorded", "Bananarama", ms=222_000, pop=40)
# Takes.
SFF = t("sff", "Strawberry Fields Forever - Remastered 2009", "The Beatles", ms=247_000, pop=70)
SFF_T7 = t("sfft7", "Strawberry Fields Forever - Take 7", "The Beatles", ms=190_000, pop=30)
SFF_T26 = t("sfft26", "Strawberry Fields Forever - Take 26", "The Beatles", ms=200_000, pop=28)
# Edits and mixes.
AN = t("an", "Animals", "Martin Garrix", ms=303_000, pop=70)
AN_RE = t("anre", "Animals - Radio Edit", "Martin Garrix", ms=176_000, pop=74)
PARIS = t("paris", "Paris", "The Chainsmokers", ms=221_520, pop=70)
PARIS_RS = t("parisrs", "Paris - Restrung", "The Chainsmokers", ms=230_000, pop=30)
# Speed.
KB = t("kb", "Kill Bill", "SZA", ms=153_946, pop=88)
KB_SPED = t("kbsped", "Kill Bill - Sped Up Version", "SZA", ms=131_000, pop=65)
KB_OTHER = t("kbother", "Kill Bill (Sped Up)", "Speed Radio", ms=120_000, pop=45)
CR = t("cr", "Creepin'", "Metro Boomin", "The Weeknd", "21 Savage", ms=221_520, pop=85)
CR_SLOW = t("crslow", "Creepin' - Slowed + Reverb", "Metro Boomin", "The Weeknd", "21 Savage",
            ms=262_000, pop=55)
# Language versions.
BOOM = t("boom", "BOOMBAYAH", "BLACKPINK", ms=240_000, pop=70)
BOOM_JP = t("boomjp", "BOOMBAYAH - JP Ver.", "BLACKPINK", ms=241_000, pop=45)
BAIL_ES = t("bailes", "Bailando - Spanish Version", "Enrique Iglesias", "Descemer Bueno",
            "Gente De Zona", ms=243_000, pop=70)
BAIL_EN = t("bailen", "Bailando - English Version", "Enrique Iglesias", "Sean Paul",
            "Descemer Bueno", "Gente De Zona", ms=244_000, pop=60)
# Acoustic, instrumental, a cappella.
PERF = t("perf", "Perfect", "Ed Sheeran", ms=263_400, pop=85)
PERF_DUET = t("perfduet", "Perfect Duet (with Beyoncé)", "Ed Sheeran", "Beyoncé", ms=259_000,
              pop=70)
PERF_AC = t("perfac", "Perfect - Acoustic", "Ed Sheeran", ms=260_000, pop=40)
PERF_INSTR = t("perfinstr", "Perfect - Instrumental", "Ed Sheeran", ms=263_000, pop=30)
HEY = t("hey", "Hey Ya!", "Outkast", ms=250_000, pop=80)
SWEATER = t("sweater", "Sweater Weather", "The Neighbourhood", ms=240_400, pop=88)
SWEATER_8D = t("sweater8d", "Sweater Weather (8D Audio)", "8D Tunes", ms=240_000, pop=35)

CASES = [
    Case("a named remix among other remixes", heard("Bad Habits (Joel Corry Remix)", "Ed Sheeran"),
         (BH, BH_FE, BH_JC), MATCHED, (BH_JC,)),
    Case("a named remix, remixer among Shazam's artists",
         heard("Bad Habits (Joel Corry Remix)", "Ed Sheeran", "Joel Corry"), (BH_FE, BH, BH_JC),
         MATCHED, (BH_JC,)),
    Case("a named remix Spotify lacks: ask", heard("Bad Habits (Joel Corry Remix)", "Ed Sheeran"),
         (BH, BH_FE), AMBIGUOUS, (BH, BH_FE)),
    Case("the original among remixes and an acoustic", heard("Bad Habits", "Ed Sheeran"),
         (BH_JC, BH_FE, BH_ACOUSTIC, BH), MATCHED, (BH,)),
    Case("an unnamed remix with two named ones on Spotify: ask",
         heard("Bad Habits (Remix)", "Ed Sheeran"), (BH, BH_JC, BH_FE), AMBIGUOUS, (BH_JC, BH_FE)),
    Case("the acoustic version when heard", heard("Bad Habits (Acoustic Version)", "Ed Sheeran"),
         (BH, BH_ACOUSTIC, BH_JC), MATCHED, (BH_ACOUSTIC,)),
    Case("a remix with a 'with' feature in brackets",
         heard("Blinding Lights (Remix)", "The Weeknd", "ROSALÍA"), (BL, BL_CHROM, BL_ROS),
         MATCHED, (BL_ROS,)),
    Case("a named remix beside another named one",
         heard("Blinding Lights (Chromatics Remix)", "The Weeknd"), (BL, BL_ML, BL_CHROM),
         MATCHED, (BL_CHROM,)),
    Case("the original over three more popular-sounding remixes",
         heard("Blinding Lights", "The Weeknd"), (BL_ROS, BL_ML, BL_CHROM, BL), MATCHED, (BL,)),
    Case("the original whose remix adds an artist",
         heard("Despacito", "Luis Fonsi", "Daddy Yankee"),
         (DESPA_RMX, DESPA), MATCHED, (DESPA,)),
    Case("the remix with the added artist", heard("Despacito (Remix)", "Luis Fonsi",
                                                  "Daddy Yankee", "Justin Bieber"),
         (DESPA, DESPA_RMX), MATCHED, (DESPA_RMX,)),
    Case("a remix whose remixer is a Spotify artist", heard("Cold Heart (PNAU Remix)",
                                                            "Elton John", "Dua Lipa"),
         (COLD,), MATCHED, (COLD,)),
    Case("the studio track among live ones", heard("Bohemian Rhapsody", "Queen"),
         (BR_WEM, BR_AID, BR, BR_MTL), MATCHED, (BR,)),
    Case("a named concert among concerts",
         heard("Bohemian Rhapsody (Live At Wembley Stadium / July 1986)", "Queen"),
         (BR, BR_MTL, BR_WEM, BR_AID), MATCHED, (BR_WEM,)),
    Case("the concert named shorter by Shazam", heard("Bohemian Rhapsody (Live at Wembley '86)",
                                                      "Queen"),
         (BR, BR_MTL, BR_WEM), MATCHED, (BR_WEM,)),
    Case("an unnamed live among two concerts: ask", heard("Bohemian Rhapsody (Live)", "Queen"),
         (BR, BR_WEM, BR_MTL), AMBIGUOUS, (BR_WEM, BR_MTL)),
    Case("an unnamed live, the concert named by Shazam's album",
         heard("Bohemian Rhapsody (Live)", "Queen", album="Live At Wembley '86"),
         (BR, BR_MTL, BR_WEM), MATCHED, (BR_WEM,)),
    Case("Live Aid by name", heard("Bohemian Rhapsody (Live Aid)", "Queen"),
         (BR, BR_WEM, BR_AID), MATCHED, (BR_AID,)),
    Case("a concert Spotify lacks: ask, never the studio track silently",
         heard("Bohemian Rhapsody (Live at Hammersmith Odeon 1975)", "Queen"), (BR, BR_AID),
         AMBIGUOUS, (BR,)),
    Case("a live heard, only the studio track on Spotify: ask",
         heard("Hotel California (Live)", "Eagles"), (HC,), AMBIGUOUS, (HC,)),
    Case("the remaster of the studio track over the live one",
         heard("Hotel California", "Eagles"), (HC_LIVE, HC), MATCHED, (HC,)),
    Case("the live one by its own words", heard("Hotel California (Live On MTV, 1994)", "Eagles"),
         (HC, HC_LIVE), MATCHED, (HC_LIVE,)),
    Case("MTV Unplugged named shorter by Shazam", heard("About a Girl (MTV Unplugged)", "Nirvana"),
         (AG, AG_MTV), MATCHED, (AG_MTV,)),
    Case("the studio track over MTV Unplugged", heard("About a Girl", "Nirvana"), (AG_MTV, AG),
         MATCHED, (AG,)),
    Case("Taylor's Version when heard", heard("Love Story (Taylor's Version)", "Taylor Swift"),
         (LS, LS_TV), MATCHED, (LS_TV,)),
    Case("the 2008 recording over the more popular re-recording",
         heard("Love Story", "Taylor Swift"), (LS_TV, LS), MATCHED, (LS,)),
    Case("the 2008 recording heard, only Taylor's Version on Spotify: ask",
         heard("Love Story", "Taylor Swift"), (LS_TV,), AMBIGUOUS, (LS_TV,)),
    Case("Taylor's Version heard, only the 2008 recording: ask",
         heard("Love Story (Taylor's Version)", "Taylor Swift"), (LS,), AMBIGUOUS, (LS,)),
    Case("the 10 minute version among Taylor's Versions",
         heard("All Too Well (10 Minute Version) (Taylor's Version) (From The Vault)",
               "Taylor Swift"), (ATW_TV, ATW_10), MATCHED, (ATW_10,)),
    Case("the 5 minute Taylor's Version over the 10 minute one",
         heard("All Too Well (Taylor's Version)", "Taylor Swift"), (ATW_10, ATW_TV), MATCHED,
         (ATW_TV,)),
    Case("a re-recording when heard", heard("Venus (Re-Recorded)", "Bananarama"),
         (VENUS, VENUS_RR), MATCHED, (VENUS_RR,)),
    Case("the original over a re-recording", heard("Venus", "Bananarama"), (VENUS_RR, VENUS),
         MATCHED, (VENUS,)),
    Case("the original heard, only the re-recording: ask", heard("Venus", "Bananarama"),
         (VENUS_RR,), AMBIGUOUS, (VENUS_RR,)),
    Case("a dated re-record against an undated one: ask",
         heard("Venus (2011 Re-Record)", "Bananarama"), (VENUS, VENUS_RR), AMBIGUOUS, (VENUS_RR,)),
    Case("the master among takes", heard("Strawberry Fields Forever", "The Beatles"),
         (SFF_T7, SFF, SFF_T26), MATCHED, (SFF,)),
    Case("take 7 by number", heard("Strawberry Fields Forever (Take 7)", "The Beatles"),
         (SFF, SFF_T26, SFF_T7), MATCHED, (SFF_T7,)),
    Case("a take Spotify lacks: ask", heard("Strawberry Fields Forever (Take 1)", "The Beatles"),
         (SFF, SFF_T7, SFF_T26), AMBIGUOUS, (SFF_T7, SFF_T26)),
    Case("the radio edit by name", heard("Animals (Radio Edit)", "Martin Garrix"), (AN, AN_RE),
         MATCHED, (AN_RE,)),
    Case("the original over a more popular radio edit", heard("Animals", "Martin Garrix"),
         (AN_RE, AN), MATCHED, (AN,)),
    Case("'Original Mix' is the original", heard("Animals (Original Mix)", "Martin Garrix"),
         (AN_RE, AN), MATCHED, (AN,)),
    Case("an extended mix Spotify lacks: ask", heard("Animals (Extended Mix)", "Martin Garrix"),
         (AN, AN_RE), AMBIGUOUS, (AN, AN_RE)),
    Case("a Restrung version by name", heard("Paris (Restrung)", "The Chainsmokers"),
         (PARIS, PARIS_RS), MATCHED, (PARIS_RS,)),
    Case("the original over Restrung", heard("Paris", "The Chainsmokers"), (PARIS_RS, PARIS),
         MATCHED, (PARIS,)),
    Case("the artist's own sped-up version", heard("Kill Bill (Sped Up Version)", "SZA"),
         (KB, KB_SPED), MATCHED, (KB_SPED,)),
    Case("'sped up' in brackets against ' - Sped Up Version'", heard("Kill Bill (Sped Up)", "SZA"),
         (KB, KB_OTHER, KB_SPED), MATCHED, (KB_SPED,)),
    Case("the original over sped-up copies", heard("Kill Bill", "SZA"), (KB_SPED, KB_OTHER, KB),
         MATCHED, (KB,)),
    Case("sped up heard, only the original: ask", heard("Kill Bill (Sped Up)", "SZA"), (KB,),
         AMBIGUOUS, (KB,)),
    Case("sped up heard, the artist's own missing, a stranger's upload: ask with the original",
         heard("Kill Bill (Sped Up)", "SZA"), (KB_OTHER, KB), AMBIGUOUS, (KB,)),
    Case("slowed heard, only the original and sped up: ask", heard("Kill Bill (Slowed)", "SZA"),
         (KB, KB_SPED), AMBIGUOUS, (KB, KB_SPED)),
    Case("'slowed & reverb' against 'Slowed + Reverb'",
         heard("Creepin' (slowed & reverb)", "Metro Boomin", "The Weeknd", "21 Savage"),
         (CR, CR_SLOW), MATCHED, (CR_SLOW,)),
    Case("the original over slowed + reverb",
         heard("Creepin'", "Metro Boomin", "The Weeknd", "21 Savage"), (CR_SLOW, CR), MATCHED,
         (CR,)),
    Case("a language version by 'Ver.'", heard("BOOMBAYAH (JP Ver.)", "BLACKPINK"),
         (BOOM, BOOM_JP), MATCHED, (BOOM_JP,)),
    Case("the original over a language version", heard("BOOMBAYAH", "BLACKPINK"),
         (BOOM_JP, BOOM), MATCHED, (BOOM,)),
    Case("the English version by name", heard("Bailando (English Version)", "Enrique Iglesias",
                                              "Sean Paul", "Descemer Bueno", "Gente De Zona"),
         (BAIL_ES, BAIL_EN), MATCHED, (BAIL_EN,)),
    Case("no language named, only language versions on Spotify: ask",
         heard("Bailando", "Enrique Iglesias", "Descemer Bueno", "Gente De Zona"),
         (BAIL_ES, BAIL_EN), AMBIGUOUS, (BAIL_ES,)),
    Case("'Perfect' is not 'Perfect Duet'", heard("Perfect", "Ed Sheeran"),
         (PERF_DUET, PERF_AC, PERF), MATCHED, (PERF,)),
    Case("the duet by its own title", heard("Perfect Duet (Ed Sheeran & Beyoncé)", "Ed Sheeran",
                                            "Beyoncé"),
         (PERF, PERF_DUET), MATCHED, (PERF_DUET,)),
    Case("the instrumental by name", heard("Perfect (Instrumental)", "Ed Sheeran"),
         (PERF, PERF_INSTR), MATCHED, (PERF_INSTR,)),
    Case("vocals heard, only the instrumental: ask", heard("Perfect", "Ed Sheeran"),
         (PERF_INSTR,), AMBIGUOUS, (PERF_INSTR,)),
    Case("an exclamation mark in the title", heard("Hey Ya", "OutKast"), (HEY,), MATCHED, (HEY,)),
    Case("the original over an 8D upload", heard("Sweater Weather", "The Neighbourhood"),
         (SWEATER_8D, SWEATER), MATCHED, (SWEATER,)),
]

"""parse_links / scan_links on real-world link shapes: found, refused, ignored, equivalent."""

from __future__ import annotations

import random

import pytest

from core.links import parse_links, scan_links
from core.models import Platform
from core.refusals import Refusal

IG = "https://www.instagram.com/p/{}/"
TT = "https://www.tiktok.com/@_/video/{}"
YT = "https://www.youtube.com/watch?v={}"
FB = "https://www.facebook.com/reel/{}"

# (message text, platform, media id, canonical URL, needs resolve)
MEDIA = [
    # Instagram
    ("https://www.instagram.com/reel/C8xYz12AbCd/", "instagram", "C8xYz12AbCd", None, False),
    ("https://www.instagram.com/reel/C8xYz12AbCd/?igsh=MWZ0b2x5cWVnaXdtZA==", "instagram",
     "C8xYz12AbCd", None, False),
    ("https://instagram.com/reels/C8xYz12AbCd", "instagram", "C8xYz12AbCd", None, False),
    ("instagram.com/p/C8xYz12AbCd", "instagram", "C8xYz12AbCd", None, False),
    ("www.instagram.com/tv/C8xYz12AbCd/", "instagram", "C8xYz12AbCd", None, False),
    ("https://www.instagram.com/luna.vale/reel/C8xYz12AbCd/?utm_source=ig_web_copy_link",
     "instagram", "C8xYz12AbCd", None, False),
    ("https://www.instagram.com/luna_vale/p/C8xYz12AbCd/", "instagram", "C8xYz12AbCd", None, False),
    ("https://m.instagram.com/reel/C8xYz12AbCd", "instagram", "C8xYz12AbCd", None, False),
    ("HTTPS://WWW.INSTAGRAM.COM/REEL/C8xYz12AbCd/", "instagram", "C8xYz12AbCd", None, False),
    ("http://instagram.com/reel/DA-b_c123Zz/", "instagram", "DA-b_c123Zz", None, False),
    ("https://instagr.am/p/C8xYz12AbCd/", "instagram", "C8xYz12AbCd", None, False),
    ("https://www.instagram.com/share/reel/BAHmQ2xVd1/", "instagram", "BAHmQ2xVd1",
     "https://www.instagram.com/share/reel/BAHmQ2xVd1/", True),
    ("https://www.instagram.com/share/_nH4aQ7Lm/", "instagram", "_nH4aQ7Lm",
     "https://www.instagram.com/share/p/_nH4aQ7Lm/", True),
    # TikTok
    ("https://www.tiktok.com/@luna.vale/video/7312345678901234567", "tiktok",
     "7312345678901234567", None, False),
    ("https://www.tiktok.com/@luna.vale/video/7312345678901234567?is_from_webapp=1&sender_device=pc",
     "tiktok", "7312345678901234567", None, False),
    ("tiktok.com/@someone/video/7312345678901234567", "tiktok", "7312345678901234567", None, False),
    ("https://m.tiktok.com/v/7312345678901234567.html", "tiktok", "7312345678901234567", None,
     False),
    ("https://www.tiktok.com/embed/v2/7312345678901234567", "tiktok", "7312345678901234567", None,
     False),
    ("https://www.tiktok.com/@luna.vale/photo/7312345678901234567", "tiktok",
     "7312345678901234567", None, False),
    ("https://vm.tiktok.com/ZMh4abcDe/", "tiktok", "ZMh4abcDe", "https://vm.tiktok.com/ZMh4abcDe/",
     True),
    ("https://vt.tiktok.com/ZSabc123/", "tiktok", "ZSabc123", "https://vt.tiktok.com/ZSabc123/",
     True),
    ("vm.tiktok.com/ZMh4abcDe", "tiktok", "ZMh4abcDe", "https://vm.tiktok.com/ZMh4abcDe/", True),
    ("https://www.tiktok.com/t/ZTRabc123/", "tiktok", "ZTRabc123",
     "https://www.tiktok.com/t/ZTRabc123/", True),
    # YouTube
    ("https://youtube.com/shorts/dQw4w9WgXcQ?si=abcdEFGH", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s&feature=share", "youtube", "dQw4w9WgXcQ",
     None, False),
    ("https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None,
     False),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://youtu.be/dQw4w9WgXcQ?si=Xyz123&t=10", "youtube", "dQw4w9WgXcQ", None, False),
    ("youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL590L5WQmH8fJ54F", "youtube",
     "dQw4w9WgXcQ", None, False),
    ("https://music.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", "youtube", "dQw4w9WgXcQ", None,
     False),
    ("https://www.youtube.com/live/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, False),
    # Facebook
    ("https://www.facebook.com/reel/1234567890123456", "facebook", "1234567890123456", None, False),
    ("https://www.facebook.com/reel/1234567890123456/?mibextid=rS40aB7S9Ucbxw6v", "facebook",
     "1234567890123456", None, False),
    ("https://m.facebook.com/reel/1234567890123456", "facebook", "1234567890123456", None, False),
    ("https://www.facebook.com/watch/?v=1234567890123456", "facebook", "1234567890123456", None,
     False),
    ("https://www.facebook.com/lunavale/videos/1234567890123456/", "facebook", "1234567890123456",
     None, False),
    ("https://fb.watch/n1AbCdEfGh/", "facebook", "n1AbCdEfGh", "https://fb.watch/n1AbCdEfGh/",
     True),
    ("https://www.facebook.com/share/r/1AbCdEfGh/", "facebook", "1AbCdEfGh",
     "https://www.facebook.com/share/r/1AbCdEfGh/", True),
    # What the platforms' own share buttons produce today (Nov 2026), tracking included.
    ("https://www.instagram.com/reels/C8xYz12AbCd/?igsh=MWZ0b2x5cWVnaXdtZA==", "instagram",
     "C8xYz12AbCd", None, False),
    ("https://www.instagram.com/share/reel/BAHmQ2xVd1?igsh=MWZ0b2x5", "instagram", "BAHmQ2xVd1",
     "https://www.instagram.com/share/reel/BAHmQ2xVd1/", True),
    ("https://www.tiktokv.com/share/video/7312345678901234567/", "tiktok", "7312345678901234567",
     None, False),
    ("https://www.tiktokv.com/share/video/7312345678901234567/?u_code=d9k2j1&preview_pb=0"
     "&language=en&_d=e3a1b2c&share_item_id=7312345678901234567&source=h5_m"
     "&timestamp=1732950000&utm_source=copy&share_app_id=1233", "tiktok", "7312345678901234567",
     None, False),
    ("tiktokv.com/share/video/7312345678901234567", "tiktok", "7312345678901234567", None, False),
    ("https://www.tiktok.com/@luna.vale/video/7312345678901234567?_t=ZM-8rT1xAbCd&_r=1", "tiktok",
     "7312345678901234567", None, False),
    # a photo post with a song: yt-dlp reads the song at the /video/ address
    ("https://www.tiktok.com/@luna.vale/photo/7312345678901234567?is_from_webapp=1"
     "&sender_device=pc&web_id=7312345678901234000", "tiktok", "7312345678901234567", None, False),
    ("https://youtube.com/shorts/dQw4w9WgXcQ?si=Ab12Cd34Ef56Gh78", "youtube", "dQw4w9WgXcQ", None,
     False),
    ("https://m.youtube.com/shorts/dQw4w9WgXcQ?si=Ab12Cd34Ef56Gh78&feature=share", "youtube",
     "dQw4w9WgXcQ", None, False),
    ("https://www.facebook.com/share/r/1AbCdEfGh/?mibextid=wwXIfr", "facebook", "1AbCdEfGh",
     "https://www.facebook.com/share/r/1AbCdEfGh/", True),
    ("https://www.facebook.com/share/v/1AbCdEfGh/", "facebook", "1AbCdEfGh",
     "https://www.facebook.com/share/v/1AbCdEfGh/", True),
    ("https://fb.watch/n1AbCdEfGh/?mibextid=Nif5oz", "facebook", "n1AbCdEfGh",
     "https://fb.watch/n1AbCdEfGh/", True),
]

DEFAULT_CANONICAL = {"instagram": IG, "tiktok": TT, "youtube": YT, "facebook": FB}


@pytest.mark.parametrize(("text", "platform", "media_id", "canonical", "resolve"), MEDIA)
def test_media_links_are_found(text: str, platform: str, media_id: str, canonical: str | None,
                               resolve: bool) -> None:
    [link] = parse_links(f"look at this {text} 🔥")
    assert link.platform == Platform(platform)
    assert link.media_id == media_id
    assert link.canonical_url == (canonical or DEFAULT_CANONICAL[platform].format(media_id))
    assert link.needs_resolve is resolve


REFUSED = [
    ("https://www.instagram.com/luna.vale/", Refusal.PROFILE),
    ("instagram.com/luna.vale", Refusal.PROFILE),
    ("https://www.instagram.com/luna.vale/reels/", Refusal.PROFILE),
    ("https://www.instagram.com/explore/tags/music/", Refusal.TAG),
    ("https://www.instagram.com/reels/audio/1234567890/", Refusal.MUSIC),
    ("https://www.instagram.com/stories/luna.vale/3312345678901234567/", Refusal.STORY),
    ("https://www.instagram.com/stories/highlights/17912345678901234/", Refusal.STORY),
    ("https://www.instagram.com/s/aGlnaGxpZ2h0OjE3OTEyMzQ1Njc4OTAxMjM0", Refusal.STORY),
    ("https://www.instagram.com/", Refusal.NOT_MEDIA),
    ("https://www.tiktok.com/@luna.vale", Refusal.PROFILE),
    ("https://www.tiktok.com/@luna.vale?lang=en", Refusal.PROFILE),
    ("https://www.tiktok.com/tag/fyp", Refusal.TAG),
    ("https://www.tiktok.com/music/original-sound-7312345678901234567", Refusal.MUSIC),
    ("https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F", Refusal.PLAYLIST),
    ("https://www.youtube.com/@lunavale", Refusal.CHANNEL),
    ("https://www.youtube.com/channel/UC38IQsAvIsxxjztdMZQtwHA", Refusal.CHANNEL),
    ("https://www.youtube.com/c/LunaVale", Refusal.CHANNEL),
    ("https://www.youtube.com/user/lunavale", Refusal.CHANNEL),
    ("https://www.youtube.com/watch?v=tooShort", Refusal.NOT_MEDIA),
    ("https://www.facebook.com/lunavale", Refusal.PROFILE),
    ("https://www.facebook.com/groups/123456/", Refusal.NOT_MEDIA),
    # Share-button shapes that are not one video.
    ("https://www.tiktokv.com/share/user/6604511138619654149", Refusal.PROFILE),
    ("https://www.tiktok.com/@luna.vale/live", Refusal.NOT_MEDIA),
    ("https://www.facebook.com/share/p/1AbCdEfGh/", Refusal.NOT_MEDIA),  # a post: photos, text
    ("https://www.instagram.com/reels/audio/1234567890/?igsh=MWZ0b2x5", Refusal.MUSIC),
    ("https://www.youtube.com/post/UgkxAbCdEfGhIjKlMnOp?si=Ab12Cd34", Refusal.NOT_MEDIA),
    ("https://open.spotify.com/track/6rqhFgbbKwnb9MLmUQDhG6", Refusal.UNSUPPORTED),
    ("https://vimeo.com/123456789", Refusal.UNSUPPORTED),
    ("http://127.0.0.1:8080/clip.mp4", Refusal.UNSUPPORTED),
    ("ftp://files.example.com/song.mp3", Refusal.UNSUPPORTED),
    ("file:///etc/passwd", Refusal.UNSUPPORTED),
    ("www.example.com/video", Refusal.UNSUPPORTED),
]


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_links_that_are_not_media_are_refused_with_a_reason(text: str, reason: Refusal) -> None:
    scan = scan_links(f"hey {text}")
    assert scan.links == ()
    assert [r.reason for r in scan.refused] == [reason]


@pytest.mark.parametrize("text", [
    "", "   ", "no links here", "see you at 5.30", "file.txt and readme.md",
    "e.g. this", "mail me at luna@instagram.com", "\x00\x01\x02\xff", "https://", "http://[::1",
])
def test_text_without_links_gives_nothing(text: str) -> None:
    assert scan_links(text).links == ()


@pytest.mark.parametrize("text", [
    "(https://youtu.be/dQw4w9WgXcQ)",
    "<https://youtu.be/dQw4w9WgXcQ>",
    "[a song](https://youtu.be/dQw4w9WgXcQ)",
    "\"https://youtu.be/dQw4w9WgXcQ\"",
    "https://youtu.be/dQw4w9WgXcQ.",
    "https://youtu.be/dQw4w9WgXcQ!!",
    "https://youtu.be/dQw4w9WgXcQ, and more",
    "song:https://youtu.be/dQw4w9WgXcQ",
    "«https://youtu.be/dQw4w9WgXcQ»",
    "https://youtu.be/dQw4w9WgXcQ…",
])
def test_punctuation_and_brackets_around_a_link_are_not_part_of_it(text: str) -> None:
    [link] = parse_links(text)
    assert link.canonical_url == YT.format("dQw4w9WgXcQ")


def test_several_links_in_one_message_keep_their_order_and_duplicates_collapse() -> None:
    text = ("first https://youtu.be/dQw4w9WgXcQ then www.instagram.com/reel/C8xYz12AbCd and "
            "again https://www.youtube.com/shorts/dQw4w9WgXcQ?si=x plus a profile "
            "https://www.tiktok.com/@luna.vale")
    scan = scan_links(text)
    assert [link.platform for link in scan.links] == [Platform.YOUTUBE, Platform.INSTAGRAM]
    assert [r.reason for r in scan.refused] == [Refusal.PROFILE]


@pytest.mark.parametrize("links", [
    ["https://www.instagram.com/reel/C8xYz12AbCd/?igsh=abc", "instagram.com/p/C8xYz12AbCd",
     "https://www.instagram.com/luna/tv/C8xYz12AbCd/", "HTTP://M.INSTAGRAM.COM/reels/C8xYz12AbCd"],
    ["https://www.tiktok.com/@a/video/7312345678901234567?_r=1",
     "https://m.tiktok.com/v/7312345678901234567.html",
     "tiktok.com/@b.c/video/7312345678901234567",
     "https://www.tiktokv.com/share/video/7312345678901234567/?u_code=x",
     "https://www.tiktok.com/@b.c/photo/7312345678901234567"],
    ["https://youtu.be/dQw4w9WgXcQ?si=1", "https://www.youtube.com/shorts/dQw4w9WgXcQ",
     "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "youtube.com/live/dQw4w9WgXcQ"],
    ["https://www.facebook.com/reel/1234567890123456", "https://www.facebook.com/watch/?v=1234567890123456",
     "https://m.facebook.com/someone/videos/1234567890123456"],
])
def test_links_to_the_same_media_share_one_canonical_url(links: list[str]) -> None:
    canonical = {parse_links(text)[0].canonical_url for text in links}
    assert len(canonical) == 1


def test_instagram_ids_keep_their_case_because_instagram_ids_are_case_sensitive() -> None:
    upper = parse_links("instagram.com/reel/ABCdef12345")[0]
    lower = parse_links("instagram.com/reel/abcdef12345")[0]
    assert upper.canonical_url != lower.canonical_url


@pytest.mark.parametrize("text", [
    "https://www.instagram.com/reel/C8xYz12AbCd/?igsh=SECRETTRACKER&utm_source=x",
    "https://youtu.be/dQw4w9WgXcQ?si=SECRETTRACKER",
    "https://www.tiktok.com/@a/video/7312345678901234567?_t=SECRETTRACKER&_r=1",
    "https://www.facebook.com/reel/1234567890123456?mibextid=SECRETTRACKER&fbclid=SECRETTRACKER",
    "http://media.test:8080/clip.m4a?utm_source=SECRETTRACKER&fbclid=SECRETTRACKER&si=SECRETTRACKER",
])
def test_tracking_parameters_never_reach_the_canonical_url(text: str) -> None:
    [link] = parse_links(text, extra_hosts=["media.test:8080"])
    assert "SECRETTRACKER" not in link.canonical_url


def test_media_on_extra_hosts_is_direct_and_other_hosts_are_not() -> None:
    text = "http://127.0.0.1:8080/a/song.m4a?b=2&utm_source=x http://127.0.0.1:9999/other.mp4"
    scan = scan_links(text, extra_hosts=["127.0.0.1:8080"])
    [link] = scan.links
    assert link.platform is Platform.DIRECT
    assert link.canonical_url == "http://127.0.0.1:8080/a/song.m4a?b=2"
    assert [r.reason for r in scan.refused] == [Refusal.UNSUPPORTED]
    assert parse_links("https://Media.Example.org/x.mp3", ["media.example.org"])[0].platform \
        is Platform.DIRECT


def test_fifty_links_are_all_found() -> None:
    text = " ".join(f"https://www.tiktok.com/@u/video/73123456789012{n:05d}" for n in range(50))
    assert len(parse_links(text)) == 50


def test_long_and_binary_junk_is_read_quickly_and_safely() -> None:
    rng = random.Random(7)
    junk = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(10_000))
    texts = [junk, "a" * 10_000, "a." * 5_000, "https://" + "a" * 10_000, "@" * 10_000,
             "https://youtu.be/" + "/" * 10_000, junk + " https://youtu.be/dQw4w9WgXcQ"]
    results = [scan_links(t) for t in texts]
    assert all(r.links == () for r in results[:-1])
    assert results[-1].links[0].media_id == "dQw4w9WgXcQ"

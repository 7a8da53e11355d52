"""The catalogue's sentences about a share: its stages, its outcome, refused links, /history."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # The status line while a share goes through its stages (core.ports.Stage).
    "stage.resolving": "Opening the link…",
    "stage.downloading": "Downloading audio…",
    "stage.queued": "Queued: lots of songs to listen to right now…",
    "stage.queued_for": "Queued: lots of songs to listen to right now. Yours is up in about "
                        "{seconds} s…",
    "stage.listening": "Listening…",
    "stage.listening_again": "Listening to another part…",
    "stage.searching": "Finding it on Spotify…",
    "stage.adding": "Adding to your playlist…",
    "stage.adding_to": "Adding to {playlist}…",
    # Why a link is not stashed (core.refusals.Refusal, by value).
    "refusal.profile": "That's a profile, not a video. Share the reel itself.",
    "refusal.tag": "That's a hashtag page. Share one video from it.",
    "refusal.music": "That's a music page. Share a video that uses the song.",
    "refusal.story": "Stories and highlights can't be stashed. Share a reel or post.",
    "refusal.playlist": "That's a playlist. Share one video from it.",
    "refusal.channel": "That's a channel. Share one video from it.",
    "refusal.not_media": "That link doesn't point at a video.",
    "refusal.unsupported": "I can't open links from that site. I work with Instagram, TikTok, "
                           "YouTube and Facebook.",
    # A share's final line; {track} is "Name — Artists (Album)" and its Spotify link.
    "outcome.already": "Already in {playlist} ✓\n{track}",
    "outcome.added": "Added to {playlist} ✓\n{track}",
    "outcome.added_anew": "Added to {playlist} ✓ (made anew: the old one was gone)\n{track}",
    "outcome.found": "Found it: {track}",
    "outcome.choice": "I heard a song with a few versions on Spotify. Which one is it?",
    "outcome.choice_heard": "I heard a song ({heard}) with a few versions on Spotify. Which one "
                            "is it?",
    "outcome.declined": "OK, I didn't add anything.",
    "outcome.not_on_spotify": "I heard {heard}, but Spotify doesn't have a match.",
    "outcome.nothing_recognized": "I listened, but couldn't recognize a song in that clip.",
    "outcome.restarted": "Stash restarted while working on this; please send the link again.",
    # /history: a page, and each entry's outcome in words (stored names are for code).
    "history.entry": "{when}  {title}{artists} ({became}){link}",
    "history.empty": "Nothing stashed yet.",
    "history.no_more": "No more entries.",
    "history.outcome.added": "added to your playlist",
    "history.outcome.already": "already in your playlist",
    "history.outcome.found": "found; not added, Spotify isn't linked",
    "history.outcome.later": "found; added to your playlist once Spotify lets Stash",
    "history.outcome.not_on_spotify": "not on Spotify",
    # What a person's history says instead of an address, for a file sent or picked in a chat.
    "file.sent.video": "a video you sent",
    "file.sent.video_note": "a video message you sent",
    "file.sent.audio": "an audio file you sent",
    "file.sent.voice": "a voice message you sent",
    "file.sent.document": "a file you sent",
    "file.shared.video": "a video shared in the chat",
    "file.shared.video_note": "a video message shared in the chat",
    "file.shared.audio": "an audio file shared in the chat",
    "file.shared.voice": "a voice message shared in the chat",
    "file.shared.document": "a file shared in the chat",
    "file.too_big_telegram": "That file is over 20 MB, more than Telegram lets a bot download. "
                             "Send me the link to the video instead (Share → Copy link), or a "
                             "shorter clip of it.",
    "file.too_big": "That file is over {megabytes} MB, more than I download. Send me the link to "
                    "the video instead, or a shorter clip of it.",
    "file.unreadable": "I couldn't read that file: it doesn't play as audio or video. If it "
                       "plays for you, send me the link to it instead.",
    "file.silent": "That file has no sound for me to listen to.",
}

# Said of a number: (singular, plural), as gettext's ngettext takes them.
PLURALS: dict[str, tuple[str, str]] = {
    "share.skipped": (
        "That's a lot of links: I skipped the last {count}. Send it in another message.",
        "That's a lot of links: I skipped the last {count}. Send them in another message."),
}

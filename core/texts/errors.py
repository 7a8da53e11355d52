"""The catalogue's sentences for what went wrong: one per error kind (`error.<kind>`, the kind
named in core.errors), and the more precise ones adapters raise those errors with."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "error.internal": "Something went wrong on our side. Please try again in a minute.",
    "error.bad_link": "That doesn't look like a link to a reel, TikTok or Short.",
    "error.media_unavailable": "I can't open that post: it may be private or removed.",
    "error.login_wall": "The platform is making me log in right now. Please try again in a few "
                        "minutes.",
    "error.platform_busy": "That platform is busy right now. Please try again later.",
    "error.too_large": "That video is too large for me to listen to.",
    "error.too_long": "That video is too long for me to listen to.",
    "error.network": "I couldn't reach the platform just now. Please try again in a minute.",
    "error.not_linked": "Link your Spotify account with /link and I'll add songs to your "
                        "playlist.",
    "error.spotify_denied": "Spotify refused access to your account. Use /link to connect it "
                            "again; if that fails, the bot's owner must add your Spotify account "
                            "to the app.",
    "error.link_failed": "That Spotify link didn't work: it may have expired. Use /link to get a "
                         "new one.",
    "error.foreign_link_code": "That code finishes a Spotify link someone else asked for, so I "
                               "linked nothing. If someone sent you a link to open, they were "
                               "after your Spotify: don't send them the code. To be safe, remove "
                               "Stash at https://www.spotify.com/account/apps/.",
    "error.rate_limited": "Too many requests right now. Please try again in a minute.",
    "error.too_many_shares": "You're sharing faster than I can listen. Please wait a minute and "
                             "try again.",
    "error.choice_expired": "Those choices have expired. Share the link again to get new ones.",
    "error.not_your_choice": "Only the person who shared this link can choose.",
    "error.shutting_down": "Stash is restarting. Please share the link again in a minute.",
    "error.not_configured": "This Stash isn't fully set up yet, so I can't do that. Its owner has "
                            "been told.",
    "error.queue_unavailable": "I can't reach my listening workers right now. Please try again in "
                               "a minute.",
    "error.took_too_long": "That took me too long to listen to. Please try again in a minute.",
    # Sharper sentences for the same kinds, said where the adapter knows more.
    "media.private": "That post is private: I can only open public posts.",
    "media.removed": "That post was removed or doesn't exist.",
    "media.no_video": "That post has no video or sound for me to listen to.",
    "media.expired": "The platform refused me that video; the link may have expired.",
    "media.unsupported": "I can't download from that link.",
    "media.ip_blocked": "The platform is blocking me right now. Please try again later.",
    "media.unreadable": "I couldn't read that video: the platform sent something I didn't "
                        "understand.",
    "media.page_too_large": "That link's page is too large for me to read.",
    "media.packed": "I couldn't read that video: its server sent it compressed, and I only read "
                    "plain files.",
    "media.too_long_for": "That video is too long: I listen to clips of up to {minutes} minutes.",
    "media.refused_address": "I can't open that link: it points somewhere I'm not allowed to go.",
    "media.no_server": "I couldn't find the server of that link.",
    "media.file_lost": "I couldn't download that file. Please send it again.",
    "media.telegram_file_lost": "I couldn't get that file from Telegram. Please send it again.",
    "media.discord_file_lost": "I couldn't read that attachment any more. Please post it again.",
    "media.discord_only": "I only read attachments from Discord itself.",
    "recognition.busy": "Lots of songs are waiting for me to listen right now, and yours couldn't "
                        "get a turn in time. Please share it again in a few minutes.",
    "recognition.unreachable": "I couldn't reach the song recognition service just now. Please "
                               "try again in a minute.",
    "recognition.unreadable": "I couldn't read the audio of that video.",
}

PLURALS: dict[str, tuple[str, str]] = {}

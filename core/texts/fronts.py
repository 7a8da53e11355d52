"""The catalogue's sentences of the chat fronts: welcome and /help, buttons, commands' words."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "welcome": "Send me a link to an Instagram Reel, TikTok, YouTube Short or Facebook Reel (or "
               "the video, an audio file or a voice message itself) and I'll find the song and "
               "add it to your Spotify playlist.",
    "no_link": "I didn't find a link in that. {welcome}",
    "received": "Got it, one moment…",
    "unknown_button": "That button doesn't work any more.",
    "button.none_of_these": "None of these",
    "button.newer": "« Newer",
    "button.older": "Older »",
    "button.forget_yes": "Yes, delete everything",
    "button.forget_no": "No, keep it",
    # Words on a choice's buttons and a track's card.
    "label.original": "Original",
    "label.explicit": "Explicit",
    "label.clean": "Clean",
    "label.album": "Album",
    "history.page": "Your stash, page {page}:",
    # /language: the person's own choice, said back in the language chosen.
    "language.choose": "Which language should I speak with you?",
    "language.chosen": "Done! I'll speak English with you from now on.",
    "language.unknown": "I don't know the language “{value}”, so nothing changed. Pick one of "
                        "these:",
    # Telegram: /help, its command menu, and answers of its own.
    "telegram.welcome": "{welcome}\n\nTo have songs added to your own Spotify playlist, use "
                        "/link.",
    "telegram.help": "{welcome}\n\nShare or forward a reel to me, or paste several links at "
                     "once. Videos, audio files and voice messages work too. In a group, use "
                     "/stash <link>, or reply /stash to a message with a link or a video.\n\n"
                     "/history – what you stashed, newest first\n"
                     "/link – connect your Spotify account (/unlink to disconnect)\n"
                     "/playlist – choose the playlist songs go to (/playlist new <name> to make "
                     "one)\n"
                     "/forget – delete everything I hold on you\n"
                     "/language – the language I speak with you",
    "telegram.command.stash": "Stash the song of a video link (or reply to one)",
    "telegram.command.history": "What you stashed, newest first",
    "telegram.command.link": "Connect your Spotify account",
    "telegram.command.unlink": "Disconnect Spotify",
    "telegram.command.playlist": "Choose the playlist songs go to",
    "telegram.command.forget": "Delete everything Stash holds on you",
    "telegram.command.groupplaylist": "A playlist for this group (admins: on or off)",
    "telegram.command.help": "What Stash does and how",
    "telegram.command.language": "Choose the language I speak with you",
    "telegram.stash_usage": "Send /stash with a link, or reply /stash to a message that holds "
                            "one.",
    "telegram.sent_privately": "I answered you in our private chat.",
    "telegram.start_me_first": "I answer that privately. Start a chat with me first, then try "
                               "again there:",
    "telegram.start_button": "Open a chat with Stash",
    "telegram.not_your_button": "That button isn't for you.",
    "telegram.unknown_command": "I don't know that command. /help lists what I can do.",
    "telegram.playlists_head": "Your playlists (✓: where songs go now): tap one to send songs "
                               "there, or use /playlist new <name>.",
    "telegram.no_playlists": "You have no playlists yet. Make one with /playlist new <name>.",
    "telegram.code_guide": "Tap it, then press Start in Telegram.",
    "telegram.home": "Back to Stash in Telegram",
    # Discord: /help, its commands, and answers of its own.
    "discord.help": "{welcome}\n\nPost a link in a channel I can read, send it to me in a "
                    "direct message, or use `/stash link:<url>`. Several links in one message "
                    "work too, and so do videos, audio files and voice messages posted to me (or "
                    "Apps → Stash this song on the message).\n\n"
                    "`/history` – what you stashed, newest first\n"
                    "`/link` – connect your Spotify account (`/unlink` to disconnect)\n"
                    "`/playlist` – choose the playlist songs go to (`/playlist new:<name>` to "
                    "make one)\n"
                    "`/forget` – delete everything I hold on you\n"
                    "`/language` – the language I speak with you",
    "discord.command.stash": "Stash the song of a reel, TikTok, Short or Facebook Reel",
    "discord.command.stash.link": "The video's link (several links work too)",
    "discord.command.help": "What Stash does and how",
    "discord.command.history": "What you stashed, newest first (only you see it)",
    "discord.command.history.page": "Which page, 1 for the newest",
    "discord.command.link": "Connect your Spotify account (only you see the link)",
    "discord.command.link.code": "The code shown after you allowed access on Spotify",
    "discord.command.unlink": "Disconnect your Spotify account",
    "discord.command.playlist": "Choose the playlist songs go to, or make a new one",
    "discord.command.playlist.new": "Make a new playlist with this name",
    "discord.command.forget": "Delete everything Stash holds on you",
    "discord.command.groupplaylist": "A playlist for this server (Manage Server: on or off)",
    "discord.command.groupplaylist.state": "on or off (only with Manage Server); leave out to "
                                           "see it",
    "discord.command.language": "Choose the language Stash speaks with you",
    "discord.command.language.language": "The language; leave out to pick one from buttons",
    "discord.menu": "Stash this song",
    "discord.found": "Found it ✓ {then}",
    "discord.nothing_here": "That message has no link, video, audio or voice message for me to "
                            "listen to.",
    "discord.paste_in_dm": "(On Discord, paste that address to me in a direct message, never in "
                           "a channel.)",
    "discord.not_a_code": "That isn't a link code: it looks like ABCDE-23456 and is shown on the "
                          "page Spotify sends you back to.",
    "discord.playlists_head": "Your playlists (✓: where songs go now): pick one to send songs "
                              "there, or use `/playlist new:<name>`.",
    "discord.no_playlists": "You have no playlists yet. Make one with `/playlist new:<name>`.",
    "discord.code_guide": "Send it to Stash in a direct message on Discord, or use /link "
                          "code:{code}",
    "discord.home": "Back to Stash in Discord",
    # A busy channel: those whose status messages wait for room, named (never pinged) atop the
    # status message that goes out meanwhile.
    "discord.waiting_named": "Got it, {names}: I'm on it, your answers follow here.",
    # The console (`stash console`, the demo): the same Stash in a terminal.
    "console.help": "Paste a link to a reel, TikTok or Short, several at once if you like.\n"
                    "/history [page]  what you stashed, newest first\n"
                    "/link            connect your Spotify account (/unlink to disconnect)\n"
                    "/playlist        choose the playlist songs go to\n"
                    "/forget          delete everything Stash holds on you\n"
                    "/help            this text\n"
                    "/quit            leave (Ctrl-D works too)",
    "console.type_help": "Type /help for commands.",
    "console.unknown_command": "I don't know {command}. Type /help for what I can do.",
    "console.choose": "  0) None of these\nType a number to choose.",
    "console.forget_confirm": "{confirm} Type yes to delete, anything else to keep.",
    "console.playlists_head": "Your playlists:",
    "console.playlists_tail": "Type /playlist N to choose one, or /playlist new NAME.",
}

# Said of a number: (singular, plural), as gettext's ngettext takes them.
PLURALS: dict[str, tuple[str, str]] = {
    "notes.left_out": ("…and {count} more note left out.", "…and {count} more notes left out."),
}

# Each language in its own name, as /language's buttons show it (never translated).
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "pt-BR": "Português (Brasil)",
    "id": "Bahasa Indonesia",
    "ru": "Русский",
}

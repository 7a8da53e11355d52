"""The catalogue's sentences about a person's Spotify account, playlists and what Stash holds."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "link.help": "Use /link to connect Spotify and I'll add songs to your playlist.",
    "link.start": "Open this link and allow access to connect your Spotify account:\n{url}\n"
                  "If your browser ends on a page that doesn't load, copy its address and paste "
                  "it here. The link works once, for 10 minutes.",
    "link.done": "Linked as {name} ✓ Songs you share now go to your playlist.",
    "link.unlinked": "Unlinked: I no longer hold your Spotify tokens. Use /link to connect again.",
    "link.not_linked": "You haven't linked Spotify. {link_help}",
    "link.revoke_hint": "To remove Stash's access on Spotify too, open "
                        "https://www.spotify.com/account/apps/ and remove it there.",
    "link.foreign_attempt": "Someone else sent me the code that finishes the Spotify link you "
                            "asked for with /link, so I linked nothing. If you opened the link "
                            "yourself, use /link again and finish it from this account.",
    "link.unknown_code": "I don't know that code: it works once, for 10 minutes. Use /link to "
                         "start again.",
    "link.used_elsewhere": "That code was sent from another chat account before yours, so I "
                           "linked nothing and it no longer works. Use /link again to start "
                           "over.",
    "link.whole_address": "That's not the whole address, so I linked nothing. Paste the full "
                          "address your browser shows after you allow access on the page /link "
                          "gave you (it has both code= and state= in it).",
    "link.not_your_address": "That address doesn't come from a /link you ran here in the last 10 "
                             "minutes, so I linked nothing. Use /link and open the link it gives "
                             "you.",
    "link.send_the_code": "Send this code to Stash from the chat account you used for /link.",
    "link.not_set_up": "Linking Spotify isn't set up on this Stash yet.",
    "link.denied": "Spotify says access wasn't granted. Use /link to try again.",
    "link.not_on_app_list": "Spotify refused your account: this bot's Spotify app is in "
                            "Development Mode and only lets in accounts its owner added. Ask the "
                            "bot's owner to add your Spotify account (the e-mail you log in "
                            "with) to the app, then try again.",
    "link.fewer_permissions": "Spotify gave Stash fewer permissions than it needs to add songs to "
                              "your playlists, so I linked nothing. Use /link again and open the "
                              "link as it is, without changing it.",
    "link.relink": "Spotify no longer lets me use your account (access was removed or expired). "
                   "Use /link to connect it again.",
    "forget.confirm": "This deletes your history, your Spotify link and everything else I hold "
                      "on you. There is no undo. Are you sure?",
    "forget.kept": "OK, I kept everything.",
    "playlist.chosen": "Songs you share now go to {name} ✓",
    "playlist.needs_name": "Give the new playlist a name, like /playlist new Road trip.",
    "playlist.not_yours": "I can only add songs to a playlist you own. Pick one from the list.",
    "playlist.gone": "That playlist no longer exists on Spotify. Pick another one.",
    # Names and descriptions of the playlists Stash makes on Spotify.
    "playlist.made_description": "Songs Stash found in the videos you shared.",
    "hosted.name": "Songs from Stash",
    "hosted.group_name": "Group songs from Stash",
    "hosted.description": "Songs Stash found in videos shared with it. Follow this playlist to "
                          "keep it in your library.",
    # The playlists Stash keeps for people without a login, and for groups.
    "hosted.help": "No Spotify login needed: until you /link your own account, your songs go to "
                   "a playlist Stash keeps for you on its own Spotify account. It is public "
                   "(Spotify lets nobody open a private playlist but its owner): anyone with its "
                   "link can open it, and it is listed on Stash's Spotify profile under a name "
                   "that says nothing about you. /playlist shows its link: open it and tap Follow "
                   "to keep it.",
    "hosted.first": "I keep this playlist for you on Stash's Spotify account: {url}\nOpen it "
                    "once and tap Follow (or Save) to keep it: new songs then show up in your "
                    "library. Anyone with the link can open it; its name says nothing about you.",
    "hosted.next": "Your playlist was full (10,000 songs), so new ones go to this one: {url}\n"
                   "Open it and tap Follow to keep it too.",
    "hosted.now": "Songs you share go to {name}, a playlist Stash keeps for you: {url}\nOpen it "
                  "and tap Follow to keep it. To use your own Spotify account instead, use /link.",
    "hosted.soon": "Your first song will go to a playlist Stash keeps for you; its link comes "
                   "with it. To use your own Spotify account instead, use /link.",
    "hosted.later": "Spotify isn't letting Stash add songs to the playlist it keeps for you just "
                    "now. The song is in your /history, and I'll add it as soon as Spotify lets "
                    "me.",
    "hosted.keeps": "Your songs keep going to {name}, the playlist I keep for you (see "
                    "/playlist).",
    "hosted.copy_yes": "Copy them",
    "hosted.copy_no": "No, thanks",
    "hosted.copy_left": "OK, I left them there. New songs go to your own playlist now; /unlink "
                        "takes you back to the one I keep for you.",
    "hosted.copied_already": "Those songs were copied into your playlist already.",
    "group.help": "In a group, its admins can give it a playlist of its own with /groupplaylist "
                  "on: every song shared there goes in, once.",
    "group.on": "Group playlist on ✓ Every song found from a link shared here now also goes to a "
                "playlist Stash keeps for this chat, once per song. It is public: anyone with its "
                "link can open and follow it; its name says nothing about this chat. "
                "/groupplaylist shows its link.",
    "group.off": "Group playlist off: songs shared here no longer go to it. The playlist stays "
                 "on Spotify for whoever follows it.",
    "group.admins_only": "Only this chat's admins can turn its group playlist on or off.",
    "group.is_on": "This chat's group playlist is on: {where}. An admin turns it off with "
                   "/groupplaylist off.",
    "group.is_off": "This chat has no group playlist. An admin can turn one on with "
                    "/groupplaylist on.",
    "group.first": "it is made with the first song shared here",
    "group.unavailable": "Group playlists aren't available on this Stash.",
    "group.only_in_groups": "Use /groupplaylist in a group: it gives the group a playlist of "
                            "its own.",
}

# Said of a number: (singular, plural), as gettext's ngettext takes them.
PLURALS: dict[str, tuple[str, str]] = {
    "forget.done": (
        "Done: I deleted everything I held on you ({count} history entry). {revoke_hint}",
        "Done: I deleted everything I held on you ({count} history entries). {revoke_hint}"),
    "hosted.copy_offer": (
        "You have {count} song in {name}, the playlist I kept for you. Copy it into your own "
        "playlist? A song already there is skipped; this works once.",
        "You have {count} songs in {name}, the playlist I kept for you. Copy them into your own "
        "playlist? Songs already there are skipped; this works once."),
    "hosted.copied": (
        "Copied {count} song into your playlist ✓. New songs go there now.",
        "Copied {count} songs into your playlist ✓. New songs go there now."),
    "hosted.copied_some_there": (
        "Copied {count} song into your playlist ✓ ({already} were there already). New songs go "
        "there now.",
        "Copied {count} songs into your playlist ✓ ({already} were there already). New songs go "
        "there now."),
}

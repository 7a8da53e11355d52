"""What Stash says, in plain text. Fronts format it (links, buttons) in their own idiom."""

from __future__ import annotations

import time

from core.models import CatalogTrack, HistoryEntry, PlaylistAdd, Refusal, RefusedLink
from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    LinkRefused,
    NothingRecognized,
    NotOnSpotify,
    Outcome,
    ShareFailed,
    TrackAdded,
    TrackFound,
)
from core.ports import Stage

STAGES = {
    Stage.RESOLVING: "Opening the link…",
    Stage.DOWNLOADING: "Downloading audio…",
    Stage.QUEUED: "Queued: lots of songs to listen to right now…",
    Stage.LISTENING: "Listening…",
    Stage.SEARCHING: "Finding it on Spotify…",
    Stage.ADDING: "Adding to your playlist…",
}

REFUSALS = {
    Refusal.PROFILE: "That's a profile, not a video. Share the reel itself.",
    Refusal.TAG: "That's a hashtag page. Share one video from it.",
    Refusal.MUSIC: "That's a music page. Share a video that uses the song.",
    Refusal.STORY: "Stories and highlights can't be stashed. Share a reel or post.",
    Refusal.PLAYLIST: "That's a playlist. Share one video from it.",
    Refusal.CHANNEL: "That's a channel. Share one video from it.",
    Refusal.NOT_MEDIA: "That link doesn't point at a video.",
    Refusal.UNSUPPORTED: (
        "I can't open links from that site. I work with Instagram, TikTok, YouTube and Facebook."
    ),
}

WELCOME = (
    "Send me a link to an Instagram Reel, TikTok, YouTube Short or Facebook Reel (or the video, "
    "an audio file or a voice message itself) and I'll find the song and add it to your "
    "Spotify playlist."
)
NO_LINK = "I didn't find a link in that. " + WELCOME
LINK_HELP = "Use /link to connect Spotify and I'll add songs to your playlist."
LINK_START = ("Open this link and allow access to connect your Spotify account:\n{url}\n"
              "If your browser ends on a page that doesn't load, copy its address and paste it "
              "here. The link works once, for 10 minutes.")
FORGET_CONFIRM = ("This deletes your history, your Spotify link and everything else I hold on "
                  "you. There is no undo. Are you sure?")
UNLINKED = "Unlinked: I no longer hold your Spotify tokens. Use /link to connect again."
NOT_LINKED = "You haven't linked Spotify. " + LINK_HELP


HOSTED_HELP = ("No Spotify login needed: until you /link your own account, your songs go to a "
               "playlist Stash keeps for you on its own Spotify account. It is public (Spotify "
               "lets nobody open a private playlist but its owner): anyone with its link can "
               "open it, and it is listed on Stash's Spotify profile under a name that says "
               "nothing about you. /playlist shows its link: open it and tap Follow to keep it.")
HOSTED_FIRST = ("I keep this playlist for you on Stash's Spotify account: {url}\nOpen it once "
                "and tap Follow (or Save) to keep it: new songs then show up in your library. "
                "Anyone with the link can open it; its name says nothing about you.")
HOSTED_NEXT = ("Your playlist was full (10,000 songs), so new ones go to this one: {url}\n"
               "Open it and tap Follow to keep it too.")
HOSTED_NOW = ("Songs you share go to {name}, a playlist Stash keeps for you: {url}\nOpen it and "
              "tap Follow to keep it. To use your own Spotify account instead, use /link.")
HOSTED_SOON = ("Your first song will go to a playlist Stash keeps for you; its link comes with "
               "it. To use your own Spotify account instead, use /link.")

COPY_OFFER = ("You have {count} songs in {name}, the playlist I kept for you. Copy them into "
              "your own playlist? Songs already there are skipped; this works once.")
COPY_YES, COPY_NO = "Copy them", "No, thanks"
COPY_LEFT = ("OK, I left them there. New songs go to your own playlist now; /unlink takes you "
             "back to the one I keep for you.")
LATER = ("Spotify isn't letting Stash add songs to the playlist it keeps for you just now. "
         "The song is in your /history, and I'll add it as soon as Spotify lets me.")
HOSTED_KEEPS = "Your songs keep going to {name}, the playlist I keep for you (see /playlist)."
GROUP_ON = ("Group playlist on ✓ Every song found from a link shared here now also goes to a "
            "playlist Stash keeps for this chat, once per song. It is public: anyone with its "
            "link can open and follow it; its name says nothing about this chat. "
            "/groupplaylist shows its link.")
GROUP_OFF = ("Group playlist off: songs shared here no longer go to it. The playlist stays on "
             "Spotify for whoever follows it.")
GROUP_ADMINS_ONLY = "Only this chat's admins can turn its group playlist on or off."
GROUP_IS_ON = ("This chat's group playlist is on: {where}. An admin turns it off with "
               "/groupplaylist off.")
GROUP_IS_OFF = ("This chat has no group playlist. An admin can turn one on with "
                "/groupplaylist on.")
GROUP_FIRST = "it is made with the first song shared here"
GROUPS_UNAVAILABLE = "Group playlists aren't available on this Stash."


def copied_text(added: int, already: int) -> str:
    """The answer after copying a hosted playlist into the person's own."""
    there = f" ({already} were there already)" if already else ""
    return f"Copied {added} songs into your playlist ✓{there}. New songs go there now."


GROUP_HELP = ("In a group, its admins can give it a playlist of its own with /groupplaylist on: "
              "every song shared there goes in, once.")


def with_hosting(help_text: str, hosting: bool, groups: bool = False) -> str:
    """/help, and how songs are kept without a login when this Stash keeps playlists."""
    extra = [HOSTED_HELP] if hosting else []
    extra += [GROUP_HELP] if groups else []
    return "\n\n".join([help_text, *extra])


def hosted_note(playlist: PlaylistAdd) -> str:
    """How to keep a hosted playlist, said with the add that made it; else nothing."""
    if not (playlist.hosted and playlist.new):
        return ""
    return (HOSTED_NEXT if playlist.playlist_recreated else HOSTED_FIRST).format(
        url=playlist.playlist_url)


def linked_text(display_name: str) -> str:
    """The confirmation after linking."""
    return f"Linked as {display_name} ✓ Songs you share now go to your playlist."


def forgotten_text(entries: int, revoke_hint: str) -> str:
    """The answer to a confirmed /forget."""
    return f"Done: I deleted everything I held on you ({entries} history entries). {revoke_hint}"


def playlist_text(name: str) -> str:
    """The answer after choosing or creating a playlist."""
    return f"Songs you share now go to {name} ✓"


def stage_text(stage: Stage, detail: str = "") -> str:
    """The status line for a stage."""
    if stage is Stage.ADDING and detail:
        return f"Adding to {detail}…"
    if stage is Stage.LISTENING and detail:
        return "Listening to another part…"
    if stage is Stage.QUEUED and detail:
        return f"Queued: lots of songs to listen to right now. Yours is up in about {detail} s…"
    return STAGES[stage]


def refusal_text(refused: RefusedLink) -> str:
    """Why a link will not be stashed."""
    return REFUSALS[refused.reason]


def skipped_text(skipped: int) -> str:
    """The note when a message holds more links than are taken at once."""
    return f"That's a lot of links: I skipped the last {skipped}. Send them in another message."


def track_line(track: CatalogTrack) -> str:
    """'Name — Artists (Album)' and its Spotify link."""
    album = f" ({track.album})" if track.album else ""
    link = f"\n{track.url}" if track.url else ""
    return f"{track.display}{album}{link}"


def outcome_text(outcome: Outcome) -> str:
    """The final line of a share's status message."""
    match outcome:
        case TrackAdded(track=track, playlist=playlist) if playlist.already_there:
            return f"Already in {playlist.playlist_name} ✓\n{track_line(track)}"
        case TrackAdded(track=track, playlist=playlist) if playlist.hosted:
            kept = hosted_note(playlist)
            return (f"Added to {playlist.playlist_name} ✓\n{track_line(track)}"
                    + (f"\n{kept}" if kept else ""))
        case TrackAdded(track=track, playlist=playlist):
            note = " (made anew: the old one was gone)" if playlist.playlist_recreated else ""
            return f"Added to {playlist.playlist_name} ✓{note}\n{track_line(track)}"
        case TrackFound(track=track, later=True):
            return f"Found it: {track_line(track)}\n{LATER}"
        case TrackFound(track=track):
            return f"Found it: {track_line(track)}\n{LINK_HELP}"
        case ChoiceOffered(choice=choice):
            heard = f" ({choice.recognition.display})" if choice.recognition else ""
            return f"I heard a song{heard} with a few versions on Spotify. Which one is it?"
        case ChoiceDeclined():
            return "OK, I didn't add anything."
        case NotOnSpotify(recognition=heard):
            return f"I heard {heard.display}, but Spotify doesn't have a match."
        case NothingRecognized():
            return "I listened, but couldn't recognize a song in that clip."
        case LinkRefused(refused=refused):
            return refusal_text(refused)
        case ShareFailed(error=error):
            return error.user_message
    raise AssertionError(f"unhandled outcome {outcome!r}")


# What /history says became of each entry, in words (the stored names are for code and metrics).
HISTORY_OUTCOMES = {
    "added": "added to your playlist",
    "already": "already in your playlist",
    "found": "found; not added, Spotify isn't linked",
    "later": "found; added to your playlist once Spotify lets Stash",
    "not_on_spotify": "not on Spotify",
}


def history_outcome(outcome: str) -> str:
    """An entry's outcome as a person would say it."""
    return HISTORY_OUTCOMES.get(outcome, outcome.replace("_", " "))


def history_text(entries: list[HistoryEntry], *, page: int = 0) -> str:
    """A page of /history as plain text."""
    if not entries:
        return "Nothing stashed yet." if page == 0 else "No more entries."
    lines = []
    for entry in entries:
        when = time.strftime("%Y-%m-%d", time.gmtime(entry.created_at))
        who = f" — {', '.join(entry.artists)}" if entry.artists else ""
        link = f" {entry.track_url}" if entry.track_url else ""
        became = history_outcome(entry.outcome)
        lines.append(f"{when}  {entry.title or entry.url}{who} ({became}){link}")
    return "\n".join(lines)

# A share found on record too old to finish after a restart: never left on a stage.
RESTARTED = "Stash restarted while working on this; please send the link again."

"""Values that cross the ports: frozen dataclasses, nothing that talks to the outside."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Platform(enum.StrEnum):
    """Where a shared link points."""

    INSTAGRAM = "instagram"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    DIRECT = "direct"  # a plain media file on a host listed in MEDIA_EXTRA_HOSTS
    FILE = "file"  # a video or audio file sent in the chat itself


class FileKind(enum.StrEnum):
    """What kind of file a person sent in a chat."""

    VIDEO = "video"
    VIDEO_NOTE = "video_note"
    AUDIO = "audio"
    VOICE = "voice"
    DOCUMENT = "document"


@dataclass(frozen=True)
class MediaFile:
    """A file sent in a chat: which front can fetch it, and its handle there (opaque to core)."""

    front: str  # "telegram", "discord": the front whose file source reads `handle`
    handle: str = field(repr=False)  # Telegram's file_id; a key of a file the front holds
    kind: FileKind = FileKind.DOCUMENT
    size: int | None = None  # as the chat says: a file over the limit is refused unread
    own: bool = True  # sent (or forwarded) by the person sharing it, not picked from another's


@dataclass(frozen=True)
class Link:
    """A link to one piece of media. `canonical_url` is the same for every link to it.

    A file sent in a chat is a Link too (platform FILE, `file` set): its `canonical_url` names
    the file's own identity, so coalescing and caching work for it as for links.
    """

    platform: Platform
    media_id: str
    canonical_url: str
    original: str
    # Share and short links name no media until their redirect is followed.
    needs_resolve: bool = False
    file: MediaFile | None = None


@dataclass(frozen=True)
class UserKey:
    """A person on one chat platform. Telegram user 42 and Discord user 42 are two people."""

    platform: str
    user_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.user_id}"


@dataclass(frozen=True)
class MusicHint:
    """The platform's own music tag for the media (TikTok/YouTube), used as corroboration."""

    title: str
    artists: tuple[str, ...] = ()


@dataclass(frozen=True)
class AudioClip:
    """A short window of a media's audio, ready to be recognized."""

    data: bytes
    container: str  # file extension of the audio: m4a, webm, mp3, mp4, ...
    window: int = 0  # 0: first window; 1, 2: later windows fetched on a retry
    start_seconds: float = 0.0
    media_duration: float | None = None
    media_title: str | None = None
    hint: MusicHint | None = None
    final_window: bool = False  # True when the media has no later window to try


@dataclass(frozen=True)
class Recognition:
    """What Shazam heard."""

    title: str
    artists: tuple[str, ...]
    album: str | None = None
    isrc: str | None = None
    shazam_key: str | None = None
    cover_url: str | None = None
    duration_ms: int | None = None
    window: int = 0
    # The main credit as Shazam wrote it ("Tyler, The Creator"), before `artists` split it.
    credit: str | None = None

    @property
    def display(self) -> str:
        """'Title — Artist, Artist' as a person reads it."""
        return f"{self.title} — {', '.join(self.artists)}" if self.artists else self.title


@dataclass(frozen=True)
class CatalogTrack:
    """A Spotify track."""

    uri: str
    name: str
    artists: tuple[str, ...]
    album: str | None = None
    duration_ms: int | None = None
    popularity: int = 0
    isrc: str | None = None
    explicit: bool = False
    url: str | None = None
    cover_url: str | None = None
    year: int | None = None  # the album's release year
    album_type: str | None = None  # Spotify's: "album", "single" or "compilation"

    @property
    def display(self) -> str:
        """'Name — Artist, Artist' as a person reads it."""
        return f"{self.name} — {', '.join(self.artists)}"


@dataclass(frozen=True)
class Candidate:
    """A catalog track with how well it matches the recognition (higher is better)."""

    track: CatalogTrack
    score: float


class Verdict(enum.StrEnum):
    """What identification concluded about one link."""

    MATCHED = "matched"  # one confident track
    AMBIGUOUS = "ambiguous"  # a few close candidates: ask the person
    NOT_ON_SPOTIFY = "not_on_spotify"  # Shazam knew it, Spotify did not
    NOT_RECOGNIZED = "not_recognized"  # Shazam heard no song


@dataclass(frozen=True)
class Identification:
    """The per-link result, shared by everyone who shares the link."""

    canonical_url: str
    verdict: Verdict
    recognition: Recognition | None = None
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class PlaylistAdd:
    """The result of adding a track to a person's playlist."""

    playlist_name: str
    playlist_url: str | None = None
    already_there: bool = False
    playlist_recreated: bool = False
    hosted: bool = False  # kept by Stash's host account, not the person's own
    new: bool = False  # made by this add: the first answer says how to keep it


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a person's /history."""

    url: str
    outcome: str
    created_at: float
    title: str | None = None
    artists: tuple[str, ...] = ()
    track_uri: str | None = None
    track_url: str | None = None


@dataclass(frozen=True)
class PendingChoice:
    """Candidates offered as buttons, kept server-side; the buttons carry only `choice_id`."""

    choice_id: str
    owner: UserKey
    canonical_url: str
    candidates: tuple[Candidate, ...]
    expires_at: float
    recognition: Recognition | None = None
    platform: str = "unknown"  # where the shared link or file came from, for metrics and logs
    group: str | None = None  # the chat it was shared in, for its group playlist


@dataclass(frozen=True)
class KeptShare:
    """A share on record from acceptance until the person has their answer, so that another
    process can finish it: whose, which link (as sent), and the status message showing it."""

    share_id: str
    user: UserKey
    link: str
    chat_id: str
    message_id: str
    place: str = ""  # "2/3" when one message held several links (see core.labels)
    stage: str = "received"
    started_at: float = 0.0

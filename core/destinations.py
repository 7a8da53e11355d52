"""Where a song goes besides a person's own playlist: playlists kept by Stash's host account.

Delivery decides the destinations; the adapter behind this port makes the Spotify calls."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from core import texts
from core.accounts import PlaylistInfo
from core.errors import NotConfigured
from core.models import CatalogTrack, PlaylistAdd, UserKey

# The chat a share came from, "<platform>:<chat id>" (a Telegram group, a Discord server), set by
# the front while it handles the share; None in private chats. Its group playlist, when its
# admins turned one on, gets every song identified from a share there.
shared_in: ContextVar[str | None] = ContextVar("shared_in", default=None)


class HostedPlaylists(Protocol):
    """Playlists the host account keeps for people who linked no Spotify account."""

    async def target(self, user: UserKey) -> str | None:
        """The name of the playlist the person's songs would go to; None when no host is linked
        (nothing would be added)."""
        ...

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once to the person's hosted playlist, made on their first add (`new` then);
        raises SpotifyNotConnected when no host account is linked."""
        ...

    async def playlist(self, user: UserKey) -> PlaylistInfo | None:
        """The person's hosted playlist, None before their first add."""
        ...

    async def to_copy(self, user: UserKey) -> int:
        """How many songs could be copied into the person's own playlist (0: none, or done)."""
        ...

    async def copy_to_own(self, user: UserKey) -> tuple[int, int]:
        """Copy the songs into the person's own playlist, once: (added, already there).
        Raises StashError when they were copied already."""
        ...

    async def remove(self, user: UserKey) -> bool:
        """Empty and unfollow the person's hosted playlist and forget it; False when none."""
        ...


class GroupPlaylists(Protocol):
    """A playlist for a whole chat, kept by the host; `group` is "<platform>:<chat id>"."""

    async def is_on(self, group: str) -> bool:
        """Whether the chat's admins turned it on."""
        ...

    async def turn(self, group: str, on: bool) -> None:
        """Turn it on or off."""
        ...

    async def add(self, group: str, track: CatalogTrack) -> PlaylistAdd:
        """Add once (however many share the song); raises SpotifyNotConnected without a host."""
        ...

    async def playlist(self, group: str) -> PlaylistInfo | None:
        """The chat's playlist, None before its first song."""
        ...


class Hosting:
    """What the chats say and do about hosted playlists, whichever front asks."""

    def __init__(self, hosted: HostedPlaylists | None,
                 groups: GroupPlaylists | None = None) -> None:
        self.hosted = hosted
        self.groups = groups

    async def group_command(self, group: str, arg: str, admin: bool) -> tuple[str, bool]:
        """/groupplaylist [on|off] in a chat: what to say, and whether to say it in the chat
        (True) or only to the person who asked (False)."""
        if self.groups is None:
            return texts.say("group.unavailable"), False
        wanted = arg.strip().lower()
        if wanted not in ("on", "off"):
            if not await self.groups.is_on(group):
                return texts.say("group.is_off"), False
            kept = await self.groups.playlist(group)
            where = f"{kept.name} {kept.url}" if kept else texts.say("group.first")
            return texts.say("group.is_on", where=where), False
        if not admin:
            return texts.say("group.admins_only"), False
        await self.groups.turn(group, wanted == "on")
        return texts.say("group.on" if wanted == "on" else "group.off"), True

    async def still_hosted(self, user: UserKey, refused: str) -> str:
        """Spotify's refusal of a /link (the app's five-person list), and where the person's
        songs keep going meanwhile."""
        name = await self.hosted.target(user) if self.hosted is not None else None
        return f"{refused} {texts.say('hosted.keeps', name=name)}" if name else refused

    async def copy_offer(self, user: UserKey) -> str | None:
        """Once linked: the offer to copy the hosted playlist's songs, when there are any."""
        if self.hosted is None:
            return None
        count, kept = await self.hosted.to_copy(user), await self.hosted.playlist(user)
        if not count or kept is None:
            return None
        return texts.say_n("hosted.copy_offer", count, name=kept.name)

    async def copy(self, user: UserKey) -> str:
        """Copy the hosted playlist's songs into the person's own, once; what to tell them."""
        if self.hosted is None:
            raise NotConfigured()
        return texts.copied_text(*await self.hosted.copy_to_own(user))

    async def playlist_text(self, user: UserKey) -> str | None:
        """/playlist for someone with no account of their own: their hosted playlist; None
        when no host keeps one for them."""
        if self.hosted is None:
            return None
        kept = await self.hosted.playlist(user)
        if kept is not None:
            return texts.say("hosted.now", name=kept.name, url=kept.url)
        return None if await self.hosted.target(user) is None else texts.say("hosted.soon")

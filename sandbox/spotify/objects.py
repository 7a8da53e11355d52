"""The JSON objects of the Web API, shaped as Spotify sends them (Development Mode, 2026)."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from sandbox.catalogue import SpotifyTrack

from .state import Playlist, SpotifyUser

Json = dict[str, Any]
OPEN = "https://open.spotify.com"

# Release years by track id; anything not listed came out in 2024.
RELEASE_YEARS = {
    "6mdrvLive00000000003": 2022,
    "6mdrvKaraoke00000005": 2025,
    "6goldenOther00000008": 2021,
    "6slowTideSlowed0014": 2025,
    "6echoParkDeluxe0016": 2025,  # the deluxe edition came a year after the album
}


def year_of(track: SpotifyTrack) -> int:
    """The album's release year."""
    return RELEASE_YEARS.get(track.id, 2024)


def _id_for(kind: str, name: str) -> str:
    """A stable base62-looking id for an artist or album, derived from its name."""
    digest = hashlib.sha256(f"{kind}:{name}".encode()).hexdigest()
    return (kind[:2] + digest)[:22]


def artist_object(api: str, name: str) -> Json:
    """A simplified artist."""
    artist_id = _id_for("artist", name)
    return {
        "external_urls": {"spotify": f"{OPEN}/artist/{artist_id}"},
        "href": f"{api}artists/{artist_id}",
        "id": artist_id,
        "name": name,
        "type": "artist",
        "uri": f"spotify:artist:{artist_id}",
    }


def album_object(api: str, track: SpotifyTrack) -> Json:
    """A simplified album, with the three cover sizes Spotify serves."""
    album_id = _id_for("album", track.album)
    origin = api.removesuffix("/v1/")  # covers are served locally, never from i.scdn.co
    images = [
        {"url": f"{origin}/image/{album_id}{size}", "height": size, "width": size}
        for size in (640, 300, 64)
    ]
    return {
        "album_type": track.album_type,
        "artists": [artist_object(api, track.artists[0])],
        "external_urls": {"spotify": f"{OPEN}/album/{album_id}"},
        "href": f"{api}albums/{album_id}",
        "id": album_id,
        "images": images,
        "is_playable": True,
        "name": track.album,
        "release_date": f"{year_of(track)}-01-01",
        "release_date_precision": "day",
        "total_tracks": 1,
        "type": "album",
        "uri": f"spotify:album:{album_id}",
    }


def track_object(api: str, track: SpotifyTrack) -> Json:
    """A full track object."""
    return {
        "album": album_object(api, track),
        "artists": [artist_object(api, name) for name in track.artists],
        "disc_number": 1,
        "duration_ms": track.duration_ms,
        "explicit": track.explicit,
        "external_ids": {"isrc": track.isrc},
        "external_urls": {"spotify": f"{OPEN}/track/{track.id}"},
        "href": f"{api}tracks/{track.id}",
        "id": track.id,
        "is_local": False,
        "is_playable": True,
        "name": track.name,
        "popularity": track.popularity,
        "preview_url": None,
        "track_number": 1,
        "type": "track",
        "uri": track.uri,
    }


def user_object(api: str, user: SpotifyUser) -> Json:
    """The profile GET me answers; Development Mode no longer sends country, email or product."""
    return {
        "display_name": user.display_name,
        "external_urls": {"spotify": f"{OPEN}/user/{user.id}"},
        "href": f"{api}users/{user.id}",
        "id": user.id,
        "images": [],
        "type": "user",
        "uri": f"spotify:user:{user.id}",
    }


def paging(href: str, params: dict[str, Any], items: list[Json], offset: int, limit: int,
           total: int) -> Json:
    """Spotify's paging object; `next`/`previous` are full URLs or null."""
    def page_url(at: int) -> str:
        return f"{href}?{urlencode({**params, 'offset': at, 'limit': limit})}"

    return {
        "href": page_url(offset),
        "items": items,
        "limit": limit,
        "next": page_url(offset + limit) if offset + limit < total else None,
        "offset": offset,
        "previous": page_url(max(0, offset - limit)) if offset > 0 else None,
        "total": total,
    }


def playlist_object(api: str, playlist: Playlist, owner: SpotifyUser, items: Json) -> Json:
    """A playlist; `items` is a paging object or just {href, total}.

    The 2026 API renamed `tracks` to `items` and `public` to `published`; the old `tracks`
    key is still sent, as Spotify does during the deprecation.
    """
    return {
        "collaborative": playlist.collaborative,
        "description": playlist.description,
        "external_urls": {"spotify": f"{OPEN}/playlist/{playlist.id}"},
        "href": f"{api}playlists/{playlist.id}",
        "id": playlist.id,
        "images": [],
        "items": items,
        "name": playlist.name,
        "owner": user_object(api, owner),
        "primary_color": None,
        "published": playlist.public,
        "snapshot_id": playlist.snapshot_id,
        "tracks": {"href": f"{api}playlists/{playlist.id}/items", "total": len(playlist.entries)},
        "type": "playlist",
        "uri": f"spotify:playlist:{playlist.id}",
    }


def playlist_item_object(api: str, entry_track: SpotifyTrack, added_at: str,
                         added_by: SpotifyUser) -> Json:
    """One entry of a playlist: the new `item` key, and the deprecated `track` alongside."""
    track = track_object(api, entry_track)
    return {
        "added_at": added_at,
        "added_by": user_object(api, added_by),
        "is_local": False,
        "item": track,
        "track": track,
    }


def api_error_body(status: int, message: str) -> Json:
    """The Web API's error body."""
    return {"error": {"status": status, "message": message}}

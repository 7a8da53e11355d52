"""What a person's answer to "Which one is it?" is kept under: the link they shared, and the
recording Shazam heard (the same video under another address, or another video of the song)."""

from __future__ import annotations

from core.models import Recognition
from core.names import fold


def answer_keys(shown_as: str, heard: Recognition | None) -> tuple[str, ...]:
    """The keys of one question: its link (a file sent has none) and its recording."""
    link = (f"link:{shown_as}",) if "://" in shown_as else ()
    return (*link, *((recording_key(heard),) if heard is not None else ()))


def recording_key(heard: Recognition) -> str:
    """Shazam's key for the recording, else its ISRC, else its title and artists."""
    if heard.shazam_key:
        return f"shazam:{heard.shazam_key}"
    if heard.isrc:
        return f"isrc:{heard.isrc.upper()}"
    return "heard:" + fold(" — ".join([heard.title, ", ".join(heard.artists)]))

"""What a person's answer to "Which one is it?" is kept under: the link they shared, and the
question about the recording Shazam heard (the same video under another address, or another
video of the song, asked with the same buttons). Another video of one Shazam recording may be
asked about for another reason (a tag naming the sped-up version on one, not on the other): its
buttons then differ, and so does the question."""

from __future__ import annotations

from collections.abc import Sequence

from core.models import Candidate, Recognition
from core.names import fold


def answer_keys(shown_as: str, heard: Recognition | None, offered: Sequence[Candidate]
                ) -> tuple[str, ...]:
    """The keys of one question: its link (a file sent has none), and its recording with the
    buttons offered, in their order."""
    link = (f"link:{shown_as}",) if "://" in shown_as else ()
    if heard is None:
        return link
    return (*link, " ".join([recording_key(heard), *(c.track.uri for c in offered)]))


def recording_key(heard: Recognition) -> str:
    """Shazam's key for the recording, else its ISRC, else its title and artists."""
    if heard.shazam_key:
        return f"shazam:{heard.shazam_key}"
    if heard.isrc:
        return f"isrc:{heard.isrc.upper()}"
    return "heard:" + fold(" — ".join([heard.title, ", ".join(heard.artists)]))

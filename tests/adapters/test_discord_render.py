"""How Stash's words look on Discord: plain text, limits, embeds and buttons."""

from __future__ import annotations

from adapters.discord import render, views
from core import texts
from core.models import Candidate, CatalogTrack, PendingChoice, PlaylistAdd, Recognition, UserKey
from core.outcomes import ChoiceOffered, NotOnSpotify, TrackAdded
from core.refusals import Refusal, RefusedLink
from core.service import MessagePlan

TRACK = CatalogTrack("spotify:track:x", "Love_Me_Do " + "la" * 60, ("The *Beetles*",),
                     "Please Please Me", url="https://open.spotify.com/track/x",
                     cover_url="javascript:alert(1)")


def test_titles_are_shown_as_written_not_as_markdown() -> None:
    heard = NotOnSpotify(Recognition("Love_Me_Do", ("A*B*",)))
    assert render.headline(heard) == \
        r"I heard Love\_Me\_Do — A\*B\*, but Spotify doesn't have a match."


def test_an_added_track_is_a_headline_and_an_embed() -> None:
    shown = views.outcome_shown(TrackAdded(TRACK, PlaylistAdd("Road trip", already_there=True)))
    assert shown.text == "Already in Road trip ✓" and shown.view is None
    assert shown.embed is not None
    assert (shown.embed.url, shown.embed.description) == (TRACK.url, r"The \*Beetles\*")
    assert [(f.name, f.value) for f in shown.embed.fields] == [("Album", "Please Please Me")]
    assert shown.embed.thumbnail.url is None  # only web images are shown


def test_choice_buttons_fit_discord_limits() -> None:
    choice = PendingChoice("AbC-12_xyz98", UserKey("discord", "1"), "https://x",
                           (Candidate(TRACK, 0.9), Candidate(TRACK, 0.8)), 0.0)
    shown = views.outcome_shown(ChoiceOffered(choice))
    assert shown.view is not None
    buttons = [b for row in shown.view.to_components() for b in row["components"]]
    assert [b["custom_id"] for b in buttons] == [
        "stash:c:AbC-12_xyz98:0", "stash:c:AbC-12_xyz98:1", "stash:c:AbC-12_xyz98:x"]
    assert len(buttons[0]["label"]) == 80 and buttons[0]["label"].endswith("…")
    assert all(views.ours(b["custom_id"]) for b in buttons)  # answered, after a restart too


def test_many_refused_links_make_one_short_note() -> None:
    refused = tuple(RefusedLink(f"https://example.com/{n}", Refusal.UNSUPPORTED)
                    for n in range(200))
    note = render.notes(MessagePlan((), refused, skipped=0, limited=0))
    assert note == texts.say("refusal.unsupported")
    long_reasons = tuple(RefusedLink("u", reason) for reason in Refusal) * 30
    assert len(render.notes(MessagePlan((), long_reasons, 5, 2))) <= render.CONTENT_MAX


def test_only_what_would_render_or_ping_is_escaped() -> None:
    assert render.inert("Don't Look Back (feat. Kaito) - 2024 Remaster!") == \
        "Don't Look Back (feat. Kaito) - 2024 Remaster!"
    assert render.inert("[a](https://x.example) & [b](https://y.example)") == \
        "\\[a](https:\u200b//x.example) & \\[b](https:\u200b//y.example)"
    assert render.inert("1. <#123> <t:1700000000:R> @here") == \
        "1\\. <\u200b#123> <\u200bt:1700000000:R> @\u200bhere"

"""A message's text as the server stores it: plain text, entities found, limits kept."""

from __future__ import annotations

from sandbox.telegram.entities import Entity, detect_entities, utf16_len
from sandbox.telegram.errors import TEXT_EMPTY, TOO_LONG, bad_request
from sandbox.telegram.params import Params

MAX_TEXT = 4096
MAX_CAPTION = 1024
# No link, mention or command is detected inside these.
_OPAQUE = frozenset({"code", "pre", "text_link", "url", "email"})


def compose(
    p: Params, key: str = "text", entities_key: str = "entities"
) -> tuple[str, list[Entity]]:
    """The text and entities of a send or edit call, or the 400 Telegram would give."""
    raw = p.text(key) or ""
    explicit = p.nested(entities_key, f'can\'t parse entities JSON object "{entities_key}"')
    if p.text("parse_mode"):
        # Stash sends plain text; formatting is not modelled, so it is refused, not ignored.
        raise bad_request("unsupported parse_mode")
    text, entities = raw, list(explicit or [])
    text, entities = _strip(text, entities)
    if not text:
        raise bad_request(TEXT_EMPTY)
    limit = MAX_TEXT if key == "text" else MAX_CAPTION
    if utf16_len(text) > limit:
        raise bad_request(TOO_LONG if key == "text" else "Bad Request: message caption is too long")
    return text, _merge(entities, detect_entities(text))


def _strip(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Telegram trims surrounding whitespace and moves the entities with the text."""
    lead = utf16_len(text) - utf16_len(text.lstrip())
    text = text.strip()
    size = utf16_len(text)
    kept = []
    for e in entities:
        start = max(0, e["offset"] - lead)
        end = min(size, e["offset"] - lead + e["length"])
        if end > start:
            kept.append({**e, "offset": start, "length": end - start})
    return text, kept


def _merge(formatting: list[Entity], detected: list[Entity]) -> list[Entity]:
    opaque = [e for e in formatting if e["type"] in _OPAQUE]
    extra = [d for d in detected if not any(_overlap(d, o) for o in opaque)]
    return sorted(formatting + extra, key=lambda e: (e["offset"], -e["length"]))


def _overlap(a: Entity, b: Entity) -> bool:
    a_start, a_end = int(a["offset"]), int(a["offset"]) + int(a["length"])
    b_start, b_end = int(b["offset"]), int(b["offset"]) + int(b["length"])
    return a_start < b_end and b_start < a_end

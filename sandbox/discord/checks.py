"""Discord's limits on message and command bodies, answered as 50035 Invalid Form Body."""

from __future__ import annotations

import re
from typing import Any

from sandbox.discord.errors import empty_message, field_error, invalid_form
from sandbox.discord.localizations import localization_errors
from sandbox.discord.model import Json

_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
_EMBED_LIMITS = {"title": 256, "description": 4096}
_FIELD_LIMITS = {"name": 256, "value": 1024}
_EMBEDS_TOTAL = 6000  # title, description, field names and values, footer and author, together
_ACTION_ROW, _BUTTON, _LINK_STYLE, _PREMIUM_STYLE = 1, 2, 5, 6


def _too_long(limit: int) -> Json:
    return field_error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def check_message(body: Any, *, creating: bool) -> Json:
    """Validate a create/edit message body; return it or raise Discord's error."""
    if not isinstance(body, dict):
        raise invalid_form(
            {
                "_errors": [
                    {
                        "code": "DICT_TYPE_CONVERT",
                        "message": "Only dictionaries may be used in a DictType",
                    }
                ]
            }
        )
    errors: Json = {}
    content = body.get("content")
    if content is not None and len(str(content)) > 2000:
        errors["content"] = _too_long(2000)
    errors.update(_embed_errors(body.get("embeds")))
    errors.update(_component_errors(body.get("components"), body.get("flags")))
    if errors:
        raise invalid_form(errors)
    has_something = any(
        body.get(key) for key in ("content", "embeds", "components", "sticker_ids", "poll")
    )
    if creating and not has_something and not body.get("attachments"):
        raise empty_message()
    return body


def _embed_errors(embeds: Any) -> Json:
    if not embeds:
        return {}
    if len(embeds) > 10:
        return {"embeds": _too_long(10)}
    tree: Json = {}
    for index, embed in enumerate(embeds):
        fields = {
            key: _too_long(limit)
            for key, limit in _EMBED_LIMITS.items()
            if len(str(embed.get(key) or "")) > limit
        }
        if len(embed.get("fields") or []) > 25:
            fields["fields"] = _too_long(25)
        field_tree = _field_errors(embed.get("fields") or [])
        if field_tree and "fields" not in fields:
            fields["fields"] = field_tree
        if fields:
            tree[str(index)] = fields
    if not tree and sum(_embed_size(embed) for embed in embeds) > _EMBEDS_TOTAL:
        return {"embeds": field_error("BASE_TYPE_MAX_LENGTH",
                                      f"Embed size exceeds maximum size of {_EMBEDS_TOTAL}")}
    return {"embeds": tree} if tree else {}


def _field_errors(fields: list[Json]) -> Json:
    tree: Json = {}
    for index, field in enumerate(fields):
        errors = {key: _too_long(limit) for key, limit in _FIELD_LIMITS.items()
                  if len(str(field.get(key) or "")) > limit}
        if errors:
            tree[str(index)] = errors
    return tree


def _embed_size(embed: Json) -> int:
    parts = [embed.get("title"), embed.get("description"),
             (embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    parts += [value for field in embed.get("fields") or [] for value in
              (field.get("name"), field.get("value"))]
    return sum(len(str(part or "")) for part in parts)


def _component_errors(rows: Any, flags: Any) -> Json:
    if not rows:
        return {}
    if int(flags or 0) & (1 << 15):
        return {}  # Components v2 layouts have their own, looser, top-level rules.
    if len(rows) > 5:
        return {"components": _too_long(5)}
    tree: Json = {}
    seen: set[str] = set()
    for index, row in enumerate(rows):
        row_errors = _row_errors(row, seen)
        if row_errors:
            tree[str(index)] = row_errors
    return {"components": tree} if tree else {}


def _row_errors(row: Json, seen: set[str]) -> Json:
    if row.get("type") != _ACTION_ROW:
        return {
            "type": field_error("UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).')
        }
    children = row.get("components") or []
    if not 1 <= len(children) <= 5:
        return {
            "components": field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        }
    tree: Json = {}
    for index, child in enumerate(children):
        child_errors = _child_errors(child, seen)
        if child_errors:
            tree[str(index)] = child_errors
    return {"components": tree} if tree else {}


def _child_errors(child: Json, seen: set[str]) -> Json:
    custom_id = child.get("custom_id")
    if child.get("type") == _BUTTON and child.get("style") in (_LINK_STYLE, _PREMIUM_STYLE):
        return {}
    if not custom_id:
        return {"custom_id": field_error("BASE_TYPE_REQUIRED", "This field is required")}
    if len(custom_id) > 100:
        return {"custom_id": _too_long(100)}
    if custom_id in seen:
        return {
            "custom_id": field_error(
                "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
            )
        }
    seen.add(custom_id)
    if len(str(child.get("label") or "")) > 80:
        return {"label": _too_long(80)}
    return {}


def check_commands(bodies: Any) -> list[Json]:
    """Validate a bulk-overwrite list of application commands."""
    if not isinstance(bodies, list):
        raise invalid_form(
            {
                "_errors": [
                    {
                        "code": "LIST_TYPE_CONVERT",
                        "message": "Only iterables may be used in a ListType",
                    }
                ]
            }
        )
    tree: Json = {}
    names: set[tuple[int, str]] = set()
    for index, body in enumerate(bodies):
        errors = _command_errors(body)
        key = (int(body.get("type", 1)), str(body.get("name")))
        if key in names:
            errors["name"] = field_error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique"
            )
        names.add(key)
        if errors:
            tree[str(index)] = errors
    if len(bodies) > 100:
        tree["_errors"] = _too_long(100)["_errors"]
    if tree:
        raise invalid_form(tree)
    return bodies


def _command_errors(body: Json) -> Json:
    errors: Json = {}
    name = str(body.get("name") or "")
    chat_input = int(body.get("type", 1)) == 1
    if chat_input and (not _COMMAND_NAME.match(name) or name != name.lower()):
        errors["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    description = str(body.get("description") or "")
    if chat_input and not 1 <= len(description) <= 100:
        errors["description"] = field_error(
            "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    errors.update(localization_errors(body, slash=chat_input))
    if len(body.get("options") or []) > 25:
        errors["options"] = _too_long(25)
    return errors

"""parse_mode=HTML: Telegram's tag set turned into plain text plus formatting entities."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from sandbox.telegram.entities import Entity, utf16_len
from sandbox.telegram.errors import ApiError, bad_request

_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Plain text and entities of an HTML-formatted message, or 400 "can't parse entities"."""
    parser = _TelegramHtml(source)
    parser.feed(source)
    parser.close()
    if parser.open_tags:
        tag = parser.open_tags[-1][0]
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{tag}"')
    return "".join(parser.parts), sorted(parser.entities, key=lambda e: e["offset"])


def _cant_parse(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


class _TelegramHtml(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[Entity] = []
        self.open_tags: list[tuple[str, int, Entity | None]] = []

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        lines = self.source.split("\n")
        prefix = "\n".join([*lines[: line - 1], lines[line - 1][:column]])
        return len(prefix.encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = self._entity_for(tag, dict(attrs))
        if kind is None:
            raise _cant_parse(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}')
        language = (attrs and dict(attrs).get("class")) or ""
        if tag == "code" and self.open_tags and self.open_tags[-1][0] == "pre":
            pre = self.open_tags[-1][2]
            if pre is not None and language.startswith("language-"):
                pre["language"] = language.removeprefix("language-")
        self.open_tags.append((tag, self.length, kind))

    def _entity_for(self, tag: str, attrs: dict[str, str | None]) -> Entity | None:
        if tag in _SIMPLE:
            return {"type": _SIMPLE[tag]}
        if tag == "span" and attrs.get("class") == "tg-spoiler":
            return {"type": "spoiler"}
        if tag == "a":
            href = attrs.get("href") or ""
            if href.startswith("tg://user?id="):
                return {"type": "text_mention", "user": {"id": int(href.split("=", 1)[1])}}
            return {"type": "text_link", "url": href}
        if tag == "blockquote":
            return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
        return None

    def handle_endtag(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1][0] != tag:
            expected = f'"</{self.open_tags[-1][0]}>"' if self.open_tags else "nothing"
            offset = self._byte_offset()
            raise _cant_parse(
                f'Unmatched end tag at byte offset {offset}, expected {expected}, found "</{tag}>"'
            )
        _, start, kind = self.open_tags.pop()
        if kind is not None and self.length > start:
            self._add(kind, start)

    def _add(self, kind: Entity, start: int) -> None:
        code_in_pre = kind["type"] == "code" and self.open_tags and self.open_tags[-1][0] == "pre"
        if code_in_pre:
            return  # <pre><code class="language-x"> is one pre entity; handled by the pre tag
        self.entities.append({**kind, "offset": start, "length": self.length - start})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)

    def unknown_decl(self, data: Any) -> None:
        raise _cant_parse(f"Unsupported declaration at byte offset {self._byte_offset()}")

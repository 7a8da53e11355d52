"""parse_mode=MarkdownV2 (and legacy Markdown): plain text plus entities, or Telegram's 400."""

from __future__ import annotations

from dataclasses import dataclass, field

from sandbox.telegram.entities import Entity, utf16_len
from sandbox.telegram.errors import ApiError, bad_request

_RESERVED = "_*[]()~`>#+-=|{}.!"
_V2_MARKERS = {"||": "spoiler", "__": "underline", "*": "bold", "_": "italic", "~": "strikethrough"}
_V1_MARKERS = {"*": "bold", "_": "italic"}
_NAMES = {"bold": "Bold", "italic": "Italic", "underline": "Underline", "spoiler": "Spoiler",
          "strikethrough": "Strikethrough", "text_link": "TextUrl"}  # fmt: skip


def parse_markdown(source: str, *, v2: bool = True) -> tuple[str, list[Entity]]:
    """Plain text and entities of a Markdown message (v2: MarkdownV2 rules)."""
    scan = _Scan(source, v2)
    while scan.i < len(source):
        scan.step()
    if scan.quote_start is not None:
        scan.add("blockquote", scan.quote_start)
    if scan.stack:
        kind, _, offset = scan.stack[-1]
        raise _cant_parse(scan, f"Can't find end of {_NAMES.get(kind, kind)} entity", offset)
    return "".join(scan.out), sorted(scan.entities, key=lambda e: e["offset"])


def _cant_parse(scan: _Scan, reason: str, index: int | None) -> ApiError:
    if index is None:
        return bad_request(f"can't parse entities: {reason}")
    offset = len(scan.source[:index].encode())
    if not scan.v2:
        reason = "Can't find end of the entity"
        return bad_request(f"can't parse entities: {reason} starting at byte offset {offset}")
    return bad_request(f"can't parse entities: {reason} at byte offset {offset}")


@dataclass
class _Scan:
    source: str
    v2: bool
    i: int = 0
    length: int = 0
    out: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    stack: list[tuple[str, int, int]] = field(default_factory=list)  # kind, text start, index
    quote_start: int | None = None

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.length += utf16_len(text)

    def step(self) -> None:
        src, i = self.source, self.i
        char = src[i]
        escapable = 0 < ord(src[i + 1]) < 127 if i + 1 < len(src) else False
        if char == "\\" and escapable and (self.v2 or src[i + 1] in "_*`["):
            self.emit(src[i + 1])
            self.i += 2
        elif char == "`":
            self._code()
        elif self.v2 and char == ">" and (i == 0 or src[i - 1] == "\n"):
            self._quote_line()
        elif char == "\n" and self.quote_start is not None and not src.startswith(">", i + 1):
            self.add("blockquote", self.quote_start)
            self.quote_start = None
            self.emit(char)
            self.i += 1
        elif char == "[":
            self.stack.append(("text_link", self.length, i))
            self.i += 1
        elif char == "]" and self.stack and self.stack[-1][0] == "text_link":
            self._link_end()
        elif marker := self._marker():
            self._toggle(marker)
        elif self.v2 and char in _RESERVED:
            reason = f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            raise _cant_parse(self, reason, None)
        else:
            self.emit(char)
            self.i += 1

    def _quote_line(self) -> None:
        """A line starting with ">" is (part of) a blockquote."""
        if self.quote_start is None:
            self.quote_start = self.length
        self.i += 1

    def _marker(self) -> str | None:
        markers = _V2_MARKERS if self.v2 else _V1_MARKERS
        return next((m for m in markers if self.source.startswith(m, self.i)), None)

    def _toggle(self, marker: str) -> None:
        kind = (_V2_MARKERS if self.v2 else _V1_MARKERS)[marker]
        if self.stack and self.stack[-1][0] == kind:
            _, start, _ = self.stack.pop()
            self.add(kind, start)
        else:
            self.stack.append((kind, self.length, self.i))
        self.i += len(marker)

    def add(self, kind: str, start: int, **extra: str) -> None:
        if self.length > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.length - start, **extra}
            )

    def _code(self) -> None:
        fence = "```" if self.source.startswith("```", self.i) else "`"
        start_index, body_start = self.i, self.i + len(fence)
        end = self._find(fence, body_start)
        if end < 0:
            raise _cant_parse(
                self, f"Can't find end of {'Pre' if fence != '`' else 'Code'} entity", start_index
            )
        body = self._unescape(self.source[body_start:end])
        language = ""
        if fence == "```" and "\n" in body:
            first, rest = body.split("\n", 1)
            if first and " " not in first:
                language, body = first, rest
        start = self.length
        self.emit(body)
        kind = "pre" if fence == "```" else "code"
        self.add(kind, start, **({"language": language} if language else {}))
        self.i = end + len(fence)

    def _link_end(self) -> None:
        _, start, index = self.stack.pop()
        if not self.source.startswith("(", self.i + 1):
            raise _cant_parse(self, "Can't find end of a URL", index)
        end = self._find(")", self.i + 2)
        if end < 0:
            raise _cant_parse(self, "Can't find end of a URL", index)
        self.add("text_link", start, url=self._unescape(self.source[self.i + 2 : end]))
        self.i = end + 1

    def _find(self, needle: str, start: int) -> int:
        """Index of the next unescaped `needle`, or -1."""
        j = start
        while j < len(self.source):
            if self.source[j] == "\\":
                j += 2
            elif self.source.startswith(needle, j):
                return j
            else:
                j += 1
        return -1

    @staticmethod
    def _unescape(text: str) -> str:
        out, j = [], 0
        while j < len(text):
            if text[j] == "\\" and j + 1 < len(text):
                j += 1
            out.append(text[j])
            j += 1
        return "".join(out)

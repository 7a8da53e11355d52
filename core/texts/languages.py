"""The languages Stash speaks, and which of them a platform's language code means.

Codes are BCP 47 as the platforms send them (Telegram's `language_code`, Discord's `locale`),
spelled with `-` or gettext's `_`, in any case. Anything Stash does not speak is English.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "es", "pt-BR", "id", "ru")
ENGLISH = "en"

# A language's primary subtag -> the language Stash speaks for it (every region of it).
_BY_PRIMARY = {"en": "en", "es": "es", "pt": "pt-BR", "id": "id", "in": "id", "ru": "ru"}


def pick(code: str | None) -> str:
    """The supported language a platform's code means ("pt_br" -> "pt-BR", "es-419" -> "es",
    "in" -> "id"); English for None, an empty code or a language Stash does not speak."""
    if not code:
        return ENGLISH
    primary = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return _BY_PRIMARY.get(primary, ENGLISH)


def gettext_name(lang: str) -> str:
    """The directory name gettext uses for a supported language ("pt-BR" -> "pt_BR")."""
    return lang.replace("-", "_")


def accepted(header: str | None) -> str:
    """The language Stash speaks that a browser's Accept-Language header prefers ("pt-BR,
    pt;q=0.9,en;q=0.8" -> "pt-BR"); languages Stash does not speak are passed over; English
    when none is left."""
    best, best_q = ENGLISH, 0.0
    for part in (header or "").split(","):
        tag, *parameters = (piece.strip() for piece in part.split(";"))
        lang, q = pick(tag), _quality(parameters)
        if tag in ("", "*") or (lang == ENGLISH and tag.lower()[:2] != "en"):
            continue
        if q > best_q:
            best, best_q = lang, q
    return best


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0

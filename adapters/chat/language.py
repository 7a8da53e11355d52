"""What both chat fronts share about languages: /language's choices, and sentences said earlier
(a constant said at import, an error's sentence) said again in the language spoken now."""

from __future__ import annotations

from core.texts.fronts import LANGUAGE_NAMES
from core.texts.languages import LANGUAGES, pick
from core.texts.say import resay, speaking


def spoken(text: str) -> str:
    """`text` in the language spoken now: a catalogue sentence said in another is said again;
    anything else (outside text, a sentence put together) stays as it is."""
    lang = speaking.get()
    return resay(text, lang) if getattr(text, "lang", lang) != lang else text


def choices() -> list[tuple[str, str]]:
    """The languages to choose from, (code, its own name), in a stable order."""
    return [(lang, LANGUAGE_NAMES[lang]) for lang in LANGUAGES]


def chosen_in(value: str) -> str | None:
    """The language a person's `/language <value>` names: a code ("pt-BR", "pt_br", "es",
    "es-419") or a language's own name, in any case; None for one Stash does not speak."""
    wanted = value.strip().casefold().replace("_", "-")
    named = {name.casefold(): lang for lang, name in LANGUAGE_NAMES.items()}
    if wanted in named:
        return named[wanted]
    if pick(wanted) != "en" or wanted.split("-")[0] == "en":
        return pick(wanted)
    return None

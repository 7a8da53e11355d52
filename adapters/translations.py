"""Stash's translations: the compiled gettext catalogues under locales/, installed into
core.texts, and dates said the way each language says them (Babel's locale data).

locales/<lang>/LC_MESSAGES/stash.mo sits beside the packages (in the source tree and in an
installed copy alike); `stash translations` (adapters/translating.py) makes them.
"""

from __future__ import annotations

import functools
import gettext
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from babel import dates

from core import texts
from core.texts.languages import ENGLISH, LANGUAGES, gettext_name

log = logging.getLogger(__name__)

DOMAIN = "stash"
# STASH_LOCALES: a translator's own locales directory, tried without installing it.
LOCALES = Path(os.environ.get("STASH_LOCALES") or Path(__file__).resolve().parent.parent
               / "locales")


def mo_path(lang: str, root: Path | None = None) -> Path:
    """Where a language's compiled catalogue lives."""
    return (root or LOCALES) / gettext_name(lang) / "LC_MESSAGES" / f"{DOMAIN}.mo"


@functools.cache
def catalogue(lang: str) -> gettext.GNUTranslations | None:
    """A language's compiled catalogue (None for English, or for a language not shipped)."""
    if lang == ENGLISH or lang not in LANGUAGES:
        return None
    try:
        with mo_path(lang).open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except OSError:
        log.warning("no compiled catalogue for %s: saying it in English", lang)
        return None


def install() -> None:
    """Say every sentence, and every day, in the language being spoken (core.texts.speaking)."""
    texts.install(catalogue, dates=day)


def babel_locale(lang: str) -> str:
    """Babel's name of a supported language ("pt-BR" -> "pt_BR"; English for any other)."""
    return gettext_name(lang if lang in LANGUAGES else ENGLISH)


def day(timestamp: float, lang: str) -> str:
    """The day (UTC) of a Unix time as the language writes it: "Dec 5, 2026", "5 dic 2026",
    "5 de dez. de 2026", "5 Des 2026", "5 дек. 2026 г."."""
    when = datetime.fromtimestamp(timestamp, UTC).date()
    return dates.format_date(when, format="medium", locale=babel_locale(lang))

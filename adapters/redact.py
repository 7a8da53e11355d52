"""One redactor for everything that leaves the process as text: log lines and error reports.

It blanks the secrets it is given, and whatever looks like one wherever a library prints it:
bot tokens in Bot API URLs, bearer tokens, cookies, OAuth codes, states and tokens (as URL or
form parameters, dict or JSON fields), a /start payload, a /link code option, passwords in URLs
and Netscape cookie files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

_OAUTH_KEYS = "code|state|access_token|refresh_token|code_verifier|id_token|client_secret|start"
_CREDENTIAL = r"[\w-]*(?:token|secret|passw(?:or)?d|code_verifier|api_?key)[\w-]*"
# Each pattern's first groups are kept; "{}" in a replacement is the placeholder.
_TEXT: tuple[tuple[re.Pattern[str], str], ...] = (
    # Telegram puts the bot token in every Bot API URL: .../bot123456:AAE.../getUpdates
    (re.compile(r"\bbot\d+:[\w-]+"), "bot{}"),
    (re.compile(r"\b\d{6,}:[\w-]{30,}"), "{}"),
    (re.compile(r"\b(Bearer|Basic|Bot|bearer|basic)(\s+)[\w.~+/=-]{8,}"), r"\1\2{}"),
    # "Cookie: a=b", "'Authorization': 'Bearer x'" (the scheme stays: the line above blanked it)
    (re.compile(r"(?i)((?:set-)?cookie|(?:proxy-)?authorization)([\"']?\s*[:=]\s*[\"']?)"
                r"(?![\s\"']*(?:Bearer|Basic|Bot)\s)[^\r\n\"']+"), r"\1\2{}"),
    # Header pairs as tuples in a repr: ('Cookie', 'sessionid=...')
    (re.compile(r"(?i)([\"'](?:set-)?cookie[\"']\s*,\s*[\"'])[^\"']+"), r"\1{}"),
    (re.compile(rf"(?i)({_CREDENTIAL}[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}}]+"), r"\1{}"),
    # OAuth values as URL or form parameters (`code=…&state=…`), long enough to be one.
    (re.compile(rf"(?<![A-Za-z0-9_])((?:{_OAUTH_KEYS})=)[^&\s\"'<>,)#]{{8,}}"), r"\1{}"),
    (re.compile(rf"""(['"](?:{_OAUTH_KEYS})['"]\s*:\s*['"])[^'"]*"""), r"\1{}"),
    (re.compile(r"(/start(?:@\w+)?\s+)\S+"), r"\1{}"),
    # A slash command option named "code" (discord.py's event dumps): {'name': 'code', ...}.
    (re.compile(r"""(['"]name['"]\s*:\s*['"]code['"][^{}]*?['"]value['"]\s*:\s*['"])[^'"]*"""),
     r"\1{}"),
    # A password in a URL's user info: redis://:password@host, postgresql://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/\s@]*:)[^@\s/]+@"), r"\1{}@"),
    # Netscape cookie files (YTDLP_COOKIES_n): domain, flag, path, secure, expiry, name, value.
    (re.compile(r"(?m)^(\S+\t(?:TRUE|FALSE)\t\S*\t(?:TRUE|FALSE)\t\d+\t[^\t\n]+\t)[^\n]*"),
     r"\1{}"),
)
# In libraries' debug dumps of messages: a bare authorization code pasted alone, and the link
# code shown on the callback page (Stash's own lines never print either).
_PASTED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])"), "{}"),
    (re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{5}-[A-Za-z0-9]{5}(?![A-Za-z0-9])"), "{}"),
)
# Error reports only: what people wrote and who they are, as libraries print it in the reprs of
# updates, messages and interactions (`text='…'`, `"first_name": "…"`, `id=1001`, a UserKey), and
# the values of OAuth codes and states in reprs (`state='…'`).
_PEOPLE_KEYS = ("text|caption|first_name|last_name|username|full_name|global_name|display_name"
                "|name|nick|title|content|code|state|link_code|connect_code|number|handle"
                "|spotify_user_id|match")
_PERSONAL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![A-Za-z0-9_])((?:{_PEOPLE_KEYS})=)('(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|"
                rf"\\.)*\"?)"), r"\1{}"),
    (re.compile(rf"""(['"](?:{_PEOPLE_KEYS})['"]\s*:\s*)("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|"""
                r"""\\.)*'?)"""), r"\1{}"),
    # Numeric ids of people and chats (a Telegram user id, a Discord snowflake).
    (re.compile(r"""(?<![A-Za-z0-9_])((?:id|user_id|chat_id|platform_user_id)['"]?\s*[:=]\s*"""
                r"""['"]?)-?\d+"""), r"\1{}"),
    # "could not answer in chat 987654321": a private chat's id is its person's.
    (re.compile(r"(?i)\b((?:chat|channel|user|guild)\s+)-?\d+"), r"\1{}"),
    # A link code without its dash, and a long random code (Spotify's) with digits and capitals.
    (re.compile(r"(?<![A-Za-z0-9])[2-9A-HJKMNP-Z]{10}(?![A-Za-z0-9])"), "{}"),
    (re.compile(r"(?<![\w-])(?=[\w-]*[A-Z])(?=[\w-]*\d)[\w-]{40,}(?![\w-])"), "{}"),
)
# Key names (lowercased, punctuation as "_") whose values are a person's words, name or id
# (a Telegram update, a Discord gateway payload), blanked at any depth in error reports.
_PERSONAL_KEY = re.compile(
    rf"^(?:{_PEOPLE_KEYS}|id|\w*_id|ids|from|from_user|user|author|member|chat|phone\w*|caption\w*"
    r"|description|bio|email|locale|avatar|banner)$")
# Key names (lowercased, punctuation as "_") whose values are secret whatever they hold.
_SECRET_KEY = re.compile(
    r"token|secret|passw(?:or)?d|code_verifier|cookie|authori[sz]ation|credential"
    r"|(?:^|_)(?:auth|dsn|key|keys|api_?key|private_?key)(?:$|_)")


class Redactor:
    """Replaces secrets in text, and in the dicts and lists of an error report."""

    def __init__(self, secrets: Iterable[str] = (), placeholder: str = "<redacted>", *,
                 personal: bool = False) -> None:
        known = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, known))) if known else None
        self.placeholder = placeholder
        self.personal = personal
        self._text = [(p, r.replace("{}", placeholder))
                      for p, r in _TEXT + (_PASTED[1:] + _PERSONAL if personal else ())]
        self._pasted = [(p, r.replace("{}", placeholder)) for p, r in _PASTED]

    def text(self, value: str, *, pasted: bool = False) -> str:
        """`value` with known secrets and token-like parts replaced; `pasted` also blanks what
        looks like a code pasted alone (for debug dumps of people's messages). A `personal`
        redactor (for error reports) always does, and blanks people's words, names and ids."""
        if self._known is not None:
            value = self._known.sub(self.placeholder, value)
        for pattern, replacement in self._text + (self._pasted if pasted else []):
            value = pattern.sub(replacement, value)
        return value

    def value(self, value: Any, *, people: bool | None = None) -> Any:
        """A copy of `value` (dicts, lists, strings) with secrets replaced; `people` (a personal
        redactor's default) also blanks, at any depth, the values under keys that name people's
        words, names and ids."""
        people = self.personal if people is None else people
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k:
                    self.placeholder if _secret_key(k) or (people and _personal_key(k))
                    else self.value(v, people=people)
                    for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(item, people=people) for item in value]
        return value

    def holds_secret(self, text: str) -> bool:
        """True when `text` holds one of the secrets this redactor was given."""
        return self._known is not None and self._known.search(text) is not None


def _secret_key(key: object) -> bool:
    return isinstance(key, str) and bool(_SECRET_KEY.search(re.sub(r"\W", "_", key.lower())))


def _personal_key(key: object) -> bool:
    return isinstance(key, str) and bool(_PERSONAL_KEY.match(re.sub(r"\W", "_", key.lower())))


class RedactingFilter(logging.Filter):
    """Rewrites each record's message through a Redactor (at DEBUG also what looks pasted);
    never drops a record. A traceback holding a given secret is withheld."""

    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record without secrets."""
        message = record.getMessage()
        cleaned = self.redactor.text(message, pasted=record.levelno < logging.INFO)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self.redactor.holds_secret(text):
                record.exc_info, record.exc_text = None, None
                record.msg = f"{record.msg} (traceback withheld: it held a secret)"
        return True


def filter_loggers(names: Iterable[str], log_filter: logging.Filter) -> None:
    """Put `log_filter` on the named loggers, once (a logger's filter misses its children)."""
    for name in names:
        logger = logging.getLogger(name)
        if log_filter not in logger.filters:
            logger.addFilter(log_filter)

"""Every sentence a person reads is in the catalogue (core/texts/), keyed, with the placeholders
its callers fill: so that the languages to come are one translator passed to `say`."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from core import texts

ROOT = Path(__file__).resolve().parents[2]
# A sentence: a capitalised word, then a word of lower case (or a quote, a parenthesis, a
# number) after a space: "That post is private", "Not linked", "Stash this song".
SENTENCE = re.compile(r"^[A-Z][a-z'’]*,? [a-z0-9(“\"'/]")
LOGS = frozenset({"debug", "info", "warning", "error", "exception", "critical"})
# Errors whose words a person reads; any other exception's words are for operators and logs.
PERSON_ERRORS = frozenset(name for name in dir(__import__("core.errors").errors)
                          if name[0].isupper() and not name.startswith("_"))
# Places that hold capitalised words no person reads in a chat or on a page, and why.
NOT_FOR_PEOPLE = {
    "adapters/metrics/prometheus.py": "metric help texts, read by operators",
    "adapters/jobs/metrics.py": "metric help texts, read by operators",
    "adapters/spotify/host.py": "`stash host link`, an operator's command",
    "adapters/jobs/outage.py": "saq's own log lines, matched to count outages",
}
# Single sentences for operators kept in a constant (logged and raised at start-up), and why.
FOR_OPERATORS = {
    ("adapters/discord/front.py", "Discord refused the message content intent"):
        "logged, and raised as DiscordStartError when Discord refuses the intent",
}


def _calls_out(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether a literal is said to a log or raised in an exception no person reads."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in LOGS and isinstance(node.func.value, ast.Name) \
                and node.func.value.id in ("log", "logger", "logging"):
            return True
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = node.exc.func
            called = name.id if isinstance(name, ast.Name) else getattr(name, "attr", "")
            return called not in PERSON_ERRORS
    return False


def sentences_outside(path: Path) -> list[str]:
    """The sentences written into a module rather than taken from the catalogue."""
    tree = ast.parse(path.read_text())
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)}
    return [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs and SENTENCE.match(node.value.strip())
            and not _calls_out(node, parents) and not _for_operators(path, node.value)]


def _for_operators(path: Path, text: str) -> bool:
    where = str(path.relative_to(ROOT))
    return any(where == known and text.startswith(start) for known, start in FOR_OPERATORS)


def _modules() -> list[Path]:
    found = [*ROOT.glob("adapters/**/*.py"), *ROOT.glob("core/*.py")]
    return sorted(path for path in found if str(path.relative_to(ROOT)) not in NOT_FOR_PEOPLE)


def test_no_sentence_a_person_reads_is_written_outside_the_catalogue() -> None:
    outside = [line for path in _modules() for line in sentences_outside(path)]
    assert outside == []


def _said(tree: ast.AST) -> list[tuple[str, frozenset[str], int]]:
    """Every say("key", ...) and say_n("key", n, ...) with a literal key: what it fills."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(
                node.func, "id", None)) in ("say", "say_n") and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            named = frozenset(k.arg for k in node.keywords if k.arg)
            plural = (getattr(node.func, "attr", None) or getattr(node.func, "id", "")) == "say_n"
            calls.append((node.args[0].value, named | ({"count"} if plural else set()),
                          node.lineno))
    return calls


def _callers() -> list[tuple[str, str, frozenset[str]]]:
    paths = [*ROOT.glob("adapters/**/*.py"), *ROOT.glob("core/**/*.py"), *ROOT.glob("bot/*.py")]
    return [(f"{path.relative_to(ROOT)}:{line}", key, named) for path in sorted(paths)
            for key, named, line in _said(ast.parse(path.read_text()))]


def test_every_caller_fills_exactly_the_placeholders_of_its_sentence() -> None:
    wrong = [(where, key, sorted(named), sorted(texts.placeholders(key)))
             for where, key, named in _callers()
             if key not in texts.MESSAGES | texts.PLURALS or named != texts.placeholders(key)]
    assert wrong == []


@pytest.mark.parametrize("key", sorted(texts.MESSAGES | texts.PLURALS))
def test_every_sentence_renders_with_its_named_placeholders(key: str) -> None:
    forms = texts.PLURALS.get(key) or (texts.MESSAGES[key],)
    for form in forms:  # named only: a translator can reorder them; no {} or {0}
        assert all(name and name.isidentifier()
                   for _, name, _, _ in string.Formatter().parse(form) if name is not None)
    values = {name: f"<{name}>" for name in texts.placeholders(key) if name != "count"}
    said = texts.say_n(key, 2, **values) if key in texts.PLURALS else texts.say(key, **values)
    assert said.key == key and all(f"<{name}>" in said for name in values)


def test_plural_sentences_take_their_count_and_keys_are_said_once() -> None:
    assert texts.PLURALS and all("{count}" in singular and "{count}" in plural
                                 for singular, plural in texts.PLURALS.values())
    assert not texts.MESSAGES.keys() & texts.PLURALS.keys()


def test_a_sentence_remembers_its_key_through_an_error() -> None:
    from core.errors import LinkError, TooManyShares

    assert TooManyShares.user_message == texts.say("error.too_many_shares")
    sharper = LinkError(texts.say("media.no_server"))
    assert sharper.user_message.key == "media.no_server"  # type: ignore[attr-defined]


def _keys_named(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The keys a module names as literals, and the key families it builds (f"stage.{...}")."""
    literals = {node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    families = {node.values[0].value for node in ast.walk(tree)
                if isinstance(node, ast.JoinedStr) and node.values
                and isinstance(node.values[0], ast.Constant)
                and str(node.values[0].value).endswith(".")}
    return literals, {str(family) for family in families}


def test_every_sentence_in_the_catalogue_is_said_somewhere() -> None:
    paths = [*ROOT.glob("adapters/**/*.py"), *ROOT.glob("core/**/*.py"), *ROOT.glob("bot/*.py")]
    named: set[str] = set()
    families: set[str] = set()
    for path in paths:
        if path.parent.name == "texts" and path.name != "render.py":
            continue  # the catalogue itself
        literals, built = _keys_named(ast.parse(path.read_text()))
        named |= literals
        families |= built
    unsaid = sorted(key for key in texts.MESSAGES | texts.PLURALS
                    if key not in named and not key.startswith(tuple(families)))
    assert unsaid == []


def test_every_error_kind_has_its_sentence() -> None:
    from core.errors import KINDS

    assert sorted(f"error.{kind}" for kind in KINDS if f"error.{kind}" not in texts.MESSAGES) == []
    assert all(error.user_message == texts.say(f"error.{kind}") for kind, error in KINDS.items())

"""What the README's install command brings: every mode it documents works after `pip install -e .`.

An operator who follows the README and then sets REDIS_URL must not meet `No module named 'saq'`.
This reads the installed project's own metadata, the requirements pip follows for
`pip install -e .` (no extras), and checks that every outside module Stash imports is among them.
"""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]
PACKAGES = ("bot", "core", "adapters", "sandbox")  # sandbox runs `stash demo`


def imported_modules() -> set[str]:
    """Top-level names of the modules Stash imports, outside the standard library."""
    names: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    names.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - set(PACKAGES)


def installed_without_extras() -> set[str]:
    """Distributions `pip install -e .` installs: the project's requirements, transitively."""
    wanted = [Requirement(text) for text in metadata.requires("stash-bot") or []]
    wanted = [req for req in wanted if not req.marker or req.marker.evaluate({"extra": ""})]
    seen: set[str] = set()
    while wanted:
        req = wanted.pop()
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(req.name) or []:
            dep = Requirement(text)
            if dep.marker is None or any(dep.marker.evaluate({"extra": extra})
                                         for extra in {"", *req.extras}):
                wanted.append(dep)
    return seen


def test_every_module_stash_imports_comes_with_the_readme_install() -> None:
    providers = metadata.packages_distributions()
    installed = installed_without_extras()
    missing = sorted(module for module in imported_modules()
                     if not any(canonicalize_name(dist) in installed
                                for dist in providers.get(module, [])))
    assert missing == [], f"imported but not installed by `pip install -e .`: {missing}"

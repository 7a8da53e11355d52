"""What travels between fronts and workers in a job: the link, the requester, the answer."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from adapters.codec import dump_identification, load_identification
from core.errors import KINDS, LinkError, StashError
from core.models import Identification, Link, UserKey

log = logging.getLogger(__name__)

LinksIn = Callable[[str], Sequence[Link]]  # core's link parser, with the operator's hosts


def job_key(link: Link) -> str:
    """One job per link's canonical identity, whichever process enqueues it (fixed length)."""
    return "identify:" + hashlib.sha256(link.canonical_url.encode()).hexdigest()[:40]


def dump_link(link: Link) -> dict[str, Any]:
    """A link to media on the web (files sent in chats stay with their front)."""
    data = {**dataclasses.asdict(link), "platform": link.platform.value}
    data.pop("file", None)
    return data


def load_link(data: object, links_in: LinksIn) -> Link:
    """The link a job names, parsed again from the address that was shared: a job's own
    canonical URL is never believed, since anyone able to write into Redis could claim a reel's
    address while pointing at other media and have that cached under the reel. A payload of
    another shape (another version's) raises TypeError: a crash, retried, then answered."""
    original = data.get("original") if isinstance(data, dict) else None
    if not isinstance(original, str):
        raise TypeError("a job's link has no shared address")
    found = links_in(original)
    if len(found) != 1:
        raise LinkError()
    return found[0]


def dump_requester(user: UserKey | None) -> str | None:
    return None if user is None else f"{user.platform}:{user.user_id}"


def load_requester(text: str | None) -> UserKey | None:
    if not text:
        return None
    platform, _, user_id = text.partition(":")
    return UserKey(platform, user_id)


def answer(asked: Link, ident: Identification) -> dict[str, Any]:
    """A job's result for an identification of the link `asked` (as the worker parsed it)."""
    return {"link": asked.canonical_url, "identification": dump_identification(ident)}


def failure(asked: Link | None, err: StashError) -> dict[str, Any]:
    """A job's result for an expected error: the person is told, the job is not retried."""
    return {"link": asked.canonical_url if asked else None, "error": err.facts()}


def load_answer(result: Any, asked: Link) -> Identification:
    """The identification in a job's result, or the error it carries raised again; an answer
    about another link than the one `asked` (a job written into Redis by someone else) is
    refused, never shown or delivered."""
    if not isinstance(result, dict):
        raise StashError()
    ident = load_identification(result["identification"]) if "identification" in result \
        else None
    if not _about(result.get("link"), ident, asked):
        log.warning("a job's answer was about another link than the one asked: refused")
        raise StashError()
    if ident is not None:
        return ident
    raise _error(result.get("error"))


def _about(link: object, ident: Identification | None, asked: Link) -> bool:
    """Whether an answer is about the link asked. A worker of the previous version (during a
    redeploy) names no link: its identification must then be of that link, or of wherever a
    share link led."""
    if link is not None:
        return link == asked.canonical_url
    return ident is None or asked.needs_resolve or ident.canonical_url == asked.canonical_url


def _error(facts: object) -> StashError:
    """The same error as the worker raised (its kind, line and facts), so counters and answers
    match one process; a kind this version does not know is refused: the person is told that
    something went wrong, the operator which kind came."""
    kind = facts.get("kind") if isinstance(facts, Mapping) else None
    known = KINDS.get(kind) if isinstance(kind, str) else None
    if known is None or not isinstance(facts, Mapping):
        log.warning("a job's answer carried an error of no kind this version knows (%.40r): "
                    "refused", kind)
        return StashError()
    return known.from_facts(facts)

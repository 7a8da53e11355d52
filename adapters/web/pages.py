"""The pages a browser sees when Spotify sends it back to Stash: small, escaped, phone first,
in the language being spoken (the server sets it: the person's who ran /link, else the
browser's); a sentence said before, in another language, is said again in it."""

from __future__ import annotations

import html

from aiohttp import web

from core.accounts import HeldConnection
from core.connect_codes import ChatAccount, ConfirmStep, shown_code
from core.inert import visible
from core.texts import pick, resay, say, speaking

Home = tuple[str, str]  # (label, https URL) of a chat app where Stash is

_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stash</title>
<style>
body{{font:1.05rem/1.45 system-ui,sans-serif;max-width:30rem;margin:2rem auto;padding:0 1.1rem;
color:#191414;background:#fff}}
h1{{font-size:1.6rem;margin:0 0 1rem}} h2{{font-size:1rem;margin:0 0 .4rem}}
a.button{{display:block;padding:.9rem 1rem;margin:.5rem 0;background:#1db954;color:#fff;
border-radius:.6rem;text-decoration:none;text-align:center;font-weight:600;font-size:1.15rem}}
.code{{font:700 2rem/1.2 ui-monospace,monospace;letter-spacing:.08em;margin:.3rem 0 1rem;
overflow-wrap:anywhere}}
.alt{{margin:1.2rem 0 0;color:#555}} .alt+.code{{font-size:1.4rem}}
.who{{margin-top:1.6rem;padding:.8rem 1rem;border:1px solid #ddd;border-radius:.6rem;
background:#fafafa;font-size:.95rem}}
dl{{margin:.4rem 0}} dt{{color:#555;font-size:.85rem;margin-top:.5rem}}
dd{{margin:0;overflow-wrap:anywhere}}
.handle{{font:700 1.05rem ui-monospace,monospace}} .chosen{{font-style:italic}}
.warn{{margin:.8rem 0 0;color:#8a1c1c}}
</style></head><body><h1>{title}</h1>
{body}
</body></html>"""
NOT_YOURS = say("page.not_yours")
DONE = say("page.done")


def page(title: str, parts: list[str], status: int = 200) -> web.Response:
    """A page of already escaped parts; never cached, never a referrer, never framed; nothing on
    it loads or runs (its only style is inline)."""
    body = _PAGE.format(lang=pick(speaking.get()), title=html.escape(_here(title)),
                        body="\n".join(parts))
    return web.Response(text=body, status=status, content_type="text/html", headers=_HEADERS)


_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
            "Content-Security-Policy":
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff"}


def button(label: str, url: str) -> str:
    """A link that looks like a button (https only)."""
    if not url.startswith("https://"):
        return ""
    return f'<a class="button" href="{html.escape(url)}">{html.escape(_here(label))}</a>'


def para(text: str, kind: str = "") -> str:
    """One escaped paragraph."""
    attribute = f' class="{kind}"' if kind else ""
    return f"<p{attribute}>{html.escape(_here(text))}</p>"


def _here(text: str) -> str:
    """A sentence in the language the page speaks (constants are said at import, in English)."""
    return resay(text, speaking.get())


def message_page(title: str, text: str, homes: list[Home], status: int = 200) -> web.Response:
    """One sentence and the way back to the chat (error pages, and "done")."""
    return page(title, [para(text), *(button(label, url) for label, url in homes)], status)


def held_page(held: HeldConnection, step: ConfirmStep) -> web.Response:
    """What the browser shows once Spotify said yes: how to finish first, then whose it is."""
    code = f'<p class="code">{html.escape(shown_code(held.code))}</p>'
    if step.url is not None:
        app = step.account.platform.capitalize() if step.account else say("page.the_chat")
        parts = [button(say("page.finish_in", app=app), step.url), para(step.text),
                 para(say("page.no_button"), "alt"), code]
    else:
        parts = [code, para(step.text)]
    parts.append(_who(held, step.account))
    return page(say("page.title.one_more_step"), parts)


def _who(held: HeldConnection, account: ChatAccount | None) -> str:
    """Whose chat the code finishes in, named so that a display name cannot pass for another
    account: the platform's @handle and number stand apart, the display name is marked."""
    spotify = html.escape(visible(held.display_name))
    rows = []
    if account is not None:
        platform = html.escape(account.platform.capitalize())
        if account.handle:
            rows.append((_marked("page.username", platform=platform), "handle",
                         f"@{html.escape(account.handle)}"))
        rows.append((_marked("page.account_number", platform=platform), "",
                     html.escape(account.number)))
        if account.display_name:
            rows.append((html.escape(say("page.display_name")), "chosen",
                         f"\u201c{html.escape(account.display_name)}\u201d"))
    listed = "".join(f'<dt>{label}</dt><dd class="{kind}">{value}</dd>'
                     for label, kind, value in rows)
    chosen = f'<span class="chosen">\u201c{spotify}\u201d</span>'
    whose = _marked("page.whose_text", spotify=chosen)
    return (f'<section class="who"><h2>{html.escape(say("page.whose"))}</h2><p>{whose}</p>'
            f"<dl>{listed}</dl>{para(NOT_YOURS, 'warn')}</section>")


def _marked(key: str, **marked: str) -> str:
    """A sentence escaped for a page, with already escaped markup put in its placeholders."""
    text = html.escape(say(key, **{name: f"\x00{name}\x00" for name in marked}))
    for name, markup in marked.items():
        text = text.replace(f"\x00{name}\x00", markup)
    return text

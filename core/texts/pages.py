"""The catalogue's sentences of the web pages a browser sees when Spotify sends it back."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "page.title.one_more_step": "One more step",
    "page.title.done": "Done",
    "page.title.not_linked": "Not linked",
    "page.title.not_set_up": "Not set up",
    "page.not_set_up": "Linking Spotify isn't set up on this Stash.",
    "page.denied": "Spotify says access wasn't granted. Go back to the chat and use /link to try "
                   "again.",
    "page.done": "The code has been used: look in the chat.",
    "page.finish_in": "Finish in {app}",
    "page.the_chat": "the chat",
    "page.no_button": "No button? Send Stash this code:",
    "page.whose": "Whose link is this?",
    "page.whose_text": "The code links the Spotify account {spotify} to this chat account, which "
                       "asked with /link:",
    "page.username": "{platform} username",
    "page.account_number": "{platform} account number",
    "page.display_name": "Display name (anyone can choose any)",
    "page.not_yours": "Not you? Close this page and don't pass the code on. Nothing is linked, "
                      "and Stash forgets this in 10 minutes.",
}

PLURALS: dict[str, tuple[str, str]] = {}

"""Sentry: what leaves the process holds the error's shape and none of the secrets."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import Iterator

import pytest
import sentry_sdk

from adapters.sentry import FILTERED, EventRedactor
from core.accounts import ConnectedAccount
from core.connect_codes import ChatAccount, ConfirmStep
from core.models import UserKey
from tests.sentry_helpers import KeptEnvelopes, kept_reports

# Obviously fake secrets, shaped like the real ones so that the patterns are exercised.
BOT_TOKEN = "123456789:AAFakeFakeFakeFakeFakeFakeFakeFake01"
ACCESS_TOKEN = "BQFakeSpotifyAccessToken0123456789"
REFRESH_TOKEN = "AQFakeSpotifyRefreshToken987654321"
SESSION_COOKIE = "sessionid=FakeInstagramSession42"
DISCORD_TOKEN = "MTFake.Discord.TokenFakeTokenFake"
CONFIGURED = "configured-secret-value-7f3a"  # e.g. SPOTIFY_CLIENT_SECRET, given to init_sentry
SECRETS = (BOT_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN, "FakeInstagramSession42", DISCORD_TOKEN,
           CONFIGURED)


@pytest.fixture
def kept() -> Iterator[KeptEnvelopes]:
    """Sentry on, reporting into a local list; off again and forgotten after the test."""
    with kept_reports([CONFIGURED, "", BOT_TOKEN]) as transport:
        yield transport


def refresh_playlist(platform: str) -> None:
    """Fails with secrets in its locals, its message and its breadcrumbs."""
    url = f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage"
    answer = {"access_token": ACCESS_TOKEN, "refresh_token": REFRESH_TOKEN, "expires_in": 3600}
    headers = {"Cookie": SESSION_COOKIE, "Accept": "application/json"}
    client_secret = CONFIGURED
    sentry_sdk.add_breadcrumb(category="http", message="GET /me", data={
        "url": f"https://api.spotify.com/v1/me?access_token={ACCESS_TOKEN}",
        "headers": {"Authorization": f"Bearer {ACCESS_TOKEN}"}})
    logging.getLogger("stash.test").warning("calling %s with Bot %s", url, DISCORD_TOKEN)
    raise RuntimeError(f"{platform} refused {answer} via {url} with {headers} ({client_secret})")


def test_an_error_reaches_sentry_without_secrets_but_with_its_shape(
        kept: KeptEnvelopes) -> None:
    try:
        refresh_playlist("instagram")
    except RuntimeError as err:
        sentry_sdk.capture_exception(err)
    sentry_sdk.flush()

    sent = kept.sent()
    assert [s for s in SECRETS if s in sent] == []
    [event] = kept.events()
    [error] = event["exception"]["values"]
    assert error["type"] == "RuntimeError"
    assert error["value"].startswith("instagram refused")
    frame = error["stacktrace"]["frames"][-1]
    assert frame["function"] == "refresh_playlist"
    assert frame["lineno"] > 0 and "vars" not in frame
    crumbs = event["breadcrumbs"]["values"]
    assert [c["message"] for c in crumbs] == ["GET /me", f"calling {FILTERED} with Bot {FILTERED}"]


def test_personal_data_stays_out(kept: KeptEnvelopes) -> None:
    sentry_sdk.set_user({"id": "telegram:42", "ip_address": "203.0.113.9"})
    sentry_sdk.capture_message("something odd")
    sentry_sdk.flush()

    assert sentry_sdk.get_client().should_send_default_pii() is False
    [event] = kept.events()
    assert "203.0.113.9" not in kept.sent()
    assert event["message"] == "something odd" and event["environment"] == "test"


@pytest.mark.parametrize(("text", "kept_part"), [
    (f"POST https://api.telegram.org/bot{BOT_TOKEN}/getUpdates", "/getUpdates"),
    (f"Authorization: Bearer {ACCESS_TOKEN}", "Authorization: "),
    (f"Authorization: Bot {DISCORD_TOKEN}", "Authorization: "),
    (f"Cookie: {SESSION_COOKIE}; csrftoken=x", "Cookie: "),
    (json.dumps({"access_token": ACCESS_TOKEN, "token_type": "Bearer"}), '"token_type"'),
    (f"http://127.0.0.1:8080/spotify/callback?code={REFRESH_TOKEN}&state=s1", "state=s1"),
    (f".instagram.com\tTRUE\t/\tTRUE\t1999999999\tsessionid\t{REFRESH_TOKEN}", "sessionid"),
    (f"the client secret is {CONFIGURED}.", "the client secret is "),
    (f"Redis at redis://stash:{REFRESH_TOKEN}@127.0.0.1:6379/0 is down", "@127.0.0.1:6379/0 is"),
])
def test_secrets_inside_text_are_replaced(text: str, kept_part: str) -> None:
    redacted = EventRedactor([CONFIGURED]).text(text)
    assert [s for s in SECRETS if s in redacted] == []
    assert kept_part in redacted and FILTERED in redacted


def test_values_under_secret_looking_keys_are_replaced_at_any_depth() -> None:
    crumb = {"data": {"Set-Cookie": "a=b", "nested": [{"api_key": "k1", "refresh_token": 5}],
                      "http.method": "GET", "TOKEN_ENCRYPTION_KEYS": "k2", "status_code": 429}}
    assert EventRedactor([]).before_breadcrumb(crumb, {}) == {"data": {
        "Set-Cookie": FILTERED, "nested": [{"api_key": FILTERED, "refresh_token": FILTERED}],
        "http.method": "GET", "TOKEN_ENCRYPTION_KEYS": FILTERED, "status_code": 429}}


def test_cookie_header_pairs_in_reprs_are_redacted() -> None:
    from adapters.sentry import EventRedactor

    text = EventRedactor([]).text("headers=(('Cookie', 'sessionid=abc123; csrftoken=zz'),)")
    assert "abc123" not in text and "csrftoken=zz" not in text


def test_a_webhook_request_s_body_and_address_stay_out() -> None:
    update = {"update_id": 9, "message": {"from": {"id": 4242424, "first_name": "Zebulon"},
                                          "text": "my words"}}
    event = EventRedactor([]).before_send({"request": {
        "url": "https://stash.example/telegram", "method": "POST", "data": json.dumps(update),
        "env": {"REMOTE_ADDR": "203.0.113.9"}, "cookies": {"a": "b"}}}, {})
    assert event == {"request": {"url": "https://stash.example/telegram", "method": "POST"}}


def test_people_s_words_names_and_ids_in_reprs_are_replaced() -> None:
    text = EventRedactor([]).text(
        "Message(chat=Chat(first_name='Zebulon', id=4242424, username='zeb'), "
        "text='ABCDE-FGHJK') UserKey(platform='telegram', user_id='4242424') code ABCDEFGHJK")
    assert [v for v in ("Zebulon", "4242424", "'zeb'", "FGHJK") if v in text] == []
    assert "UserKey(platform='telegram', user_id=" in text  # the shape stays


# What a person is and wrote, as the security review's probe put it in the stack of a failure.
PERSON = {"id": "987654321", "handle": "alice_secret", "spotify_id": "alice.spotify1985",
          "spotify_name": "AliceSpot", "words": "meet me at 5 at the station",
          "code": "abcde23456", "playlist": "Songs for Bob", "song": "Secret Song Title",
          "media": "hm=deadbeefcafebabe0123456789abcdef"}


def link_then_fail() -> None:
    """Fails holding, under all kinds of names, who a person is and what they wrote."""
    step = ConfirmStep("Tap it", "https://t.me/stashbot?start=ABCDE23456", ChatAccount(
        "telegram", PERSON["id"], PERSON["handle"], PERSON["spotify_name"]))
    named = step.account
    linked = ConnectedAccount(UserKey("telegram", PERSON["id"]), PERSON["spotify_id"],
                           PERSON["spotify_name"])
    reply = f"Linked as {linked.display_name} ✓"
    new = arg = PERSON["playlist"]
    found = re.search(r"[a-z0-9]{10}", PERSON["code"])
    update = {"message": {"text": PERSON["words"], "chat": {"id": int(PERSON["id"])},
                          "from": {"id": int(PERSON["id"]), "username": PERSON["handle"]}}}
    sentry_sdk.add_breadcrumb(category="telegram", message="update", data={"update": update})
    sentry_sdk.add_breadcrumb(category="discord", message="gateway", data={"d": {
        "content": PERSON["words"], "author": {"id": PERSON["id"]},
        "member": {"nick": PERSON["handle"]}, "global_name": PERSON["handle"],
        "title": PERSON["song"], "channel_id": PERSON["id"]}})
    logging.getLogger("adapters.x").warning("%s wrote %s", named.handle, PERSON["words"])
    logging.getLogger("adapters.x").warning("named %s", step, extra={"person": PERSON["handle"]})
    logging.getLogger("adapters.x").warning(f"answered in chat {PERSON['id']}")
    raise ValueError(f"no playlist {new!r} {arg!r} for {found!r} {linked!r}: {update} {reply!r}")


def test_a_failure_sends_no_local_variable_log_argument_or_quoted_input(
        kept: KeptEnvelopes) -> None:
    try:
        link_then_fail()
    except ValueError as err:
        sentry_sdk.capture_exception(err)
    logging.getLogger("adapters.y").error("could not send to %s: %s", PERSON["handle"],
                                          PERSON["words"], extra={"person": PERSON["handle"]})
    sentry_sdk.flush()

    sent = kept.sent()
    assert [name for name, value in PERSON.items() if value in sent] == []
    first, logged = kept.events()
    assert first["exception"]["values"][0]["value"].startswith("no playlist [Filtered]")
    assert [c["message"] for c in first["breadcrumbs"]["values"]] == [
        "update", "gateway", "[Filtered] wrote [Filtered]", "named [Filtered]",
        "answered in chat [Filtered]"]
    assert logged["logentry"]["message"] == "could not send to [Filtered]: [Filtered]"


async def test_no_subprocess_command_line_or_chat_id_reaches_sentry(kept: KeptEnvelopes) -> None:
    url = f"https://cdn.discordapp.com/attachments/1/2/voice.ogg?ex=1&{PERSON['media']}"
    ffmpeg = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass", "-i", url)
    await ffmpeg.wait()
    logging.getLogger("adapters.telegram.sending").warning(
        "could not answer in chat %s: %s", int(PERSON["id"]), "Forbidden")
    sentry_sdk.add_breadcrumb(category="discord", message=f"left channel {PERSON['id']}")
    sentry_sdk.capture_message("something odd")
    sentry_sdk.flush()

    assert [name for name, value in PERSON.items() if value in kept.sent()] == []
    [event] = kept.events()
    assert [(c["category"], c["message"]) for c in event["breadcrumbs"]["values"]] == [
        ("adapters.telegram.sending", f"could not answer in chat {FILTERED}: {FILTERED}"),
        ("discord", f"left channel {FILTERED}")]


def test_chat_accounts_spotify_ids_chat_ids_and_matched_codes_in_text_are_replaced() -> None:
    text = EventRedactor([]).text(
        "ChatAccount(platform='telegram', number='987654321', handle='alice_secret') "
        "spotify_user_id='alice.spotify1985' could not answer in chat 987654321 "
        "<re.Match object; span=(0, 10), match='abcde23456'>")
    assert [v for v in PERSON.values() if v in text] == []
    assert "ChatAccount(platform='telegram', number=" in text

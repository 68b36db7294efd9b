"""Webhook verification against payloads signed by the independent `standardwebhooks` package."""

from __future__ import annotations

import base64
import json
import time
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

import httpx
import pytest
from standardwebhooks import Webhook

from openai import AsyncOpenAI, InvalidWebhookSignatureError, OpenAI

from .conftest import webhooks

SECRET = "whsec_" + base64.b64encode(b"test-webhook-signing-key-32bytes").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"another-signing-key-of-32-bytes!").decode()

EVENT_TYPES = {
    "batch.cancelled": "BatchCancelledWebhookEvent",
    "batch.completed": "BatchCompletedWebhookEvent",
    "batch.expired": "BatchExpiredWebhookEvent",
    "batch.failed": "BatchFailedWebhookEvent",
    "eval.run.canceled": "EvalRunCanceledWebhookEvent",
    "eval.run.failed": "EvalRunFailedWebhookEvent",
    "eval.run.succeeded": "EvalRunSucceededWebhookEvent",
    "fine_tuning.job.cancelled": "FineTuningJobCancelledWebhookEvent",
    "fine_tuning.job.failed": "FineTuningJobFailedWebhookEvent",
    "fine_tuning.job.succeeded": "FineTuningJobSucceededWebhookEvent",
    "realtime.call.incoming": "RealtimeCallIncomingWebhookEvent",
    "response.cancelled": "ResponseCancelledWebhookEvent",
    "response.completed": "ResponseCompletedWebhookEvent",
    "response.failed": "ResponseFailedWebhookEvent",
    "response.incomplete": "ResponseIncompleteWebhookEvent",
}


def payload(event_type: str = "response.completed", data: Optional[Dict[str, Any]] = None) -> str:
    if data is None:
        data = (
            {"call_id": "rtc_1", "sip_headers": [{"name": "From", "value": "x"}]}
            if "call" in event_type
            else {"id": "obj_123"}
        )
    return json.dumps({"id": "evt_abc", "object": "event", "created_at": 1750000000, "type": event_type, "data": data})


def signed(body: str, *, secret: str = SECRET, msg_id: str = "msg_1", at: Optional[float] = None) -> Dict[str, str]:
    """Headers as an OpenAI delivery carries them, signed by the reference implementation."""
    timestamp = datetime.fromtimestamp(time.time() if at is None else at, tz=timezone.utc)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, timestamp, body),
    }


@pytest.fixture
def client() -> OpenAI:
    return OpenAI(api_key="sk-test", webhook_secret=SECRET)


# --- accepted ---------------------------------------------------------------------------


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_unwrap_returns_the_typed_event(client: OpenAI, event_type: str) -> None:
    body = payload(event_type)
    event = webhooks(client).unwrap(body, signed(body))
    assert type(event).__name__ == EVENT_TYPES[event_type]
    assert event.type == event_type
    assert event.id == "evt_abc"
    assert event.created_at == 1750000000


def test_unwrap_response_completed_data(client: OpenAI) -> None:
    body = payload("response.completed", {"id": "resp_42"})
    event = webhooks(client).unwrap(body, signed(body))
    assert event.type == "response.completed"
    assert event.data.id == "resp_42"


def test_reference_verifier_agrees(client: OpenAI) -> None:
    body = payload()
    headers = signed(body)
    assert Webhook(SECRET).verify(body, headers)["type"] == "response.completed"
    assert webhooks(client).verify_signature(body, headers) is None


@pytest.mark.parametrize(
    "transform",
    [
        lambda h: {k.upper(): v for k, v in h.items()},
        lambda h: httpx.Headers(h),
        lambda h: list(h.items()),
        lambda h: [(k.encode(), v.encode()) for k, v in h.items()],
    ],
    ids=["upper-case-dict", "httpx.Headers", "pairs", "byte-pairs"],
)
def test_header_containers(client: OpenAI, transform: Any) -> None:
    body = payload()
    webhooks(client).verify_signature(body.encode(), transform(signed(body)))


def test_any_one_of_several_signatures_may_match(client: OpenAI) -> None:
    body = payload()
    headers = signed(body)
    other = signed(body, secret=OTHER_SECRET)["webhook-signature"]
    headers["webhook-signature"] = f"v1a,ignored {other} {headers['webhook-signature']}"
    webhooks(client).verify_signature(body, headers)


def test_secret_argument_wins_over_client_secret() -> None:
    client = OpenAI(api_key="sk-test", webhook_secret=OTHER_SECRET)
    body = payload()
    webhooks(client).verify_signature(body, signed(body), secret=SECRET)
    with pytest.raises(InvalidWebhookSignatureError, match="does not match"):
        webhooks(client).verify_signature(body, signed(body))


def test_secret_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", SECRET)
    client = OpenAI(api_key="sk-test")
    body = payload()
    assert webhooks(client).unwrap(body, signed(body)).type == "response.completed"


def test_tolerance_is_adjustable(client: OpenAI) -> None:
    body = payload()
    old = signed(body, at=time.time() - 1000)
    webhooks(client).verify_signature(body, old, tolerance=1200)
    with pytest.raises(InvalidWebhookSignatureError, match="too old"):
        webhooks(client).verify_signature(body, old)


def test_async_client_methods_are_plain_calls() -> None:
    client = AsyncOpenAI(api_key="sk-test", webhook_secret=SECRET)
    body = payload("batch.completed")
    event = webhooks(client).unwrap(body, signed(body))
    assert event.type == "batch.completed"
    webhooks(client).verify_signature(body, signed(body))


# --- rejected ---------------------------------------------------------------------------


def _reject(client: OpenAI, body: Any, headers: Any, match: str, **kwargs: Any) -> str:
    for method in ("verify_signature", "unwrap"):
        with pytest.raises(InvalidWebhookSignatureError, match=match) as caught:
            getattr(webhooks(client), method)(body, headers, **kwargs)
        assert isinstance(caught.value, ValueError)  # the official base class
    message = str(caught.value)
    assert "test-webhook-signing-key" not in message and SECRET not in message
    return message


def test_tampered_body(client: OpenAI) -> None:
    body = payload(data={"id": "resp_1"})
    _reject(client, body.replace("resp_1", "resp_2"), signed(body), "does not match")


def test_tampered_id_and_timestamp(client: OpenAI) -> None:
    body = payload()
    headers = signed(body)
    _reject(client, body, {**headers, "webhook-id": "msg_other"}, "does not match")
    _reject(
        client, body, {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 1)}, "does not match"
    )


def test_wrong_secret(client: OpenAI) -> None:
    body = payload()
    _reject(client, body, signed(body, secret=OTHER_SECRET), "does not match")


@pytest.mark.parametrize("name", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_header(client: OpenAI, name: str) -> None:
    body = payload()
    headers = {k: v for k, v in signed(body).items() if k != name}
    _reject(client, body, headers, f"Missing webhook header\\(s\\): {name}")


def test_empty_header_counts_as_missing(client: OpenAI) -> None:
    body = payload()
    _reject(client, body, {**signed(body), "webhook-id": ""}, "Missing webhook header")


def test_stale_and_future_timestamps(client: OpenAI) -> None:
    body = payload()
    assert "400 s ago" in _reject(client, body, signed(body, at=time.time() - 400), "too old")
    _reject(client, body, signed(body, at=time.time() + 400), "too far in the future")


def test_timestamp_not_a_number(client: OpenAI) -> None:
    body = payload()
    _reject(client, body, {**signed(body), "webhook-timestamp": "yesterday"}, "not a Unix timestamp")


@pytest.mark.parametrize(
    ("signature", "match"),
    [
        ("garbage", "malformed"),
        ("v1,", "malformed"),
        (",abc", "malformed"),
        ("", "Missing webhook header"),
        ("v2,c2lnbmF0dXJl", "no `v1,<base64>` signature"),
        ("v1,not*base64", "does not match"),
    ],
)
def test_malformed_signature_list(client: OpenAI, signature: str, match: str) -> None:
    body = payload()
    _reject(client, body, {**signed(body), "webhook-signature": signature}, match)


def test_non_utf8_payload(client: OpenAI) -> None:
    raw = b'{"type": "response.completed", "x": "\xff\xfe"}'
    _reject(client, raw, signed("ignored"), "not valid UTF-8")


@pytest.mark.parametrize(
    ("secret", "match"),
    [
        ("", "secret is empty"),
        (base64.b64encode(b"test-webhook-signing-key-32bytes").decode(), "must start with `whsec_`"),
        ("whsec_***not-base64***", "not valid base64"),
        ("whsec_", "nothing after its `whsec_` prefix"),
    ],
)
def test_bad_secrets(client: OpenAI, secret: str, match: str) -> None:
    body = payload()
    _reject(client, body, signed(body), match, secret=secret)


def test_no_secret_anywhere_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_WEBHOOK_SECRET", raising=False)
    client = OpenAI(api_key="sk-test")
    body = payload()
    message = _reject(client, body, signed(body), "No webhook secret")
    assert "OPENAI_WEBHOOK_SECRET" in message and "webhook_secret=" in message


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"just a string"'])
def test_signed_but_not_an_event(client: OpenAI, body: str) -> None:
    with pytest.raises(InvalidWebhookSignatureError, match="not a JSON event object"):
        webhooks(client).unwrap(body, signed(body))
    webhooks(client).verify_signature(body, signed(body))  # the signature itself is fine


def test_headers_of_the_wrong_kind(client: OpenAI) -> None:
    body = payload()
    _reject(client, body, 42, "`headers` must be a mapping")
    _reject(client, body, ["not-a-pair"], "list of \\(name, value\\) pairs")


def test_payload_of_the_wrong_kind(client: OpenAI) -> None:
    bodies: List[Any] = [{"type": "x"}, None]
    for body in bodies:
        _reject(client, body, signed("x"), "`payload` must be the raw body")

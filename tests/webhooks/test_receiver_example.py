"""The README's receiver (examples/webhook_receiver.py), driven with Flask's test client."""

from __future__ import annotations

import importlib.util
import pathlib
from typing import Any

import pytest

from openai import OpenAI
from openai.lib.webhooks import WebhooksMixin

from .test_webhooks import SECRET, payload, signed

pytest.importorskip("flask")

EXAMPLE = pathlib.Path(__file__).parents[2] / "examples" / "webhook_receiver.py"


def _app(client: OpenAI) -> Any:
    spec = importlib.util.spec_from_file_location("webhook_receiver", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if getattr(client, "webhooks", None) is None:  # until the generated resource is on this branch

        class WithWebhooks(OpenAI):
            @property
            def webhooks(self) -> Any:  # type: ignore[override]
                bound: Any = WebhooksMixin()
                bound._client = self
                return bound

        client = WithWebhooks(api_key=client.api_key, webhook_secret=client.webhook_secret)
    return module.create_app(client).test_client()


def test_receiver_accepts_a_signed_delivery() -> None:
    app = _app(OpenAI(api_key="sk-test", webhook_secret=SECRET))
    body = payload("response.completed", {"id": "resp_9"})
    response = app.post("/webhook", data=body, headers={**signed(body), "Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.get_json() == {"received": "response.completed"}


def test_receiver_rejects_a_tampered_delivery() -> None:
    app = _app(OpenAI(api_key="sk-test", webhook_secret=SECRET))
    body = payload("response.completed", {"id": "resp_9"})
    response = app.post("/webhook", data=body.replace("resp_9", "resp_0"), headers=signed(body))
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "Invalid signature"


def test_receiver_rejects_an_unsigned_delivery() -> None:
    app = _app(OpenAI(api_key="sk-test", webhook_secret=SECRET))
    response = app.post("/webhook", data=payload())
    assert response.status_code == 400

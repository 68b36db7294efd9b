"""Signed Standard Webhooks deliveries (POSTed with the stdlib, off the event loop)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from typing import Any

JSON = dict[str, Any]

DEFAULT_SECRET = (
    "whsec_" + base64.b64encode(b"openai-emulator-webhook-secret!!").decode()
)


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return (
        "v1,"
        + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    )


def signed_headers(
    secret: str, msg_id: str, body: bytes, timestamp: int | None = None
) -> dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "content-type": "application/json",
        "user-agent": "OpenAI-Emulator/1.0 (+webhooks)",
        "webhook-id": msg_id,
        "webhook-timestamp": str(ts),
        "webhook-signature": sign(secret, msg_id, ts, body),
    }


class WebhookSender:
    def __init__(self, url: str | None, secret: str | None) -> None:
        self.url = url
        self.secret = secret or DEFAULT_SECRET
        self.deliveries: list[
            JSON
        ] = []  # what was sent, for tests: event, headers, status

    async def send(self, event: JSON) -> None:
        body = json.dumps(event, separators=(",", ":")).encode()
        headers = signed_headers(self.secret, str(event["id"]), body)
        record: JSON = {
            "event": event,
            "body": body.decode(),
            "headers": headers,
            "url": self.url,
            "status": None,
        }
        self.deliveries.append(record)
        if not self.url:
            return
        record["status"] = await asyncio.to_thread(_post, self.url, body, headers)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int | None:
    for _attempt in range(3):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=5) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return exc.code
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    return None

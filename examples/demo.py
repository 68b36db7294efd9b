"""A tour of the client: the examples of the README, run end to end.

    pip install 'openai[emulator]' && python examples/demo.py

Without OPENAI_API_KEY it starts the offline emulator in-process (no network, no
key, no bill). With a key it runs the same steps against the real API
(OPENAI_BASE_URL is honoured; set OPENAI_DEMO_MODEL to pick the model).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import os
import sys
import time
from contextlib import ExitStack
from typing import Any, Callable

from pydantic import BaseModel

import openai
from openai import AsyncOpenAI, OpenAI

MODEL = os.environ.get("OPENAI_DEMO_MODEL", "gpt-5.5")
REALTIME_MODEL = os.environ.get("OPENAI_DEMO_REALTIME_MODEL", "gpt-realtime-2")


class CalendarEvent(BaseModel):
    name: str
    date: str
    participants: list[str]


class Demo:
    def __init__(
        self, client: OpenAI, async_client: AsyncOpenAI, emulator: Any
    ) -> None:
        self.client = client
        self.async_client = async_client
        self.emulator = emulator  # None against the real API
        self.cleanup: list[Callable[[], Any]] = []

    def response(self) -> str:
        response = self.client.responses.create(
            model=MODEL,
            instructions="You are a coding assistant that talks like a pirate.",
            input="How do I check if a Python object is an instance of a class?",
        )
        return f"{response.output_text!r} (request id {response._request_id})"

    def chat(self) -> str:
        completion = self.client.chat.completions.create(
            model=MODEL,
            messages=[
                {"role": "developer", "content": "Talk like a pirate."},
                {
                    "role": "user",
                    "content": "How do I check if a Python object is an instance of a class?",
                },
            ],
        )
        return repr(completion.choices[0].message.content)

    def streaming(self) -> str:
        stream = self.client.responses.create(
            model=MODEL,
            input="Write a one-sentence bedtime story about a unicorn.",
            stream=True,
        )
        deltas = [
            event.delta
            for event in stream
            if event.type == "response.output_text.delta"
        ]
        return f"{len(deltas)} deltas: {''.join(deltas)!r}"

    def async_call(self) -> str:
        async def main() -> str:
            response = await self.async_client.responses.create(
                model=MODEL,
                input="Explain disestablishmentarianism to a smart five year old.",
            )
            return response.output_text

        return repr(asyncio.run(main()))

    def structured_output(self) -> str:
        if self.emulator is not None:
            # Left alone, the emulator answers a JSON schema with its smallest valid
            # instance (empty strings). Script the next answer instead, as a test would.
            self.emulator.script(MODEL).text(
                json.dumps(
                    {
                        "name": "Science fair",
                        "date": "Friday",
                        "participants": ["Alice", "Bob"],
                    }
                )
            )
        completion = self.client.chat.completions.parse(
            model=MODEL,
            messages=[
                {"role": "system", "content": "Extract the event information."},
                {
                    "role": "user",
                    "content": "Alice and Bob are going to a science fair on Friday.",
                },
            ],
            response_format=CalendarEvent,
        )
        parsed = completion.choices[0].message.parsed
        return f"{type(parsed).__name__}: {parsed!r}"

    def embeddings(self) -> str:
        result = self.client.embeddings.create(
            model="text-embedding-3-small", input=["hello", "world"]
        )
        first = result.data[0].embedding
        return f"{len(result.data)} vectors of {len(first)} floats, first values {[round(v, 4) for v in first[:3]]}"

    def file_upload(self) -> str:
        uploaded = self.client.files.create(
            file=("demo.jsonl", b'{"prompt": "hello", "completion": "world"}\n'),
            purpose="user_data",
        )
        self.cleanup.append(lambda: self.client.files.delete(uploaded.id))
        content = self.client.files.content(uploaded.id).read()
        return f"{uploaded.id} ({uploaded.bytes} bytes), read back {len(content)} bytes"

    def pagination(self) -> str:
        if self.emulator is not None:  # give the list something to page through
            for i in range(5):
                created = self.client.files.create(
                    file=(f"page-{i}.txt", b"x"), purpose="user_data"
                )
                self.cleanup.append(
                    lambda file_id=created.id: self.client.files.delete(file_id)
                )
        first_page = self.client.files.list(limit=2)
        walked = list(itertools.islice(self.client.files.list(limit=2), 7))
        return f"first page has {len(first_page.data)} files (has_more={first_page.has_more}); auto-paginated {len(walked)}"

    def realtime(self) -> str:
        async def main() -> str:
            text = ""
            async with self.async_client.realtime.connect(
                model=REALTIME_MODEL
            ) as connection:
                await connection.session.update(
                    session={"type": "realtime", "output_modalities": ["text"]}
                )
                await connection.conversation.item.create(
                    item={
                        "type": "message",
                        "role": "user",
                        "content": [{"type": "input_text", "text": "Say hello!"}],
                    }
                )
                await connection.response.create()
                async for event in connection:
                    if event.type == "response.output_text.delta":
                        text += event.delta
                    elif event.type == "response.done":
                        break
            return repr(text)

        return asyncio.run(main())

    def webhook(self) -> str:
        body, headers, secret = self._signed_webhook()
        event = self.client.webhooks.unwrap(body, headers, secret=secret)
        try:
            self.client.webhooks.verify_signature(body + " ", headers, secret=secret)
            tampered = "accepted (unexpected!)"
        except openai.InvalidWebhookSignatureError:
            tampered = "rejected"
        return (
            f"verified {event.type} for {event.data.id}; a tampered body is {tampered}"
        )

    def _signed_webhook(self) -> tuple[str, dict[str, str], str]:
        if self.emulator is not None:
            # a background response finishes and the emulator signs a webhook for it
            queued = self.client.responses.create(
                model=MODEL, input="webhook me", background=True
            )
            self.emulator.advance(5)
            delivery = next(
                d
                for d in reversed(self.emulator.webhook_deliveries)
                if d["event"]["data"]["id"] == queued.id
            )
            return delivery["body"], delivery["headers"], self.emulator.webhook_secret
        # against the real API nothing calls us back here: sign a sample event the way the API does
        secret = (
            "whsec_" + base64.b64encode(b"demo-secret-demo-secret-demo-sec").decode()
        )
        body = json.dumps(
            {
                "id": "evt_demo",
                "object": "event",
                "created_at": int(time.time()),
                "type": "response.completed",
                "data": {"id": "resp_demo"},
            }
        )
        msg_id, ts = "msg_demo", str(int(time.time()))
        digest = hmac.new(
            base64.b64decode(secret[6:]),
            f"{msg_id}.{ts}.{body}".encode(),
            hashlib.sha256,
        ).digest()
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": ts,
            "webhook-signature": "v1," + base64.b64encode(digest).decode(),
        }
        return body, headers, secret


STEPS = [
    ("a response", Demo.response),
    ("a chat completion", Demo.chat),
    ("streaming", Demo.streaming),
    ("an async call", Demo.async_call),
    ("structured output parsing", Demo.structured_output),
    ("embeddings", Demo.embeddings),
    ("a file upload", Demo.file_upload),
    ("auto-pagination", Demo.pagination),
    ("a realtime text exchange", Demo.realtime),
    ("webhook verification", Demo.webhook),
]


def main() -> int:
    with ExitStack() as stack:
        emulator: Any | None = None
        if os.environ.get("OPENAI_API_KEY"):
            client, async_client = OpenAI(), AsyncOpenAI()
            print(f"OPENAI_API_KEY is set: running against {client.base_url}")
        else:
            from openai.testing import Emulator

            emulator = stack.enter_context(Emulator())
            client, async_client = emulator.client(), emulator.async_client()
            print(
                f"OPENAI_API_KEY is not set: running against the offline emulator at {emulator.base_url}"
            )
        demo = Demo(client, async_client, emulator)
        failures = 0
        for number, (title, step) in enumerate(STEPS, start=1):
            print(f"[{number:2d}/{len(STEPS)}] {title} ...", end=" ", flush=True)
            started = time.perf_counter()
            try:
                result = step(demo)
            except Exception as exc:  # noqa: BLE001 - the demo reports every step and goes on
                failures += 1
                print(f"FAILED: {type(exc).__name__}: {exc}")
                continue
            print(
                f"ok ({(time.perf_counter() - started) * 1000:.0f} ms)\n        {result}"
            )
        for undo in demo.cleanup:
            try:
                undo()
            except openai.APIError:
                pass
        client.close()
        print("all steps passed" if not failures else f"{failures} step(s) failed")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

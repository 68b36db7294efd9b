"""Runs the seed README's main examples against a live endpoint.

Configure the endpoint with OPENAI_BASE_URL and OPENAI_API_KEY (any OpenAI-compatible
server). Until the built-in emulator lands, nothing is started for you.

    OPENAI_BASE_URL=http://127.0.0.1:4010 OPENAI_API_KEY=sk-... python examples/demo.py
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

import openai
from openai import AsyncOpenAI, OpenAI

MODEL = os.environ.get("DEMO_MODEL", "gpt-5.5")


def _configured() -> bool:
    return bool(os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"))


def responses_create(client: OpenAI, **body: Any) -> Any:
    # the generated resources (client.responses) when present, the raw verb otherwise
    if hasattr(client, "responses"):
        return client.responses.create(**body)  # type: ignore[attr-defined]
    return client.post("/responses", cast_to=object, body=body)


def chat_create(client: OpenAI, **body: Any) -> Any:
    if hasattr(client, "chat"):
        return client.chat.completions.create(**body)  # type: ignore[attr-defined]
    return client.post("/chat/completions", cast_to=object, body=body)


def main() -> int:
    if not _configured():
        print(
            "Nothing to talk to: set OPENAI_BASE_URL (an OpenAI-compatible server, for example the spec mock\n"
            "server started by .ci/run on http://127.0.0.1:4010) and OPENAI_API_KEY, then run this again.",
            file=sys.stderr,
        )
        return 1
    client = OpenAI()
    print("== responses.create")
    response = responses_create(
        client,
        model=MODEL,
        instructions="You are a coding assistant that talks like a pirate.",
        input="How do I check if a Python object is an instance of a class?",
    )
    print(getattr(response, "output_text", response))

    print("== chat.completions.create")
    completion = chat_create(
        client,
        model=MODEL,
        messages=[
            {"role": "developer", "content": "Talk like a pirate."},
            {"role": "user", "content": "How do I check if a Python object is an instance of a class?"},
        ],
    )
    print(completion.choices[0].message.content if hasattr(completion, "choices") else completion)

    print("== errors")
    try:
        client.get("/no/such/endpoint", cast_to=object, options={"max_retries": 0})
    except openai.APIStatusError as err:
        print(f"{type(err).__name__}: status {err.status_code}")
    except openai.APIConnectionError as err:
        print(f"could not reach the server: {err.__cause__!r}")

    print("== async")

    async def run_async() -> None:
        async with AsyncOpenAI() as aclient:
            if hasattr(aclient, "responses"):
                result = await aclient.responses.create(model=MODEL, input="Explain disestablishmentarianism briefly.")  # type: ignore[attr-defined]
            else:
                result = await aclient.post("/responses", cast_to=object, body={"model": MODEL, "input": "Hi"})
            print(getattr(result, "output_text", result))

    asyncio.run(run_async())
    client.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except openai.APIConnectionError as err:
        print(
            f"Could not reach {os.environ.get('OPENAI_BASE_URL') or 'the API'}: {err.__cause__ or err}", file=sys.stderr
        )
        sys.exit(1)

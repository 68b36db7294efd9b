"""dspy: LM calls (through litellm to the OpenAI client), Predict with the chat adapter, streaming."""

from __future__ import annotations

import asyncio
import os
import tempfile
from typing import Any

# dspy creates its on-disk cache at import; keep it out of the home directory.
os.environ.setdefault("DSPY_CACHEDIR", tempfile.mkdtemp(prefix="compat-dspy-"))

import dspy
from conftest import FAKE_KEY
from fake_server import FakeOpenAI, text


def _lm(fake: FakeOpenAI, **kwargs: Any) -> dspy.LM:
    return dspy.LM(
        "openai/gpt-4o-mini",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        cache=False,
        **kwargs,
    )


def test_lm_call(fake: FakeOpenAI) -> None:
    fake.enqueue(text("DSPy says hello."))
    outputs = _lm(fake, temperature=0.0, max_tokens=100)("Say hello")

    assert outputs == ["DSPy says hello."]
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["messages"] == [{"role": "user", "content": "Say hello"}]
    assert request.json["max_tokens"] == 100


def test_predict_with_chat_adapter(fake: FakeOpenAI) -> None:
    fake.enqueue(text("[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]"))
    with dspy.context(lm=_lm(fake)):
        prediction = dspy.Predict("question -> answer")(question="Capital of France?")

    assert prediction.answer == "Paris"
    (request,) = fake.requests_to("/chat/completions")
    assert "Capital of France?" in request.json["messages"][-1]["content"]


def test_chain_of_thought(fake: FakeOpenAI) -> None:
    fake.enqueue(
        text(
            "[[ ## reasoning ## ]]\n2 plus 2 is 4.\n\n[[ ## answer ## ]]\n4\n\n[[ ## completed ## ]]"
        )
    )
    with dspy.context(lm=_lm(fake)):
        prediction = dspy.ChainOfThought("question -> answer: int")(question="2+2?")

    assert prediction.answer == 4
    assert prediction.reasoning == "2 plus 2 is 4."


def test_streamify(fake: FakeOpenAI) -> None:
    fake.enqueue(text("[[ ## answer ## ]]\nstreamed answer\n\n[[ ## completed ## ]]"))
    program = dspy.streamify(
        dspy.Predict("question -> answer"),
        stream_listeners=[dspy.streaming.StreamListener(signature_field_name="answer")],
    )

    async def run() -> list[Any]:
        with dspy.context(lm=_lm(fake)):
            return [item async for item in program(question="q")]

    items = asyncio.run(run())
    chunks = [i.chunk for i in items if isinstance(i, dspy.streaming.StreamResponse)]
    final = [i for i in items if isinstance(i, dspy.Prediction)]
    assert final and final[-1].answer == "streamed answer"
    assert "".join(chunks).strip() == "streamed answer"
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["stream"] is True

"""mem0: Memory with the OpenAI LLM and embedder, an in-memory Qdrant store; add, search, get_all."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text
from mem0 import Memory

DIMS = 64  # small vectors keep the local Qdrant work trivial


def _config(fake: FakeOpenAI, tmp: Path) -> dict[str, Any]:
    return {
        "llm": {
            "provider": "openai",
            "config": {
                "model": "gpt-4o-mini",
                "api_key": FAKE_KEY,
                "openai_base_url": fake.base_url,
                "temperature": 0.0,
            },
        },
        "embedder": {
            "provider": "openai",
            "config": {
                "model": "text-embedding-3-small",
                "api_key": FAKE_KEY,
                "openai_base_url": fake.base_url,
                "embedding_dims": DIMS,
            },
        },
        "vector_store": {
            "provider": "qdrant",
            "config": {
                "collection_name": "compat",
                "embedding_model_dims": DIMS,
                "path": str(tmp / "qdrant"),
                "on_disk": False,
            },
        },
        "history_db_path": str(tmp / "history.db"),
    }


def test_add_then_search(fake: FakeOpenAI) -> None:
    fake.enqueue(
        json_text(
            {"memory": [{"text": "Likes green tea"}, {"text": "Lives in Lisbon"}]}
        )
    )
    with tempfile.TemporaryDirectory(prefix="compat-mem0-") as tmp:
        memory = Memory.from_config(_config(fake, Path(tmp)))
        added = memory.add(
            [{"role": "user", "content": "I live in Lisbon and I love green tea."}],
            user_id="alice",
        )

        assert sorted(r["memory"] for r in added["results"]) == [
            "Likes green tea",
            "Lives in Lisbon",
        ]
        assert {r["event"] for r in added["results"]} == {"ADD"}

        stored = memory.get_all(filters={"user_id": "alice"})
        assert sorted(r["memory"] for r in stored["results"]) == [
            "Likes green tea",
            "Lives in Lisbon",
        ]

        found = memory.search("Likes green tea", filters={"user_id": "alice"})
        assert found["results"][0]["memory"] == "Likes green tea"

    (extraction,) = fake.requests_to("/chat/completions")
    assert extraction.json["model"] == "gpt-4o-mini"
    assert extraction.json["response_format"] == {"type": "json_object"}
    assert "green tea" in extraction.json["messages"][-1]["content"]
    embedding_requests = fake.requests_to("/embeddings")
    assert embedding_requests and all(
        r.json["model"] == "text-embedding-3-small" for r in embedding_requests
    )
    assert all(r.json.get("dimensions") == DIMS for r in embedding_requests)

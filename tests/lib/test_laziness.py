"""The helpers load nothing heavy until used (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return set(result.stdout.split())


HEAVY = {
    "pydantic",
    "numpy",
    "sounddevice",
    "httpx",
    "openai.lib._tools",
    "openai.lib._pydantic",
}


@pytest.mark.parametrize(
    "statement",
    [
        "import openai",
        "import openai.lib",
        "import openai.lib.streaming",
        "import openai.helpers",
    ],
)
def test_packages_import_nothing_heavy(statement: str) -> None:
    assert not (loaded_after(statement) & HEAVY)


def test_partial_json_parser_needs_no_pydantic() -> None:
    loaded = loaded_after("import openai.lib.streaming._partial_json")
    assert "openai.lib.streaming._partial_json" in loaded
    assert not (loaded & HEAVY)


def test_pydantic_function_tool_loads_on_first_access() -> None:
    loaded = loaded_after("import openai.lib\nopenai.lib.pydantic_function_tool")
    assert {"openai.lib._tools", "openai.lib._pydantic", "pydantic"} <= loaded
    assert "numpy" not in loaded


def test_resources_with_helpers_load_no_helper_code() -> None:
    # the helper mixins come with their resource modules: they must import nothing heavy
    loaded = loaded_after(
        "import openai\n"
        "c = openai.OpenAI(api_key='sk-x')\n"
        "for r in (c.chat.completions, c.responses, c.beta.threads, c.beta.threads.runs, c.vector_stores.files,\n"
        "          c.vector_stores.file_batches, c.videos, c.files, c.uploads):\n"
        "    r.with_raw_response, r.with_streaming_response"
    )
    assert "openai.lib._resources.chat_completions" in loaded
    assert not any(
        m == "pydantic"
        or m.startswith(
            ("openai.types.", "openai.lib._parsing", "openai.lib.streaming")
        )
        for m in loaded
    )
    assert not (loaded & HEAVY - {"httpx"})


def test_assistant_event_handler_loads_on_first_access() -> None:
    loaded = loaded_after("import openai\nopenai.AssistantEventHandler")
    assert "openai.lib.streaming._assistants" in loaded
    assert "openai.lib.streaming.chat" not in loaded

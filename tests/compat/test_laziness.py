"""The compatibility surface costs nothing until it is used: ``import openai`` and
the ordinary call path load none of it (each check in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import List

# modules that exist for libraries reaching past the public API
COMPAT_MODULES = [
    "openai.lib._old_api",
    "openai._legacy_response",
    "openai._models",
    "openai.lib._parsing",
    "openai.lib._pydantic",
    "openai.lib.streaming",
    "openai.lib.azure",
    "openai.pagination",
]


def _loaded_after(code: str) -> List[str]:
    script = (
        code
        + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('openai'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    loaded: List[str] = json.loads(out.splitlines()[-1])
    return loaded


def test_import_openai_loads_no_compat_module() -> None:
    assert _loaded_after("import openai") == ["openai", "openai._version"]


def test_a_client_and_its_resources_load_no_compat_module() -> None:
    loaded = _loaded_after(
        "import openai\nc = openai.OpenAI(api_key='sk-x')\nc.chat.completions\nc.responses\nc.embeddings"
    )
    assert "openai.resources.chat.completions.completions" in loaded
    assert [
        m for m in loaded if m in COMPAT_MODULES or m.startswith("openai.types")
    ] == []


def test_pre_1_0_names_load_their_module_on_first_use() -> None:
    loaded = _loaded_after("import openai\nopenai.ChatCompletion")
    assert "openai.lib._old_api" in loaded
    assert "openai._exceptions" in loaded
    assert "openai._client" not in loaded


def test_httpx_aliases_of_types_load_httpx_only_when_read() -> None:
    code = (
        "import sys, openai._types\n"
        "assert 'httpx' not in sys.modules\n"
        "timeout = openai._types.Timeout\n"
        "assert timeout is sys.modules['httpx'].Timeout"
    )
    assert "openai._types" in _loaded_after(code)  # the asserts ran in the subprocess


def test_a_params_module_loads_only_what_it_references() -> None:
    loaded = _loaded_after("import openai.types.responses.response_create_params")
    assert "openai.types.responses.response_includable" in loaded
    assert "openai.types.responses.tool_choice_options" in loaded
    assert "openai.types.chat.chat_completion" not in loaded
    assert "openai._client" not in loaded

"""`import openai` must stay cheap: no httpx, pydantic or openai.types until used."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> dict:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    return {name: True for name in modules}


def test_import_openai_is_lazy() -> None:
    loaded = _modules_after("import openai")
    assert "openai" in loaded
    assert "httpx" not in loaded
    assert "pydantic" not in loaded
    assert "pydantic_core" not in loaded
    assert not [m for m in loaded if m.startswith("openai.types")]
    assert "typing_extensions" not in loaded
    assert "anyio" not in loaded


def test_client_construction_loads_httpx_not_pydantic() -> None:
    loaded = _modules_after("import openai\nopenai.OpenAI(api_key='sk-test-123456')")
    assert "httpx" in loaded
    assert "pydantic" not in loaded
    assert not [m for m in loaded if m.startswith("openai.types")]


def test_exported_names_resolve() -> None:
    code = (
        "import openai\n"
        "names = ['OpenAI', 'AsyncOpenAI', 'Stream', 'AsyncStream', 'APIResponse', 'AsyncAPIResponse', 'BaseModel',\n"
        " 'NOT_GIVEN', 'not_given', 'omit', 'Omit', 'NotGiven', 'DEFAULT_TIMEOUT', 'DEFAULT_MAX_RETRIES',\n"
        " 'DEFAULT_CONNECTION_LIMITS', 'DefaultHttpxClient', 'DefaultAsyncHttpxClient', 'HttpxBinaryResponseContent',\n"
        " 'file_from_path', 'VERSION', 'APIError', 'RateLimitError', 'RequestOptions', 'Timeout', 'Transport',\n"
        " 'ProxiesTypes', 'NoneType', 'WebSocketQueueFullError', 'WebSocketConnectionClosedError']\n"
        "print(json.dumps({n: type(getattr(openai, n)).__name__ for n in names}))\n"
        "print(openai.DEFAULT_MAX_RETRIES, openai.VERSION == openai.__version__, openai.timeout)\n"
    )
    result = subprocess.run([sys.executable, "-c", "import json\n" + code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    kinds = json.loads(lines[0])
    assert kinds["OpenAI"] == "type" and kinds["NOT_GIVEN"] == "NotGiven" and kinds["file_from_path"] == "function"
    assert lines[1].startswith("2 True Timeout(")


def test_version_and_module_settings() -> None:
    import openai
    import openai.version

    assert openai.__version__ == openai.version.VERSION == "2.38.0"
    assert openai.api_key is None or isinstance(openai.api_key, str)
    assert openai.max_retries == 2
    try:
        openai.no_such_name  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as err:
        assert "no_such_name" in str(err)
    else:
        raise AssertionError("expected AttributeError")


def test_missing_aiohttp_extra_gives_clear_error() -> None:
    code = (
        "import sys\nsys.modules['httpx_aiohttp'] = None\n"
        "import openai\n"
        "try:\n    openai.DefaultAioHttpClient()\nexcept RuntimeError as e:\n    print('ERR', e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "ERR" in result.stdout and "openai[aiohttp]" in result.stdout, result.stderr

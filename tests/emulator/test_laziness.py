"""Import costs, checked in fresh interpreters: the emulator is never loaded by
`import openai`, the pytest plugin module loads nothing heavy, and the server
stack itself imports no client code (httpx) and no pydantic."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("httpx", "pydantic", "starlette", "uvicorn", "websockets", "openai.testing")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_openai_does_not_load_the_emulator() -> None:
    loaded = _modules_after("import openai")
    assert not any(
        m == "openai.testing" or m.startswith("openai.testing.") for m in loaded
    )
    assert "starlette" not in loaded and "uvicorn" not in loaded


def test_pytest_plugin_is_import_light() -> None:
    loaded = _modules_after("import pytest\nimport openai.testing.pytest_plugin")
    assert (
        not {
            "httpx",
            "pydantic",
            "starlette",
            "uvicorn",
            "websockets",
            "openai.testing._server",
        }
        & loaded
    )


def test_openai_testing_package_is_lazy() -> None:
    loaded = _modules_after("import openai.testing")
    assert not {"starlette", "uvicorn", "httpx", "pydantic"} & loaded


def test_server_imports_no_client_code() -> None:
    loaded = _modules_after(
        "from openai.testing._app import build_app\nfrom openai.testing._state import Config\nbuild_app(Config())"
    )
    assert "starlette" in loaded
    assert (
        not {
            "httpx",
            "pydantic",
            "pydantic_core",
            "openai._client",
            "openai._base_client",
        }
        & loaded
    )


def test_console_script_module_is_tiny() -> None:
    loaded = _modules_after("import openai.testing._cli")
    assert not {
        "starlette",
        "uvicorn",
        "asyncio",
    } & loaded or "asyncio" in _modules_after("pass")
    assert "starlette" not in loaded and "uvicorn" not in loaded

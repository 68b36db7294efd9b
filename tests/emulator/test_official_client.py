"""Runs the end-to-end flows (tests/emulator/flows) with the OFFICIAL openai package.

The official package cannot share a venv with ours (both are `openai`), so it lives
in its own venv: `OPENAI_OFFICIAL_PYTHON`, else `<repo>/.venv-official/bin/python`
(create it with `python -m venv .venv-official && .venv-official/bin/pip install -r
tests/emulator/official-requirements.txt`; .ci/run does). Skipped when that venv is absent.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FLOWS = Path(__file__).resolve().parent / "flows"


def _official_python() -> str:
    python = os.environ.get("OPENAI_OFFICIAL_PYTHON") or str(
        REPO / ".venv-official" / "bin" / "python"
    )
    if not Path(python).exists():
        pytest.skip(f"no venv with the official openai package at {python}")
    probe = subprocess.run(
        [
            python,
            "-c",
            "import importlib.util, openai; assert importlib.util.find_spec('openai.testing') is None; print(openai.__version__)",
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=str(FLOWS),
    )
    if probe.returncode != 0:
        pytest.skip(
            f"{python} has no official openai package: {probe.stderr.strip()[-200:]}"
        )
    return python


def test_flows_pass_with_the_official_client() -> None:
    python = _official_python()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "OPENAI_API_KEY", "OPENAI_BASE_URL"))
    }
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "."],
        check=False,
        capture_output=True,
        text=True,
        cwd=str(FLOWS),
        env=env,
        timeout=1200,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    passed = re.search(r"(\d+) passed", summary)
    assert passed is not None and int(passed.group(1)) >= 60, summary
    assert "failed" not in summary

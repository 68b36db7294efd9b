"""The README's first command: `python examples/demo.py` without OPENAI_API_KEY runs
every step against the in-process emulator and exits 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STEPS = [
    "a response",
    "a chat completion",
    "streaming",
    "an async call",
    "structured output parsing",
    "embeddings",
    "a file upload",
    "auto-pagination",
    "a realtime text exchange",
    "webhook verification",
]


def test_demo_runs_offline_without_a_key() -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PYTEST_"))
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "demo.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr[-3000:]
    assert re.search(
        r"running against the offline emulator at http://127\.0\.0\.1:\d+/v1", out
    )
    # one progress line per step, each followed by its result
    for number, title in enumerate(STEPS, start=1):
        assert re.search(
            rf"^\[\s*{number}/{len(STEPS)}\] {re.escape(title)} \.\.\. ok \(\d+ ms\)$",
            out,
            re.MULTILINE,
        ), title
    assert (
        "'You said: How do I check if a Python object is an instance of a class?'"
        in out
    )
    assert (
        "deltas: 'You said: Write a one-sentence bedtime story about a unicorn.'" in out
    )
    assert "CalendarEvent: CalendarEvent(" in out
    assert "2 vectors of 1536 floats" in out
    assert "'You said: Say hello!'" in out
    assert "verified response.completed for resp_" in out
    assert "a tampered body is rejected" in out
    assert out.rstrip().endswith("all steps passed")

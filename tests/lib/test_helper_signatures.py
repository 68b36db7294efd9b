"""Every helper method has the official signature, and forwards every parameter of the
generated method it wraps.

The first check compares with the official 2.38 package by introspection (the
generator's resource checker, restricted to the helper rows of endpoints.tsv); it is
skipped where the official client's environment is not installed. The second needs
nothing but this package: a helper built on ``create`` takes ``create``'s parameters,
so a spec change that adds one to ``create`` fails here until the helper has it too.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Dict, List, Set

import pytest

import openai

ROOT = Path(__file__).resolve().parents[2]
PEER_PYTHON = Path(
    os.environ.get(
        "OPENAI_PEER_PYTHON", str(Path.home() / ".cache/openai-bench/peer/bin/python")
    )
)


def _resolve(client: Any, path: str) -> Any:
    obj = client
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def helper_paths() -> List[str]:
    from codegen.check_resources import _helpers  # pyright: ignore[reportPrivateUsage]

    return sorted(_helpers())


@pytest.mark.skipif(
    not PEER_PYTHON.exists(),
    reason="the official client's environment is not installed here",
)
def test_helper_signatures_match_the_official_ones(tmp_path: Path) -> None:
    from codegen import check_resources

    out = tmp_path / "official.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [str(PEER_PYTHON), str(ROOT / "codegen" / "check_resources.py"), str(out)],
        check=True,
        env=env,
        cwd=str(tmp_path),
        timeout=300,
    )
    official = json.loads(out.read_text())
    ours = json.loads(json.dumps(check_resources.dump()))
    compared = 0
    for flavour in ("sync", "async"):
        for helper in helper_paths():
            path, name = helper.rsplit(".", 1)
            o_sig = official[flavour]["tree"][path]["methods"][name]
            u_sig = ours[flavour]["tree"][path]["methods"].get(name)
            assert u_sig is not None, f"{flavour} {helper}: missing"
            score = check_resources.Score()
            check_resources._compare_signature(
                score, f"{flavour} {helper}()", o_sig, u_sig
            )  # pyright: ignore[reportPrivateUsage]
            assert score.mismatches == [], score.mismatches
            # the only parameters beyond 2.38's: newer spec fields, and the upload progress callback
            for extra in score.extras:
                assert (
                    "on_progress" in extra
                    or "moderation" in extra
                    or "reasoning_effort" in extra
                ), extra
            compared += 1
    assert compared == 2 * len(helper_paths()) >= 2 * 27


# what each helper adds to, or leaves out of, the generated method it wraps
WRAPS: Dict[str, Any] = {
    "chat.completions.parse": ("chat.completions.create", set(), {"stream"}),
    "chat.completions.stream": ("chat.completions.create", set(), {"stream"}),
    "responses.parse": ("responses.create", {"text_format", "verbosity"}, set()),
    "responses.stream": (
        "responses.create",
        {"response_id", "text_format", "starting_after"},
        {"stream"},
    ),
    "beta.threads.runs.create_and_poll": (
        "beta.threads.runs.create",
        {"poll_interval_ms"},
        {"stream"},
    ),
    "beta.threads.runs.stream": (
        "beta.threads.runs.create",
        {"event_handler"},
        {"stream"},
    ),
    "beta.threads.runs.create_and_stream": (
        "beta.threads.runs.create",
        {"event_handler"},
        {"stream", "include"},
    ),
    "beta.threads.runs.submit_tool_outputs_and_poll": (
        "beta.threads.runs.submit_tool_outputs",
        {"poll_interval_ms"},
        {"stream"},
    ),
    "beta.threads.runs.submit_tool_outputs_stream": (
        "beta.threads.runs.submit_tool_outputs",
        {"event_handler"},
        {"stream"},
    ),
    "beta.threads.create_and_run_poll": (
        "beta.threads.create_and_run",
        {"poll_interval_ms"},
        {"stream"},
    ),
    "beta.threads.create_and_run_stream": (
        "beta.threads.create_and_run",
        {"event_handler"},
        {"stream"},
    ),
    "videos.create_and_poll": ("videos.create", {"poll_interval_ms"}, set()),
    "vector_stores.files.create_and_poll": (
        "vector_stores.files.create",
        {"poll_interval_ms"},
        set(),
    ),
    "vector_stores.file_batches.create_and_poll": (
        "vector_stores.file_batches.create",
        {"poll_interval_ms"},
        set(),
    ),
}


def _names(func: Callable[..., Any]) -> Set[str]:
    return set(inspect.signature(func).parameters) - {"self"}


@pytest.mark.parametrize("helper", sorted(WRAPS))
def test_helpers_take_every_parameter_of_the_wrapped_method(helper: str) -> None:
    wrapped, added, left_out = WRAPS[helper]
    for client in (openai.OpenAI(api_key="sk-x"), openai.AsyncOpenAI(api_key="sk-x")):
        mine = _names(_resolve(client, helper))
        theirs = _names(_resolve(client, wrapped))
        assert mine == (theirs - left_out) | added, helper


def test_every_helper_row_exists_sync_and_async() -> None:
    for client in (openai.OpenAI(api_key="sk-x"), openai.AsyncOpenAI(api_key="sk-x")):
        for helper in helper_paths():
            assert callable(_resolve(client, helper)), helper
    sync, async_ = openai.OpenAI(api_key="sk-x"), openai.AsyncOpenAI(api_key="sk-x")
    for helper in helper_paths():
        if helper.endswith(("connect", "unwrap", "verify_signature")):
            continue
        assert list(inspect.signature(_resolve(sync, helper)).parameters) == list(
            inspect.signature(_resolve(async_, helper)).parameters
        ), helper

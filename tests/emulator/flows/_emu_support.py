"""Support for the flows: the server subprocess (official-client mode), the control
API loaded from its file, and `validate`. A plain module (not conftest) so that test
modules import it by a name no other test directory uses."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
SRC = REPO / "src"


def _load_controls() -> Any:
    spec = importlib.util.spec_from_file_location(
        "emulator_controls", SRC / "openai" / "testing" / "_controls.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


controls = _load_controls()
OURS = importlib.util.find_spec("openai.testing") is not None


class ServerProcess:
    def __init__(self, *args: str) -> None:
        # the server's log goes to a file: an unread pipe would fill up and stall it
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in stop()
        python = os.environ.get("OPENAI_EMULATOR_SERVER_PYTHON") or sys.executable
        env = dict(os.environ)
        if "OPENAI_EMULATOR_SERVER_PYTHON" not in os.environ:
            env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
        self.proc = subprocess.Popen(
            [python, "-m", "openai.testing", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            self.proc.kill()
            self.log.seek(0)
            raise RuntimeError(
                f"emulator did not start: {line!r} {self.log.read()[-4000:]}"
            )
        self.base_url = line.rsplit(" ", 1)[-1].strip()
        self.remote = controls.RemoteEmulator(self.base_url)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()


def validate(model: Any, data: Any) -> Any:
    """Validate raw JSON against a client type (required fields, types, literals)."""
    return model.model_validate(data)

"""The committed generated files are exactly what the generator produces."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ._support import HEADER, REPO, TYPES_DIR


def _generated_files(root: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*.py")):
        data = path.read_bytes()
        if data.startswith(HEADER.encode()):
            out[str(path.relative_to(root))] = data
    return out


def test_regeneration_reproduces_committed_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "codegen", "--out", str(tmp_path)],
        check=True,
        cwd=str(REPO),
        capture_output=True,
    )
    fresh = _generated_files(tmp_path / "src" / "openai" / "types")
    committed = _generated_files(TYPES_DIR)
    assert sorted(fresh) == sorted(committed)
    changed = [rel for rel in fresh if fresh[rel] != committed[rel]]
    assert changed == []
    assert len(fresh) > 1000

"""Writing generated files: formatted, deterministic, only when changed.

Generated files start with ``HEADER``. After a run, any file under the output
trees that carries the header but was not produced this time is stale and is
removed; files without the header (handwritten modules) are never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .paths import HEADER, ROOT


class FormatError(Exception):
    pass


def _ruff() -> list[str]:
    exe = Path(sys.executable).parent / "ruff"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("ruff")
    if found:
        return [found]
    return [sys.executable, "-m", "ruff"]


def format_sources(files: dict[str, str]) -> dict[str, str]:
    """Sort imports and ``__all__``, then format, with one ruff call each over
    all files (in a scratch directory, with the repository's ruff settings)."""
    with tempfile.TemporaryDirectory(prefix="codegen-") as tmp:
        base = Path(tmp)
        for rel, text in files.items():
            p = base / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        config = ["--config", str(ROOT / "pyproject.toml")]
        steps = [
            [
                "check",
                "--fix",
                "--quiet",
                "--select",
                "I001,RUF022,F401",
                "--exit-zero",
                *config,
                str(base),
            ],
            ["format", "--quiet", *config, str(base)],
        ]
        for step in steps:
            proc = subprocess.run(_ruff() + step, check=False, capture_output=True, text=True)
            if proc.returncode != 0:
                raise FormatError(f"ruff {step[0]} failed:\n{proc.stderr or proc.stdout}")
        return {rel: (base / rel).read_text() for rel in files}


def _names() -> list[str]:
    return []


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=_names)
    unchanged: int = 0
    removed: list[str] = field(default_factory=_names)


def write_tree(out_root: Path, files: dict[str, str], managed_dirs: list[str]) -> WriteReport:
    """Write ``files`` (paths relative to ``out_root``); remove stale generated files
    below ``managed_dirs``."""
    report = WriteReport()
    for rel, text in sorted(files.items()):
        path = out_root / rel
        if path.exists():
            current = path.read_text()
            if current == text:
                report.unchanged += 1
                continue
            if not current.startswith(HEADER):
                raise FileExistsError(f"{path} exists and is not generated; refusing to overwrite it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        report.written.append(rel)
    for rel in stale_files(out_root, files, managed_dirs):
        (out_root / rel).unlink()
        report.removed.append(rel)
    for d in managed_dirs:
        _remove_empty_dirs(out_root / d)
    return report


def stale_files(out_root: Path, files: dict[str, str], managed_dirs: list[str]) -> list[str]:
    """Generated files below ``managed_dirs`` that ``files`` no longer produces."""
    produced = set(files)
    out: list[str] = []
    for d in managed_dirs:
        base = out_root / d
        if not base.exists():
            continue
        for path in sorted(base.rglob("*.py")):
            rel = str(path.relative_to(out_root))
            if rel in produced:
                continue
            with path.open() as f:
                if f.readline() == HEADER:
                    out.append(rel)
    return out


def _remove_empty_dirs(base: Path) -> None:
    if not base.exists():
        return
    for path in sorted(
        (p for p in base.rglob("*") if p.is_dir()),
        key=lambda p: len(p.parts),
        reverse=True,
    ):
        if path.name == "__pycache__":
            continue
        entries = [p for p in path.iterdir() if p.name != "__pycache__"]
        if not entries:
            shutil.rmtree(path)

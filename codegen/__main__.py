"""``python -m codegen``: regenerate ``src/openai/types/**`` and ``src/openai/resources/**``.

python -m codegen                 # write into this repository
python -m codegen --out DIR       # write the tree below DIR instead (DIR/src/openai/...)
python -m codegen --check         # exit 1 if any file would change
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config as config_mod
from .build import build_files
from .paths import ROOT, SPEC_PATH
from .spec import Spec
from .writer import stale_files, write_tree

MANAGED = ["src/openai/types", "src/openai/resources", "tests/api_resources"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m codegen")
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT,
        help="root to write into (default: the repository)",
    )
    ap.add_argument("--spec", type=Path, default=SPEC_PATH)
    ap.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if the tree is out of date",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="print the generator's warnings")
    args = ap.parse_args(argv)

    spec = Spec.load(args.spec)
    cfg = config_mod.load()
    files, warnings = build_files(spec, cfg)
    if args.verbose:
        for w in warnings:
            print("warning:", w, file=sys.stderr)
    elif warnings:
        print(f"{len(warnings)} warnings (-v shows them)", file=sys.stderr)

    if args.check:
        diff = _diff(args.out, files)
        if diff:
            print("out of date:", *diff[:20], sep="\n  ", file=sys.stderr)
            return 1
        return 0

    report = write_tree(args.out, files, MANAGED)
    print(f"{len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed")
    return 0


def _diff(root: Path, files: dict[str, str]) -> list[str]:
    out: list[str] = []
    for rel, text in sorted(files.items()):
        p = root / rel
        if not p.exists() or p.read_text() != text:
            out.append(rel)
    out.extend(stale_files(root, files, MANAGED))
    return out


if __name__ == "__main__":
    sys.exit(main())

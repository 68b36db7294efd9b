"""One-off bootstrap of the ``resources:`` sections of ``codegen/config/*.yaml``.

Kept for provenance: the first version of the resource config came from
endpoints.tsv (every method: operation, return type, page class, streaming
kind), exports.tsv (where each chunk type lives) and facts introspected from
the official package (class names, which nested resources its views offer;
``python -m codegen.check_official --resources`` writes that dump). The
sections have been edited by hand since; this refuses to run over a config
that already has them unless ``--force``.

    python -m codegen.tools.derive_resources [--force]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from typing import Any

from ..paths import CONFIG_DIR, REFERENCE, ROOT

DUMP = ROOT / ".cache" / "check_official" / "resources-official.json"
TYPES = "openai.types."


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _type_ref(module: str, name: str) -> str:
    return f"{module.removeprefix(TYPES) if module != 'openai.types' else ''}:{name}"


def _defining_modules() -> dict[str, str]:
    """exported type name -> full module defining it (first seen)."""
    out: dict[str, str] = {}
    for r in _rows("exports.tsv"):
        if not r["module"].startswith("openai.types"):
            continue
        defined = r["defined_in"]
        if defined.startswith("."):
            out.setdefault(r["name"], r["module"] + defined)
    return out


def _area(path: str) -> str:
    parts = path.split(".")
    if parts[0] == "beta" and len(parts) > 1 and (CONFIG_DIR / f"beta_{parts[1]}.yaml").exists():
        return f"beta_{parts[1]}"
    return parts[0]


def _returns(row: dict[str, str]) -> str:
    ret = row["return_type"]
    if ret == "HttpxBinaryResponseContent":
        return "binary"
    if ret == "str":
        return "str"
    if ret == "None":
        return "none"
    if row["page_class"]:
        return _type_ref(row["return_module"], row["page_item"])
    return _type_ref(row["return_module"], ret)


def derive() -> dict[str, dict[str, Any]]:
    official = json.loads(DUMP.read_text())["sync"]
    tree: dict[str, Any] = official["tree"]
    modules = _defining_modules()
    resources: dict[str, dict[str, Any]] = {}

    def resource(path: str) -> dict[str, Any]:
        if path not in resources:
            if "." in path:
                resource(path.rsplit(".", 1)[0])
            entry: dict[str, Any] = {}
            facts = tree.get(path)
            if facts:
                entry["class"] = facts["class"].rsplit(":", 1)[1]
            resources[path] = entry
        return resources[path]

    for row in _rows("endpoints.tsv"):
        if row["kind"] != "http":
            continue
        path, _, name = row["sdk_path"].rpartition(".")
        method: dict[str, Any] = {"operation": row["spec_operation_id"], "returns": _returns(row)}
        if row["page_class"]:
            method["page"] = row["page_class"].removeprefix("Sync")
        if row["streams"] == "sse":
            m = re.search(r"sdk:Stream\[(\w+)\]", row["stream_evidence"])
            if m:
                method["stream"] = _type_ref(modules[m.group(1)], m.group(1))
        resource(path).setdefault("methods", {})[name] = method
    for path in tree:
        resource(path)
    # what the official views leave out
    for path, facts in tree.items():
        view = facts.get("with_raw_response")
        if view is None:
            resources[path]["views"] = False
            continue
        for child in facts["children"]:
            if child not in view["attrs"]:
                resources[f"{path}.{child}"]["in_parent_views"] = False
    for child in official["root"]["children"]:
        if child not in official["root"]["with_raw_response"]["attrs"]:
            resources[child]["in_parent_views"] = False
    return resources


def _yaml_value(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", text):
        return text
    return "'" + text.replace("'", "''") + "'"


def render(resources: dict[str, dict[str, Any]]) -> dict[str, str]:
    by_area: dict[str, list[str]] = {}
    for path, entry in resources.items():
        lines = by_area.setdefault(_area(path), ["", "resources:"])
        lines.append(f"  {path}:")
        for key, value in entry.items():
            if key == "methods":
                lines.append("    methods:")
                for name, method in value.items():
                    lines.append(f"      {name}: {_yaml_value(method)}")
            else:
                lines.append(f"    {key}: {_yaml_value(value)}")
    return {area: "\n".join(lines) + "\n" for area, lines in by_area.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m codegen.tools.derive_resources")
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    sections = render(derive())
    for area, text in sorted(sections.items()):
        path = CONFIG_DIR / f"{area}.yaml"
        current = path.read_text() if path.exists() else f"# Area: {area}. Module paths are relative to openai.types.\n"
        if "\nresources:" in current:
            if not args.force:
                print(f"{path.name} already has resources; --force to replace", file=sys.stderr)
                return 1
            current = current[: current.index("\nresources:")]
        path.write_text(current.rstrip("\n") + "\n" + text)
        print(f"{path.name}: {text.count(chr(10) + '  ')} resources")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One-off bootstrap of ``codegen/config/*.yaml`` from the reference tables.

Kept for provenance: it shows where the first version of the config came from
(exports.tsv for names and modules, type_name_map.tsv for the schema behind
each name, endpoints.tsv for the params modules, api.md for the areas). The
config has been edited by hand since; do not rerun it over the edited files
(it refuses to overwrite unless ``--force``).

    python -m codegen.tools.derive_config [--force]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict

from ..paths import CONFIG_DIR, REFERENCE

TYPES = "openai.types"

# modules of the official package that are written by hand there (generic
# "parsed" models, websocket options); their names are exported lazily
HANDWRITTEN_MODULES = {
    "openai.types.chat.parsed_chat_completion",
    "openai.types.chat.parsed_function_tool_call",
    "openai.types.responses.parsed_response",
    "openai.types.websocket_reconnection",
    "openai.types.websocket_connection_options",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _api_md_sections(where: dict[tuple[str, str], str]) -> dict[str, str]:
    """module path -> area name, from the H1 sections of api.md.

    ``where`` maps (package, exported name) to the defining module."""
    text = (REFERENCE / "api.md").read_text()
    for sub in ("conversations", "realtime", "responses", "webhooks"):
        text += "\n" + (REFERENCE / "api" / sub / "api.md").read_text()
    area = "shared"
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"^# \[?([A-Za-z ]+)\]?", line)
        if m:
            area = "_".join(re.findall(r"[A-Z][a-z]*", m.group(1))).lower() or m.group(1).lower()
            continue
        for path in re.findall(r"src/openai/(types/[a-z_/0-9]+)\.py", line):
            out.setdefault("openai." + path.replace("/", "."), area)
    # the type lists: ``from openai.types.x import (A, B)`` blocks
    area = "shared"
    for block in re.split(r"(?m)^(?=# )", text):
        m = re.match(r"^# \[?([A-Za-z ]+)\]?", block)
        if m:
            area = "_".join(re.findall(r"[A-Z][a-z]*", m.group(1))).lower()
        for pkg, names in re.findall(r"from (openai\.types[\w.]*) import \(?([^)`]*)\)?", block):
            for name in re.findall(r"\w+", names):
                module = where.get((pkg, name))
                if module:
                    out.setdefault(module, area)
                    out.setdefault(module + "_param", area)
    return out


def area_of(module: str, sections: dict[str, str], ep_area: dict[str, str]) -> str:
    rel = module[len(TYPES) + 1 :].split(".")
    if len(rel) > 1:
        top = rel[0]
        if top in ("shared", "shared_params"):
            return "shared"
        if top == "beta":
            if rel[1] in ("realtime", "chatkit"):
                return "beta_" + rel[1]
            return "beta"
        return top
    if module in ep_area:
        return ep_area[module]
    if module in sections:
        return sections[module]
    if module.endswith("_param"):
        twin = module[: -len("_param")]
        if twin in sections:
            return sections[twin]
    return "misc"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--force", action="store_true")
    args = ap.parse_args(argv)
    if any(CONFIG_DIR.glob("*.yaml")) and not args.force:
        print("config exists; pass --force to overwrite", file=sys.stderr)
        return 1

    exports = [r for r in _rows("exports.tsv") if r["module"].startswith(TYPES) and r["defined_in"].startswith(".")]
    packages = {r["module"] for r in exports}
    tnm = _rows("type_name_map.tsv")
    endpoints = _rows("endpoints.tsv")
    where = {(r["module"], r["name"]): r["module"] + r["defined_in"] for r in exports}
    sections = _api_md_sections(where)

    schema_of: dict[tuple[str, str], str] = {}
    confidence: dict[tuple[str, str], str] = {}
    for r in tnm:
        for name in {r["name"], r["sdk_defined_as"]}:
            key = (r["module"], name)
            if r["best_spec_match"]:
                schema_of[key] = r["best_spec_match"]
                confidence[key] = r["confidence"]

    ep_area: dict[str, str] = {}
    params: dict[str, str] = {}
    for r in endpoints:
        if r["params_module"] and r["kind"] == "http":
            params[r["params_module"]] = r["spec_operation_id"]
            ep_area.setdefault(r["params_module"], r["sdk_path"].split(".")[0])

    # module -> [(name, package)]
    modules: dict[str, list[tuple[str, str]]] = defaultdict(list)
    reexports: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in exports:
        target = r["module"] + r["defined_in"]
        if target in packages:
            reexports[r["module"]].append((r["name"], target))
        else:
            modules[target].append((r["name"], r["module"]))

    areas: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    seen_params: set[str] = set()
    for module in sorted(modules):
        area = area_of(module, sections, ep_area)
        rel = module[len(TYPES) + 1 :]
        out = areas[area]
        if module in HANDWRITTEN_MODULES:
            listed = ", ".join(sorted({n for n, _ in modules[module]}))
            out["handwritten"].append(f"  {rel}: [{listed}]")
            continue
        if module in params:
            seen_params.add(module)
            names = sorted({n for n, _ in modules[module]})
            base = names[0]
            out["params"].append(f"  {rel}:\n    {base}: {{operation: {params[module]}}}")
            continue
        lines = [f"  {rel}:"]
        for name, pkg in sorted(set(modules[module])):
            key = (pkg, name)
            schema = schema_of.get(key)
            if schema is None and pkg in (TYPES + ".shared", TYPES + ".shared_params"):
                # api.md lists the shared types under openai.types
                key = (TYPES, name)
                schema = schema_of.get(key)
            if schema is None and name.endswith("Param"):
                schema = schema_of.get((pkg, name[: -len("Param")]))
            conf = confidence.get(key, "")
            note = "" if conf in ("high", "") else f"  # table: {conf}, check"
            if schema is None:
                lines.append(f"    {name}: null  # TODO schema")
            else:
                lines.append(f"    {name}: {_q(schema)}{note}")
        out["types"].append("\n".join(lines))
    for module, op in sorted(params.items()):
        if module in seen_params:
            continue
        area = area_of(module, sections, ep_area)
        rel = module[len(TYPES) + 1 :]
        base = "".join(w.capitalize() for w in rel.split(".")[-1].split("_"))
        areas[area]["params"].append(f"  {rel}:\n    {base}: {{operation: {op}}}")
    for pkg, items in sorted(reexports.items()):
        area = area_of(pkg + ".x", sections, ep_area) if pkg != TYPES else "shared"
        rel = pkg[len(TYPES) + 1 :] if pkg != TYPES else ""
        for name, target in sorted(items):
            areas[area]["reexports"].append(
                f"  - {{package: '{rel}', name: {name}, from: '{target[len(TYPES) + 1 :]}'}}"
            )

    CONFIG_DIR.mkdir(parents=True, exist_ok=True)
    for area, sections_out in sorted(areas.items()):
        chunks = [f"# Area: {area}. Module paths are relative to openai.types.\n"]
        for section in ("types", "params", "handwritten", "reexports"):
            if sections_out.get(section):
                chunks.append(f"{section}:\n" + "\n".join(sections_out[section]) + "\n")
        (CONFIG_DIR / f"{area}.yaml").write_text("\n".join(chunks))
    return 0


def _q(s: str) -> str:
    return f"'{s}'" if re.search(r"[:#{}\[\],&*?|<>=!%@`]", s) or s[:1] in "'\"-" else s


if __name__ == "__main__":
    sys.exit(main())

# pyright: strict
"""Merge the per-library scans into ../inventory.json and the tables of ../INVENTORY.md.

    python build.py RAW_DIR OUT_JSON

Run it with a Python that has the official ``openai`` installed (any library
venv): attribute chains such as ``openai.types.chat.ChatCompletion`` are split
into module and name by asking which prefix is an importable module, and every
(module, name) pair is checked against the installed package.

INVENTORY.md keeps everything above the ``GENERATED`` marker (the handwritten
summary) and gets the tables below it rewritten.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MARKER = "<!-- GENERATED: everything below is written by inventory/build.py -->"

# What issue 8 already names (private modules and their names), to flag the rest.
ISSUE_8_PRIVATE: dict[str, set[str]] = {
    "openai._types": {
        "Body",
        "Query",
        "Headers",
        "RequestOptions",
        "NotGiven",
        "NOT_GIVEN",
        "Omit",
        "omit",
        "FileTypes",
        "SequenceNotStr",
    },
    "openai._models": {"BaseModel", "construct_type", "construct_type_unchecked"},
    "openai._streaming": {"Stream", "AsyncStream", "SSEDecoder", "ServerSentEvent"},
    "openai._legacy_response": {"LegacyAPIResponse", "HttpxBinaryResponseContent"},
    "openai._base_client": {"make_request_options"},
    "openai._constants": {"RAW_RESPONSE_HEADER"},
    "openai._utils": {"PropertyInfo"},
    "openai._utils._transform": {"PropertyInfo"},
    "openai.lib._pydantic": {"to_strict_json_schema"},
    "openai.lib._parsing._completions": {
        "is_basemodel_type",
        "type_to_response_format_param",
        "parse_chat_completion",
    },
    "openai.lib._parsing._responses": {"type_to_text_format_param", "parse_response"},
    "openai.lib.streaming.chat": {"ChatCompletionStream"},
    "openai.lib.streaming._assistants": {"*"},  # "the assistant event handler classes"
    "openai.lib.azure": {"AzureADTokenProvider", "AsyncAzureADTokenProvider"},
    "openai.resources.chat.completions.completions": {"_type_to_response_format"},
}
# Scanner hits checked by hand and found to be the library's own objects.
NOT_OPENAI = {
    ("_state", "streamed_result")
}  # agents' RunResultStreaming, not an openai stream
ISSUE_8_ATTRS = {
    "_base_url",
    "_custom_query",
    "_azure_ad_token",
    "_get_azure_ad_token",
    "_client",
    "_iterator",
    "response",
}


def is_module(path: str) -> bool:
    try:
        return importlib.util.find_spec(path) is not None
    except (ImportError, ValueError):
        return False


_module_cache: dict[str, bool] = {}


def split_chain(chain: str) -> tuple[str, str | None]:
    """``openai.types.chat.ChatCompletion.x`` -> (``openai.types.chat``, ``ChatCompletion``)."""
    parts = chain.split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix not in _module_cache:
            _module_cache[prefix] = is_module(prefix)
        if _module_cache[prefix]:
            return prefix, parts[cut] if cut < len(parts) else None
    return "openai", parts[1] if len(parts) > 1 else None


def exists_in_official(module: str, name: str | None) -> bool:
    try:
        mod = importlib.import_module(module)
    except Exception:  # noqa: BLE001 - a module that fails to import does not "exist" for this check
        return False
    if name is None or name == "*":
        return True
    if hasattr(mod, name):
        return True
    return is_module(f"{module}.{name}")


def is_private_path(module: str, name: str = "") -> bool:
    return (
        any(part.startswith("_") for part in module.split("."))
        or name.startswith("_")
        or module.startswith(("openai.lib", "openai.resources"))
    )


class Usage:
    """Where a thing is used: library -> list of file:line."""

    def __init__(self) -> None:
        self.by_lib: defaultdict[str, list[str]] = defaultdict(list)
        self.type_only = True

    def add(self, lib: str, where: str, type_only: bool = False) -> None:
        self.by_lib[lib].append(where)
        self.type_only = self.type_only and type_only

    def libs(self) -> list[str]:
        return sorted(self.by_lib)

    def where(self, limit: int = 2) -> str:
        out: list[str] = []
        for lib in sorted(self.by_lib):
            out.extend(self.by_lib[lib][:1])
        return ", ".join(out[:limit]) + (" ..." if len(out) > limit else "")


def records(
    scan: dict[str, Any], secondary: bool
) -> Iterable[tuple[str, str, dict[str, Any]]]:
    group = scan["secondary"] if secondary else scan["primary"]
    for dist in group:
        user = f"{dist['name']} (in {scan['lib']})" if secondary else scan["lib"]
        for path, result in dist["files"].items():
            yield user, path, result


def collect(scans: list[dict[str, Any]], secondary: bool) -> dict[str, Any]:
    names: defaultdict[tuple[str, str | None], Usage] = defaultdict(Usage)
    private_attrs: defaultdict[str, Usage] = defaultdict(Usage)
    assigned_attrs: set[str] = set()
    attr_receivers: defaultdict[str, set[str]] = defaultdict(set)
    subclassed: defaultdict[str, Usage] = defaultdict(Usage)
    globals_set: defaultdict[str, Usage] = defaultdict(Usage)
    patched: defaultdict[str, Usage] = defaultdict(Usage)
    strings: defaultdict[str, Usage] = defaultdict(Usage)
    inspects: defaultdict[str, Usage] = defaultdict(Usage)
    for scan in scans:
        for user, _path, result in records(scan, secondary):
            for imp in result["imports"]:
                names[(imp["module"], imp["name"] or "*")].add(
                    user, imp["where"], imp["type_only"]
                )
            for chain in result["chains"]:
                module, name = split_chain(chain["chain"])
                names[(module, name or "*")].add(
                    user, chain["where"], chain["type_only"]
                )
            for chain in result["assigned_chains"]:
                globals_set[chain["chain"]].add(user, chain["where"])
            for hit in result["private_attrs"]:
                if (hit["attr"], hit["receiver"]) in NOT_OPENAI:
                    continue
                private_attrs[hit["attr"]].add(user, hit["where"])
                if hit["store"]:
                    assigned_attrs.add(hit["attr"])
                attr_receivers[hit["attr"]].add(hit["receiver"])
            for sub in result["subclasses"]:
                module, name = split_chain(sub["base"])
                subclassed[f"{module}.{name}" if name else module].add(
                    user, sub["where"]
                )
            for patch in result["patched_methods"]:
                patched[patch["target"]].add(user, patch["where"])
            for target in result["string_targets"]:
                strings[target["target"]].add(user, target["where"])
            for call in result["inspect_calls"]:
                inspects[call["call"]].add(user, call["where"])
    return {
        "names": names,
        "private_attrs": private_attrs,
        "attr_receivers": attr_receivers,
        "assigned_attrs": assigned_attrs,
        "subclassed": subclassed,
        "globals_set": globals_set,
        "patched": patched,
        "strings": strings,
        "inspects": inspects,
    }


def to_json(
    scans: list[dict[str, Any]], primary: dict[str, Any], secondary: dict[str, Any]
) -> dict[str, Any]:
    def module_map(data: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
        out: defaultdict[str, dict[str, list[str]]] = defaultdict(dict)
        for (module, name), usage in sorted(data["names"].items()):
            out[module][name] = usage.libs()
        return dict(out)

    def usage_map(items: dict[str, Usage]) -> dict[str, dict[str, list[str]]]:
        return {
            key: {lib: locs for lib, locs in sorted(u.by_lib.items())}
            for key, u in sorted(items.items())
        }

    missing = sorted(
        f"{m}.{n}" if n != "*" else m
        for (m, n) in primary["names"]
        if not exists_in_official(m, n)
    )
    return {
        "openai_version": scans[0]["openai_version"],
        "libraries": {
            s["lib"]: {d["name"]: d["version"] for d in s["primary"]} for s in scans
        },
        "modules": module_map(primary),
        "type_only": sorted(
            f"{m}:{n}" for (m, n), u in primary["names"].items() if u.type_only
        ),
        "not_in_official_2_38": missing,
        "private_attributes": {
            a: {
                "libraries": u.libs(),
                "receivers": sorted(primary["attr_receivers"][a]),
                "assigned": a in primary["assigned_attrs"],
                "where": usage_map({a: u})[a],
            }
            for a, u in sorted(primary["private_attrs"].items())
        },
        "subclassed": usage_map(primary["subclassed"]),
        "module_globals_assigned": usage_map(primary["globals_set"]),
        "resource_methods_assigned": usage_map(primary["patched"]),
        "string_targets": usage_map(primary["strings"]),
        "inspect_calls": usage_map(primary["inspects"]),
        "secondary": {
            "modules": module_map(secondary),
            "private_attributes": {
                a: {
                    "libraries": u.libs(),
                    "receivers": sorted(secondary["attr_receivers"][a]),
                    "assigned": a in secondary["assigned_attrs"],
                }
                for a, u in sorted(secondary["private_attrs"].items())
            },
            "subclassed": {
                k: u.libs() for k, u in sorted(secondary["subclassed"].items())
            },
            "resource_methods_assigned": {
                k: u.libs() for k, u in sorted(secondary["patched"].items())
            },
            "string_targets": {
                k: u.libs() for k, u in sorted(secondary["strings"].items())
            },
        },
    }


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
        for row in rows
    ]
    return out + [""]


def in_issue_8(module: str, name: str) -> bool:
    if module.startswith("openai.resources.") and name[:1].isupper():
        return True  # "the resource classes by their official names"
    listed = ISSUE_8_PRIVATE.get(module)
    return listed is not None and ("*" in listed or name in listed)


def to_markdown(
    inv: dict[str, Any], primary: dict[str, Any], secondary: dict[str, Any]
) -> list[str]:
    lines = [MARKER, ""]
    libs = inv["libraries"]
    lines += ["## Scanned versions", ""]
    lines += md_table(
        ["library", "distribution", "version"],
        [[lib, d, v] for lib, dv in sorted(libs.items()) for d, v in dv.items()],
    )

    names = primary["names"]
    types_modules = sorted({m for (m, _) in names if m.startswith("openai.types")})
    type_paths = sorted(
        {f"{m}.{n}" for (m, n) in names if m.startswith("openai.types") and n != "*"}
    )
    lines += [
        "## Counts",
        "",
        f"- distinct `openai.*` modules imported or reached: {len({m for (m, _) in names})}",
        (
            f"- distinct `openai.types.*` modules: {len(types_modules)}; distinct type names imported from them:"
            f" {len(type_paths)}"
        ),
        f"- (module, name) pairs: {len(names)}; of them only under `TYPE_CHECKING`: {len(inv['type_only'])}",
        (
            f"- pairs that do not resolve in the official 2.38 (version-guarded or stale imports):"
            f" {len(inv['not_in_official_2_38'])}"
        ),
        "",
    ]

    lines += [
        "## Private and helper modules (`openai._*`, `openai.lib.*`, `openai.resources.*`)",
        "",
        "`issue 8` = already listed in issue 8; `no` = beyond issue 8's list.",
        "",
    ]
    rows: list[list[str]] = []
    for (module, name), usage in sorted(names.items()):
        if not is_private_path(module, name):
            continue
        rows.append(
            [
                f"`{module}`",
                f"`{name}`",
                "yes" if in_issue_8(module, name) else "**no**",
                ", ".join(usage.libs()),
                usage.where(),
                "type-only" if usage.type_only else "",
            ]
        )
    lines += md_table(
        ["module", "name", "issue 8", "libraries", "where (first hits)", "note"], rows
    )

    lines += ["## Public top-level names (`from openai import X` / `openai.X`)", ""]
    rows = [
        [
            f"`{name}`" if name != "*" else "(`import openai` itself)",
            ", ".join(u.libs()),
            u.where(),
        ]
        for (module, name), u in sorted(names.items())
        if module == "openai" and not name.startswith("_")
    ]
    lines += md_table(["name", "libraries", "where"], rows)

    lines += ["## Public non-types modules", ""]
    rows = [
        [f"`{m}`", f"`{n}`", ", ".join(u.libs()), u.where()]
        for (m, n), u in sorted(names.items())
        if m != "openai"
        and not m.startswith("openai.types")
        and not is_private_path(m, n)
    ]
    lines += md_table(["module", "name", "libraries", "where"], rows)

    lines += [
        "## Private attributes reached on openai objects",
        "",
        "Receiver = the expression the attribute is read from (as written in the library).",
        "",
    ]
    rows = [
        [
            f"`{a}`" + (" (assigned)" if d["assigned"] else ""),
            "yes" if a in ISSUE_8_ATTRS else "**no**",
            ", ".join(d["libraries"]),
            "; ".join(f"`{r}`" for r in d["receivers"][:4]),
            primary["private_attrs"][a].where(),
        ]
        for a, d in inv["private_attributes"].items()
    ]
    lines += md_table(["attribute", "issue 8", "libraries", "receivers", "where"], rows)

    lines += ["## Subclassed openai classes", ""]
    rows = [
        [f"`{base}`", ", ".join(u.libs()), u.where()]
        for base, u in sorted(primary["subclassed"].items())
    ]
    lines += md_table(["base", "libraries", "where"], rows)

    lines += [
        "## Assignments: module globals and resource methods (monkeypatching)",
        "",
    ]
    rows = [
        [f"`{t}`", "module global", ", ".join(u.libs()), u.where()]
        for t, u in sorted(primary["globals_set"].items())
    ]
    rows += [
        [f"`{t}`", "method replaced", ", ".join(u.libs()), u.where()]
        for t, u in sorted(primary["patched"].items())
    ]
    lines += md_table(["target", "kind", "libraries", "where"], rows)

    lines += [
        "## String references to openai paths (dynamic import, patch targets, logger names)",
        "",
    ]
    rows = [
        [f"`{t}`", ", ".join(u.libs()), u.where()]
        for t, u in sorted(primary["strings"].items())
    ]
    lines += md_table(["string", "libraries", "where"], rows)

    lines += ["## `inspect` on openai objects", ""]
    rows = [
        [f"`{c}`", ", ".join(u.libs()), u.where()]
        for c, u in sorted(primary["inspects"].items())
    ]
    lines += md_table(["call", "libraries", "where"], rows)

    lines += [
        "## Imports that do not resolve in the official 2.38",
        "",
        "Usually guarded by `try/except ImportError` or version checks; listed so ours fails the same way.",
        "",
    ]
    lines += [f"- `{x}`" for x in inv["not_in_official_2_38"]] + [""]

    lines += ["## Transitive dependencies that also use openai (secondary sources)", ""]
    sec = secondary["names"]
    rows = []
    for (module, name), usage in sorted(sec.items()):
        if is_private_path(module, name):
            rows.append(
                [
                    f"`{module}`",
                    f"`{name}`",
                    "yes" if in_issue_8(module, name) else "**no**",
                    ", ".join(usage.libs()),
                    usage.where(1),
                ]
            )
    lines += [
        "Private/helper modules only; the public names they use are in inventory.json under `secondary`.",
        "",
    ]
    lines += md_table(["module", "name", "issue 8", "used by", "where"], rows)
    rows = [
        [
            f"`{a}`" + (" (assigned)" if a in secondary["assigned_attrs"] else ""),
            ", ".join(u.libs()),
            "; ".join(f"`{r}`" for r in sorted(secondary["attr_receivers"][a])[:3]),
        ]
        for a, u in sorted(secondary["private_attrs"].items())
    ]
    lines += ["Private attributes in secondary sources:", ""] + md_table(
        ["attribute", "used by", "receivers"], rows
    )
    rows = [
        [f"`{b}`", ", ".join(u.libs())]
        for b, u in sorted(secondary["subclassed"].items())
    ]
    lines += ["Subclassed in secondary sources:", ""] + md_table(
        ["base", "used by"], rows
    )
    return lines


def main() -> None:
    raw_dir, out_json = Path(sys.argv[1]), Path(sys.argv[2])
    scans = [json.loads(p.read_text()) for p in sorted(raw_dir.glob("*.json"))]
    primary = collect(scans, secondary=False)
    secondary = collect(scans, secondary=True)
    inv = to_json(scans, primary, secondary)
    out_json.write_text(json.dumps(inv, indent=1, sort_keys=True) + "\n")
    md_path = out_json.parent / "INVENTORY.md"
    head = (
        md_path.read_text().split(MARKER)[0] if md_path.exists() else "# Inventory\n\n"
    )
    md_path.write_text(head + "\n".join(to_markdown(inv, primary, secondary)))
    print(f"wrote {out_json} and {md_path}")


if __name__ == "__main__":
    main()

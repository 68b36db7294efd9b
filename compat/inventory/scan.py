# pyright: strict
"""Scan installed library sources for everything they use from ``openai``.

Run with the Python of one library's venv (stdlib only):

    python scan.py --lib agents --dist openai-agents --out agents.json

It reads every ``.py`` file of the named distribution (the "primary" sources)
and of every other installed distribution except ``openai`` itself that
mentions ``openai`` (the "secondary" sources: langchain-core, litellm inside
dspy, ...), parses it with ``ast`` and records:

- imports from ``openai`` (module, name, whether under ``TYPE_CHECKING``),
  including ``importlib.import_module("openai...")`` and string targets of
  patching helpers (``wrapt``/``mock.patch``-style ``"openai.x.y"`` strings);
- attribute chains rooted at a name bound to an ``openai`` module
  (``openai.types.chat.X``) and assignments to them (module globals set);
- classes that subclass something imported from ``openai``;
- accesses to private attribute names that the official package defines on
  its own classes (``_base_url``, ``_custom_query``, ``_iterator``...), with the
  receiver's source text so a reader can judge the hit, plus the same names in
  ``getattr``/``hasattr``/``setattr`` string arguments;
- assignments to ``<...>.create`` / ``.parse`` / ``.stream`` etc. (patching a
  resource method on a client);
- ``inspect`` calls whose argument mentions an openai name.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.metadata as md
import inspect
import json
import pkgutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Receivers whose source text suggests an openai object (a client, stream, response...).
RECEIVER_HINTS = (
    "client",
    "openai",
    "stream",
    "response",
    "completion",
    "azure",
    "chat",
    "page",
    "realtime",
    "connection",
    "resource",
    "api",
    "raw",
)
PATCHED_METHODS = {
    "create",
    "parse",
    "stream",
    "retrieve",
    "list",
    "acreate",
    "post",
    "request",
    "_post",
    "send",
}
OPENAI_CLASS_MODULES = (
    "openai._client",
    "openai._base_client",
    "openai._streaming",
    "openai._response",
    "openai._legacy_response",
    "openai._models",
    "openai.pagination",
    "openai.lib.azure",
    "openai._exceptions",
    "openai._resource",
    "openai.lib.streaming.chat",
    "openai.lib.streaming.responses",
    "openai.lib.streaming._assistants",
)


def official_private_names() -> set[str]:
    """Single-underscore names defined on classes of the installed official package."""
    names: set[str] = set()
    modules = list(OPENAI_CLASS_MODULES)
    resources_path: list[str] = list(
        getattr(importlib.import_module("openai.resources"), "__path__", [])
    )
    modules += [
        m.name for m in pkgutil.walk_packages(resources_path, "openai.resources.")
    ]
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except Exception:  # noqa: BLE001, S112 - any import failure (optional dependency) just skips the module
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for klass in cls.__mro__:
                if not klass.__module__.startswith("openai"):
                    continue
                names.update(
                    n
                    for n in vars(klass)
                    if n.startswith("_") and not n.startswith("__")
                )
    # Instance attributes (``self._client = ...`` in ``__init__``) are not in any
    # class dict: collect every ``self._x`` assignment in the package's source.
    import openai

    for path in Path(openai.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                names.add(node.attr)
    return names


class FileScan(ast.NodeVisitor):
    def __init__(self, path: str, private_names: set[str]) -> None:
        self.path = path
        self.private_names = private_names
        self.aliases: dict[
            str, str
        ] = {}  # local name -> openai dotted path it is bound to
        self.type_checking_depth = 0
        self.imports: list[dict[str, Any]] = []
        self.chains: list[dict[str, Any]] = []
        self.assigned_chains: list[dict[str, Any]] = []
        self.subclasses: list[dict[str, Any]] = []
        self.private_attrs: list[dict[str, Any]] = []
        self.patched_methods: list[dict[str, Any]] = []
        self.string_targets: list[dict[str, Any]] = []
        self.inspect_calls: list[dict[str, Any]] = []
        self._chain_nodes: set[int] = set()
        self._class_is_openai: list[
            bool
        ] = []  # stack: does the enclosing class subclass openai?

    # -- helpers --------------------------------------------------------------

    def _where(self, node: ast.AST) -> str:
        return f"{self.path}:{getattr(node, 'lineno', 0)}"

    def _dotted(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.aliases:
            parts.append(self.aliases[node.id])
            return ".".join(reversed(parts))
        return None

    # -- imports ----------------------------------------------------------------

    def visit_If(self, node: ast.If) -> None:
        test = ast.unparse(node.test)
        if "TYPE_CHECKING" in test:
            self.type_checking_depth += 1
            for child in node.body:
                self.visit(child)
            self.type_checking_depth -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name == "openai" or alias.name.startswith("openai."):
                self.imports.append(
                    {
                        "module": alias.name,
                        "name": None,
                        "where": self._where(node),
                        "type_only": self.type_checking_depth > 0,
                    }
                )
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
                else:
                    self.aliases["openai"] = "openai"

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and (module == "openai" or module.startswith("openai.")):
            for alias in node.names:
                self.imports.append(
                    {
                        "module": module,
                        "name": alias.name,
                        "where": self._where(node),
                        "type_only": self.type_checking_depth > 0,
                    }
                )
                self.aliases[alias.asname or alias.name] = f"{module}.{alias.name}"

    # -- uses -------------------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> None:
        dotted = self._dotted(node)
        if dotted is not None and id(node) not in self._chain_nodes:
            # Record only the outermost chain: mark the inner Attribute nodes as seen.
            inner = node.value
            while isinstance(inner, ast.Attribute):
                self._chain_nodes.add(id(inner))
                inner = inner.value
            entry = {
                "chain": dotted,
                "where": self._where(node),
                "type_only": self.type_checking_depth > 0,
            }
            if isinstance(node.ctx, ast.Store):
                self.assigned_chains.append(entry)
            else:
                self.chains.append(entry)
        if node.attr in self.private_names:
            self._private_hit(
                node.attr, node.value, isinstance(node.ctx, ast.Store), node, None
            )
        self.generic_visit(node)

    def _private_hit(
        self, attr: str, receiver: ast.expr, store: bool, node: ast.AST, via: str | None
    ) -> None:
        text = ast.unparse(receiver)
        if text in ("self", "cls"):
            # The library's own attribute, unless its class extends an openai class.
            if not (self._class_is_openai and self._class_is_openai[-1]):
                return
        elif via is None and (
            not any(hint in text.lower() for hint in RECEIVER_HINTS)
            or (text[:1].isupper() and text.split(".")[0] not in self.aliases)
        ):
            # No hint that the receiver is an openai object, or it is one of the
            # library's own classes (``BaseChatModel._stream``).
            return
        entry = {
            "attr": attr,
            "receiver": text[:80],
            "store": store,
            "where": self._where(node),
        }
        if via:
            entry["via"] = via
        self.private_attrs.append(entry)

    def _check_patch_target(self, target: ast.expr, node: ast.AST) -> None:
        if isinstance(target, ast.Attribute) and target.attr in PATCHED_METHODS:
            text = ast.unparse(target)
            if any(
                k in text
                for k in (
                    "completions",
                    "responses",
                    "client",
                    "chat",
                    "embeddings",
                    "openai",
                )
            ):
                self.patched_methods.append(
                    {"target": text[:100], "where": self._where(node)}
                )

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._check_patch_target(target, node)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        is_openai = False
        for base in node.bases:
            root = base.value if isinstance(base, ast.Subscript) else base
            dotted = (
                self._dotted(root)
                if isinstance(root, ast.Attribute)
                else (self.aliases.get(root.id) if isinstance(root, ast.Name) else None)
            )
            if dotted:
                is_openai = True
                self.subclasses.append(
                    {"base": dotted, "subclass": node.name, "where": self._where(node)}
                )
        self._class_is_openai.append(is_openai)
        self.generic_visit(node)
        self._class_is_openai.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = ast.unparse(node.func)
        strings = [
            a.value
            for a in node.args
            if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if func in ("getattr", "hasattr", "setattr", "delattr") and len(strings) >= 1:
            name = strings[0]
            owner = self._dotted(node.args[0]) if node.args else None
            if owner is None and node.args and isinstance(node.args[0], ast.Name):
                owner = self.aliases.get(node.args[0].id)
            if owner is not None:
                # getattr(openai_module_or_class, "name"): a use of that name, by string.
                target = (
                    self.assigned_chains
                    if func in ("setattr", "delattr")
                    else self.chains
                )
                target.append(
                    {
                        "chain": f"{owner}.{name}",
                        "where": self._where(node),
                        "type_only": self.type_checking_depth > 0,
                    }
                )
            if name in self.private_names and node.args:
                self._private_hit(name, node.args[0], func == "setattr", node, func)
        for value in strings:
            if value == "openai" or value.startswith("openai."):
                self.string_targets.append(
                    {"call": func[:60], "target": value, "where": self._where(node)}
                )
        if func.startswith("inspect.") or func in ("signature", "getfullargspec"):
            text = ast.unparse(node)
            if "openai" in text.lower() or any(a in text for a in self.aliases):
                self.inspect_calls.append(
                    {"call": text[:120], "where": self._where(node)}
                )
        self.generic_visit(node)

    def result(self) -> dict[str, Any]:
        return {
            "imports": self.imports,
            "chains": self.chains,
            "assigned_chains": self.assigned_chains,
            "subclasses": self.subclasses,
            "private_attrs": self.private_attrs,
            "patched_methods": self.patched_methods,
            "string_targets": self.string_targets,
            "inspect_calls": self.inspect_calls,
            "imports_openai": bool(self.imports or self.string_targets),
        }


def is_test_file(rel: str) -> bool:
    parts = rel.replace("\\", "/").split("/")
    return (
        any(p in ("test", "tests", "testing") for p in parts[:-1])
        or parts[-1].startswith("test_")
        or (parts[-1] == "conftest.py")
    )


def dist_py_files(dist: md.Distribution) -> Iterable[tuple[str, Path]]:
    # Shipped test suites are not library code paths: leave them out.
    for f in dist.files or []:
        if f.suffix == ".py" and not is_test_file(str(f)):
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                yield str(f), path


def scan_dist(
    dist: md.Distribution, private: set[str], require_mention: bool
) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for rel, path in dist_py_files(dist):
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if require_mention and "openai" not in source:
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        scan = FileScan(rel, private)
        scan.visit(tree)
        result = scan.result()
        # Keep files that touch openai directly, or that reach into openai-private attributes.
        if (
            result["imports_openai"]
            or result["chains"]
            or (result["private_attrs"] and "openai" in source)
        ):
            files[rel] = result
    return {"name": dist.metadata["Name"], "version": dist.version, "files": files}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", required=True)
    parser.add_argument(
        "--dist", required=True, help="comma-separated primary distribution names"
    )
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated distributions scanned as another library's primary",
    )
    args = parser.parse_args(argv)

    private = official_private_names()
    primary_names = {n.strip().lower().replace("_", "-") for n in args.dist.split(",")}
    primary: list[dict[str, Any]] = []
    secondary: list[dict[str, Any]] = []
    seen: set[str] = {
        n.strip().lower().replace("_", "-") for n in args.skip.split(",") if n.strip()
    }
    seen -= primary_names
    for dist in md.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name or name in seen or name == "openai":
            continue
        seen.add(name)
        if name in primary_names:
            primary.append(scan_dist(dist, private, require_mention=False))
        else:
            scanned = scan_dist(dist, private, require_mention=True)
            if scanned["files"]:
                secondary.append(scanned)
    import openai

    out = {
        "lib": args.lib,
        "openai_version": openai.__version__,
        "python": sys.version.split()[0],
        "primary": primary,
        "secondary": secondary,
        "official_private_names": sorted(private),
    }
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()

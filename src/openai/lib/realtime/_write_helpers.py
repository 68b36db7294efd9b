"""Writes ``_helpers_*.py``: one typed send helper per client event of each WebSocket API.

    python -m openai.lib.realtime._write_helpers          # rewrite the files
    python -m openai.lib.realtime._write_helpers --check  # fail if they are stale

The events come from the generated client-event param unions (``RealtimeClientEventParam``,
...): an event ``conversation.item.create`` becomes ``connection.conversation.item.create(...)``
with the event's fields, other than ``type``, as keyword arguments typed as in its TypedDict.
A development tool: nothing imports it at run time.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import pathlib
import subprocess
import sys
import typing
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

HERE = pathlib.Path(__file__).parent

# names an annotation may use as they are; every other name is qualified by its module
_PLAIN = {"Optional", "Union", "List", "Dict", "Iterable", "Literal", "Sequence", "Mapping", "object"} | {
    "str",
    "int",
    "float",
    "bool",
    "None",
    "bytes",
}


@dataclass
class Family:
    module: str  # output module name, in this package
    prefix: str  # class name prefix: Realtime, Responses
    connection: str  # the sync connection class, defined in `home`
    home: str  # the module in this package that defines the connection classes
    union: str  # "module:Name" of the client event param union (or single TypedDict)
    extra: List[str] = field(default_factory=list)  # more "module:Name" variants
    prefer_package: Optional[str] = None  # use a same-named module of this package when it exists


FAMILIES = [
    Family(
        "_helpers_realtime",
        "Realtime",
        "RealtimeConnection",
        "realtime",
        "openai.types.realtime.realtime_client_event_param:RealtimeClientEventParam",
    ),
    Family(
        "_helpers_beta",
        "Realtime",
        "RealtimeConnection",
        "beta",
        "openai.types.beta.realtime.realtime_client_event_param:RealtimeClientEventParam",
        extra=["openai.types.beta.realtime.transcription_session_update_param:TranscriptionSessionUpdateParam"],
        prefer_package="openai.types.beta.realtime",
    ),
    Family(
        "_helpers_responses",
        "Responses",
        "ResponsesConnection",
        "responses",
        "openai.types.responses.responses_client_event_param:ResponsesClientEventParam",
    ),
]


@dataclass
class Param:
    name: str
    annotation: str
    required: bool


@dataclass
class Event:
    type: str  # "conversation.item.create"
    module: str  # the param module
    params: List[Param]


def _load(ref: str) -> object:
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _variants(family: Family) -> List[Tuple[str, str]]:
    union = _load(family.union)
    members = typing.get_args(union) or (union,)
    refs = [(m.__module__, m.__name__) for m in members]  # type: ignore[attr-defined]
    refs += [tuple(r.split(":")) for r in family.extra]  # type: ignore[misc]
    if family.prefer_package:
        preferred = []
        for module, name in refs:
            candidate = f"{family.prefer_package}.{module.rsplit('.', 1)[1]}"
            try:
                mod = importlib.import_module(candidate)
            except ImportError:
                mod = None
            preferred.append((candidate, name) if mod is not None and hasattr(mod, name) else (module, name))
        refs = preferred
    return refs  # type: ignore[return-value]


def _class_node(module: str, name: str) -> ast.ClassDef:
    source = pathlib.Path(importlib.import_module(module).__file__ or "").read_text()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise LookupError(f"{module}:{name} is not a class defined in its module")


def _qualify(node: ast.expr, alias: str) -> str:
    class Qualify(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id in _PLAIN or hasattr(builtins, node.id):
                return node
            return ast.copy_location(
                ast.Attribute(value=ast.Name(alias, ast.Load()), attr=node.id, ctx=ast.Load()), node
            )

    return ast.unparse(Qualify().visit(node))


def _event(module: str, name: str) -> Event:
    alias = module.rsplit(".", 1)[1]
    event_type = None
    params: List[Param] = []
    for stmt in _class_node(module, name).body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        annotation = stmt.annotation
        required = False
        if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Required":
            required, annotation = True, annotation.slice
        if stmt.target.id == "type":
            literal = ast.literal_eval(annotation.slice) if isinstance(annotation, ast.Subscript) else None
            event_type = literal if isinstance(literal, str) else None
            continue
        params.append(Param(stmt.target.id, _qualify(annotation, alias), required))
    if event_type is None:
        raise LookupError(f"{module}:{name} has no `type: Literal[...]` field")
    params.sort(key=lambda p: not p.required)  # required first, each group in declaration order
    return Event(event_type, module, params)


def _pascal(parts: List[str]) -> str:
    return "".join(word.capitalize() for part in parts for word in part.split("_"))


def render(family: Family) -> str:
    events = [_event(module, name) for module, name in _variants(family)]
    groups: Dict[Tuple[str, ...], List[Event]] = {}
    for event in events:
        *parts, _method = event.type.split(".")
        for depth in range(1, len(parts) + 1):
            groups.setdefault(tuple(parts[:depth]), [])
        groups[tuple(parts)].append(event)
    modules = sorted({e.module for e in events})
    p, conn = family.prefix, family.connection
    out: List[str] = [
        f"# Written by {__name__.replace('__main__', 'openai.lib.realtime._write_helpers')} from the client event types. Do not edit.",
        f'"""Typed send helpers of ``{conn}`` and ``Async{conn}``, grouped as the event names."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any, Dict",
        "",
        "from functools import cached_property",
        "",
        "from ..._types import NotGiven, Omit, omit",
        "",
        "if TYPE_CHECKING:",
    ]
    annotations = " ".join(p.annotation for e in events for p in e.params)
    typing_names = sorted(
        n for n in ("Dict", "Iterable", "List", "Optional", "Sequence", "Union") if f"{n}[" in annotations
    )
    if typing_names:
        out.append(f"    from typing import {', '.join(typing_names)}")
    if "Literal[" in annotations:
        out.append("    from typing_extensions import Literal")
    for module in modules:
        package, _, name = module.rpartition(".")
        if f"{name}." in annotations:  # only the modules an annotation names
            out.append(f"    from {package} import {name}")
    out.append(f"    from .{family.home} import Async{conn}, {conn}")
    out += [
        "",
        "",
        "def _event(type: str, **fields: Any) -> Dict[str, Any]:",
        '    event: Dict[str, Any] = {"type": type}',
        "    for key, value in fields.items():",
        "        if not isinstance(value, (Omit, NotGiven)):",
        "            event[key] = value",
        "    return event",
    ]

    def cls_name(path: Tuple[str, ...], is_async: bool) -> str:
        return f"{'Async' if is_async else ''}{p}{_pascal(list(path))}Resource"

    for is_async in (False, True):
        a = "Async" if is_async else ""
        base = f"Base{a}{p}ConnectionResource"
        out += [
            "",
            "",
            f"class {base}:",
            f'    """Base of the helper groups of ``{a}{conn}``."""',
            "",
            f"    def __init__(self, connection: {a}{conn}) -> None:",
            "        self._connection = connection",
        ]
        for path, group_events in sorted(groups.items()):
            out += ["", "", f"class {cls_name(path, is_async)}({base}):"]
            children = [c for c in sorted(groups) if len(c) == len(path) + 1 and c[: len(path)] == path]
            if not children and not group_events:
                out.append("    pass")
            for child in children:
                out += [
                    "    @cached_property",
                    f"    def {child[-1]}(self) -> {cls_name(child, is_async)}:",
                    f"        return {cls_name(child, is_async)}(self._connection)",
                    "",
                ]
            for event in sorted(group_events, key=lambda e: e.type):
                method = event.type.rsplit(".", 1)[1]
                args = ["self", "*"]
                for param in event.params:
                    if param.required:
                        args.append(f"{param.name}: {param.annotation}")
                    else:
                        args.append(f"{param.name}: {param.annotation} | Omit = omit")
                keywords = ", ".join(f"{q.name}={q.name}" for q in event.params)
                call = f"_event({event.type!r}{', ' if keywords else ''}{keywords})"
                out += [
                    f"    {'async ' if is_async else ''}def {method}({', '.join(args)}) -> None:",
                    f'        """Send the ``{event.type}`` event."""',
                    f"        {'await ' if is_async else ''}self._connection.send(cast_event({call}))",
                    "",
                ]
            while out[-1] == "":
                out.pop()
        top = [path for path in sorted(groups) if len(path) == 1]
        out += [
            "",
            "",
            f"class {a}{p}ConnectionHelpers:",
            f'    """The helper groups as attributes of ``{a}{conn}`` (``connection.{top[0][0]}``, ...)."""',
            "",
        ]
        for path in top:
            out += [
                "    @cached_property",
                f"    def {path[0]}(self) -> {cls_name(path, is_async)}:",
                f"        return {cls_name(path, is_async)}(self)  # type: ignore[arg-type]",
                "",
            ]
        while out[-1] == "":
            out.pop()
    out += ["", "", "def cast_event(event: Dict[str, Any]) -> Any:", "    return event", ""]
    names = sorted(
        {cls_name(path, is_async) for path in groups for is_async in (False, True)}
        | {f"Base{p}ConnectionResource", f"BaseAsync{p}ConnectionResource"}
        | {f"{p}ConnectionHelpers", f"Async{p}ConnectionHelpers"}
    )
    out.insert(out.index("if TYPE_CHECKING:"), "__all__ = [" + ", ".join(repr(n) for n in names) + "]\n")
    return "\n".join(out)


def _format(path: pathlib.Path) -> None:
    ruff = pathlib.Path(sys.executable).parent / "ruff"
    subprocess.run([str(ruff), "format", "--quiet", str(path)], check=True)
    subprocess.run([str(ruff), "check", "--fix", "--quiet", "--select", "I", str(path)], check=True)


def main(argv: List[str]) -> int:
    check = "--check" in argv
    stale = []
    for family in FAMILIES:
        target = HERE / f"{family.module}.py"
        scratch = target.with_suffix(".new.py")
        scratch.write_text(render(family))
        _format(scratch)
        text = scratch.read_text()
        scratch.unlink()
        if target.exists() and target.read_text() == text:
            continue
        stale.append(target.name)
        if not check:
            target.write_text(text)
    if stale:
        print(("stale: " if check else "wrote: ") + ", ".join(stale))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Resource tree -> ``tests/api_resources/**``: one test module per resource.

Per method, sync and async: a call with only the required parameters, one with
every parameter, the same through ``with_raw_response`` and
``with_streaming_response``, and (with path parameters) each path parameter
empty raising ``ValueError``. Streaming methods also get ``stream=True`` calls
whose events are checked one by one. Every result is checked against the
declared type recursively (``tests/api_resources/_assert.py``). The tests run
against the spec mock server, which rejects any request the spec does not allow.
"""

from __future__ import annotations

from typing import Any

from .emit_types import Imports
from .ir import Ref
from .lower import Lowered
from .paths import HEADER
from .resources import Method, Resource, Tree, type_ref
from .samples import FILE_MARK, Samples

TESTS = "tests/api_resources"
FILE_VALUE = 'b"raw file contents"'


def test_file(res: Resource) -> str:
    parts = res.path.split(".")
    return "/".join([TESTS, *parts[:-1], f"test_{parts[-1]}.py"])


def _literal(value: Any) -> str:
    if value == FILE_MARK:
        return FILE_VALUE
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, dict):
        items = ", ".join(f"{k!r}: {_literal(v)}" for k, v in value.items())  # pyright: ignore[reportUnknownVariableType]
        return "{" + items + "}"
    return repr(value)


class TestModule:
    def __init__(self, res: Resource, lowered: Lowered) -> None:
        self.res = res
        self.lowered = lowered
        self.imp = Imports("tests.api_resources._generated", {"OpenAI", "AsyncOpenAI", "pytest"})
        self.runtime: set[tuple[str, str]] = set()
        self.needs_sse = False

    def type_name(self, module: str, name: str) -> str:
        return self.imp.ref(Ref(module, name), quote=False)

    # --- arguments -------------------------------------------------------------

    def args(self, m: Method, every: bool, *, empty: str | None = None, stream: bool = False) -> str:
        sig = m.signature
        legacy = set((m.entry.legacy or {}).get("params") or [])
        # parameters 2.38 made optional but the spec (which the mock enforces) requires
        spec_required = set((m.entry.legacy or {}).get("optional") or [])
        parts: list[str] = []
        path = sig.path_params
        if path:
            last = path[-1]
            parts.append('""' if empty == last.name else repr(last.name))
            for p in path[:-1]:
                parts.append(f"{p.name}=" + ('""' if empty == p.name else repr(p.name)))
        samples = Samples(self.lowered.modules, every_field=every)
        for p in sig.params:
            if p.name == "stream" or p.name in legacy:
                continue
            if p.required or every or p.name in spec_required:
                parts.append(f"{p.name}={_literal(samples.of(p.type))}")
        if stream:
            parts.append("stream=True")
            parts.append("extra_headers=SSE")
            self.needs_sse = True
        return ", ".join(parts)

    # --- checks ------------------------------------------------------------------

    def declared(self, m: Method, is_async: bool) -> str:
        e = m.entry
        if e.page:
            item = self.type_name(*type_ref(e.returns))
            page = self.type_name("openai.pagination", ("Async" if is_async else "Sync") + e.page)
            return f"{page}[{item}]"
        if e.returns == "binary":
            return self.type_name("openai._legacy_response", "HttpxBinaryResponseContent")
        if e.returns == "str":
            return "str"
        if e.returns == "none":
            return "None"
        return self.type_name(*type_ref(e.returns))

    def check(self, m: Method, var: str, is_async: bool) -> list[str]:
        return [f'assert_matches_type({self.declared(m, is_async)}, {var}, path=["response"])']

    # --- tests -------------------------------------------------------------------

    def call(self, m: Method, is_async: bool, view: str = "", args: str = "") -> str:
        client = "async_client" if is_async else "client"
        target = f"{client}.{self.res.path}{'.' + view if view else ''}.{m.name}"
        return f"{target}({args})"

    def deprecated(self, m: Method, body: list[str]) -> list[str]:
        if not m.deprecated:
            return body
        return ["with pytest.warns(DeprecationWarning):"] + ["    " + line for line in body]

    def method_tests(self, m: Method, is_async: bool) -> list[str]:
        aw = "await " if is_async else ""
        fixture = "async_client: AsyncOpenAI" if is_async else "client: OpenAI"
        prefix = "async def" if is_async else "def"
        out: list[str] = []

        def test(name: str, body: list[str]) -> None:
            lines: list[str] = []
            for key, reason in (m.entry.tests or {}).get("xfail", {}).items():
                if key == "*" or key in name:
                    lines.append(f"@pytest.mark.xfail(reason={reason!r}, strict=True)")
                    break
            lines.append(f"{prefix} test_{name}(self, {fixture}) -> None:")
            lines += ["    " + line for line in self.deprecated(m, body)]
            out.append("\n".join(lines))

        variants = [("", False)]
        if self._has_optional(m):
            variants.append(("_with_all_params", True))
        for suffix, every in variants:
            args = self.args(m, every)
            test(
                f"method_{m.name}{suffix}",
                [f"result = {aw}{self.call(m, is_async, args=args)}", *self.check(m, "result", is_async)],
            )
        if m.streams:
            assert m.entry.stream is not None
            chunk = self.type_name(*type_ref(m.entry.stream))
            check = "await assert_async_stream" if is_async else "assert_stream"
            for suffix, every in variants:
                args = self.args(m, every, stream=True)
                test(
                    f"method_{m.name}_streaming{suffix}",
                    [f"stream = {aw}{self.call(m, is_async, args=args)}", f"{check}({chunk}, stream)"],
                )
        args = self.args(m, False)
        method = m.signature.operation.method.upper()
        raw = [
            f"response = {aw}{self.call(m, is_async, 'with_raw_response', args)}",
            f'assert response.http_request.method == "{method}"',
            "assert 200 <= response.status_code < 300",
            "result = response.parse()",  # the body is already read
            *self.check(m, "result", is_async),
        ]
        test(f"raw_response_{m.name}", raw)
        opener = "async with" if is_async else "with"
        if m.entry.returns == "binary":
            streamed_cls = self.type_name(
                "openai._response", ("Async" if is_async else "") + "StreamedBinaryAPIResponse"
            )
            inner = [
                f"assert isinstance(response, {streamed_cls})",
                "assert not response.is_closed",
                f"data = {aw}response.read()",
                "assert isinstance(data, bytes)",
            ]
        else:
            inner = [
                "assert not response.is_closed",
                f"result = {aw}response.parse()",
                *self.check(m, "result", is_async),
            ]
        streaming = [f"{opener} {self.call(m, is_async, 'with_streaming_response', args)} as response:"]
        streaming += ["    " + line for line in inner]
        streaming.append("assert response.is_closed")
        test(f"streaming_response_{m.name}", streaming)
        path = m.signature.path_params
        if path:
            body: list[str] = []
            for p in path:
                call = self.call(m, is_async, "with_raw_response", self.args(m, False, empty=p.name))
                body += [
                    f"with pytest.raises(ValueError, match=r\"Expected a non-empty value for `{p.name}` but received ''\"):",
                    f"    {aw}{call}",
                ]
            test(f"path_params_{m.name}", body)
        return out

    @staticmethod
    def _has_optional(m: Method) -> bool:
        legacy = set((m.entry.legacy or {}).get("params") or [])
        return any(not p.required and p.name != "stream" and p.name not in legacy for p in m.signature.params)

    def render(self) -> str:
        res = self.res
        classes: list[str] = []
        for is_async in (False, True):
            name = f"Test{'Async' if is_async else ''}{res.cls}"
            tests: list[str] = []
            for m in res.methods:
                tests += self.method_tests(m, is_async)
            body = "\n\n".join("\n".join(("    " + line) if line else "" for line in t.splitlines()) for t in tests)
            classes.append(f"class {name}:\n{body}")
        depth = res.path.count(".")
        helper = "." * (depth + 1) + "_assert"
        head = [
            HEADER.rstrip("\n"),
            "",
            f'"""`client.{res.path}` against the spec mock server."""',
            "",
            "from __future__ import annotations",
            "",
            "import pytest",
            "",
            "from openai import AsyncOpenAI, OpenAI",
        ]
        for module in sorted(self.imp.refs):
            head.append(f"from {module} import {self.imp.import_line(module)}")
        head += ["", f"from {helper} import assert_async_stream, assert_matches_type, assert_stream", ""]
        if self.needs_sse:
            head += ["# the mock server streams (SSE) only when asked to", 'SSE = {"Accept": "text/event-stream"}', ""]
        return "\n".join(head) + "\n\n" + "\n\n\n".join(classes) + "\n"


def build_test_files(tree: Tree, lowered: Lowered) -> dict[str, str]:
    files: dict[str, str] = {}
    dirs: set[str] = set()
    for res in tree.resources():
        if not res.methods:
            continue
        path = test_file(res)
        files[path] = TestModule(res, lowered).render()
        d = path.rsplit("/", 1)[0]
        while d != TESTS and d.startswith(TESTS):
            dirs.add(d)
            d = d.rsplit("/", 1)[0]
    for d in sorted(dirs):
        files[f"{d}/__init__.py"] = HEADER
    return files

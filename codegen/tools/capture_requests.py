"""Record the HTTP request each resource method sends, for comparison across clients.

A development tool. ``calls`` (run in our venv) writes one call per HTTP method
of the generated surface, with arguments built from the method signature (path
parameters, then the required parameters, or every parameter with ``--all``).
``run`` executes those calls with any ``openai`` package (ours, or the official
one in its own interpreter) against an in-process transport and records, per
call: HTTP method, path, query, the Accept / Content-Type / OpenAI-Beta headers,
which credential was sent, and the body (JSON, or the multipart field names).

    python -m codegen.tools.capture_requests calls CALLS.json [--all]
    PYTHON codegen/tools/capture_requests.py run CALLS.json OUT.json
    python -m codegen.tools.capture_requests diff OFFICIAL.json OURS.json
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

FILE_MARK = "__file__"  # same marker as codegen.samples (this file also runs standalone)


# --- building calls (our interpreter: needs the codegen IR) ---------------------


def build_calls(every_param: bool) -> list[dict[str, Any]]:
    from codegen import build, config
    from codegen.resources import load_tree
    from codegen.samples import Samples

    from ..spec import Spec

    spec, cfg = Spec.load(), config.load()
    lowered = build.lower_types(spec, cfg)
    tree = load_tree(spec, cfg, lowered)
    accepted = _official_params()
    out: list[dict[str, Any]] = []
    for res in tree.resources():
        for m in res.methods:
            sig = m.signature
            args = [f"p-{p.name}" for p in sig.path_params[-1:]]
            kwargs: dict[str, Any] = {p.name: f"p-{p.name}" for p in sig.path_params[:-1]}
            values = Samples(lowered.modules)
            for p in sig.params:
                if p.required or every_param:
                    if p.name == "stream":
                        continue
                    kwargs[p.name] = values.of(p.type)
            known = accepted.get(f"{res.path}.{m.name}")
            if known is not None:  # leave out parameters 2.38 does not have (newer spec)
                kwargs = {k: v for k, v in kwargs.items() if k in known}
            out.append({"path": f"{res.path}.{m.name}", "args": args, "kwargs": kwargs})
    return out


def _official_params() -> dict[str, set[str]]:
    """``path.method`` -> parameter names of the official signatures, when the
    ``check_official --resources`` dump exists."""
    from ..paths import ROOT

    dump = ROOT / ".cache" / "check_official" / "resources-official.json"
    if not dump.exists():
        return {}
    tree = json.loads(dump.read_text())["sync"]["tree"]
    return {
        f"{path}.{name}": {p[0] for p in sig["params"] or []}
        for path, entry in tree.items()
        for name, sig in entry["methods"].items()
    }


# --- running calls (any interpreter with an ``openai`` package) -------------------


def _materialize(value: Any) -> Any:
    if value == FILE_MARK:
        return ("a.bin", b"data", "application/octet-stream")
    if isinstance(value, list):
        return [_materialize(v) for v in value]  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, dict):
        return {k: _materialize(v) for k, v in value.items()}  # pyright: ignore[reportUnknownVariableType]
    return value


def run_calls(calls: list[dict[str, Any]]) -> dict[str, Any]:
    import httpx

    import openai

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={}, headers={"content-type": "application/json"})

    client = openai.OpenAI(
        api_key="sk-ordinary",
        admin_api_key="sk-admin",
        base_url="http://test.invalid/v1",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )
    results: dict[str, Any] = {}
    for call in calls:
        seen.clear()
        target: Any = client
        for part in call["path"].split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        entry: dict[str, Any] = {}
        if target is None:
            entry["error"] = "missing method"
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    result = target(*call["args"], **_materialize(call["kwargs"]))
                    if hasattr(result, "close") and not seen:
                        pass
                except Exception as exc:  # the request is what matters; parsing may fail
                    entry["exception"] = type(exc).__name__
        if seen:
            entry.update(_describe(seen[0]))
        results[call["path"]] = entry
    return results


def _describe(request: Any) -> dict[str, Any]:
    headers = request.headers
    auth = headers.get("authorization", "")
    out: dict[str, Any] = {
        "method": request.method,
        "path": request.url.path,
        "query": sorted(request.url.params.multi_items()),
        "accept": headers.get("accept"),
        "content_type": (headers.get("content-type") or "").split(";")[0] or None,
        "beta": headers.get("openai-beta"),
        "auth": "admin" if "sk-admin" in auth else ("api_key" if auth else None),
    }
    body = request.content
    if out["content_type"] == "application/json" and body:
        out["body"] = json.loads(body)
    elif out["content_type"] == "multipart/form-data":
        out["fields"] = sorted(
            set(
                part.split(b'name="', 1)[1].split(b'"', 1)[0].decode()
                for part in body.split(b"\r\n--")[:-1]
                if b'name="' in part
            )
        )
    elif body:
        out["raw"] = body.decode("utf-8", "replace")[:80]
    return out


# --- comparing ---------------------------------------------------------------


def diff(official: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for path, o in sorted(official.items()):
        u = ours.get(path, {})
        for key in sorted(set(o) | set(u)):
            if key == "exception":
                continue
            if o.get(key) != u.get(key):
                out.append(f"{path}: {key}: ours {u.get(key)!r} != official {o.get(key)!r}")
    return out


def main(argv: list[str]) -> int:
    cmd = argv[0]
    if cmd == "calls":
        calls = build_calls("--all" in argv)
        with open(argv[1], "w") as f:
            json.dump(calls, f, indent=1)
        print(f"{len(calls)} calls")
        return 0
    if cmd == "run":
        with open(argv[1]) as f:
            calls = json.load(f)
        with open(argv[2], "w") as f:
            json.dump(run_calls(calls), f, indent=1, sort_keys=True)
        return 0
    if cmd == "diff":
        with open(argv[1]) as f:
            official = json.load(f)
        with open(argv[2]) as f:
            ours = json.load(f)
        lines = diff(official, ours)
        print("\n".join(lines))
        print(f"{len(lines)} differences over {len(official)} calls")
        return 1 if lines else 0
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

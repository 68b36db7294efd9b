"""The generated resources: laziness, request shapes and the hooks, without a server.

Requests go to an in-process transport (``httpx.MockTransport``); the tests
against the spec mock server live in ``tests/api_resources``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from typing import Any, Callable, Dict, List

import httpx
import pytest

from openai import AsyncOpenAI, OpenAI

CHAT_BODY = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-test",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "logprobs": None,
            "message": {"role": "assistant", "content": "hi", "refusal": None},
        }
    ],
}


def _client(handler: Callable[[httpx.Request], httpx.Response], seen: List[httpx.Request], **options: Any) -> OpenAI:
    def record(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return handler(request)

    return OpenAI(
        api_key="sk-ordinary",
        admin_api_key="sk-admin",
        base_url="http://test.invalid/v1",
        http_client=httpx.Client(transport=httpx.MockTransport(record)),
        max_retries=0,
        **options,
    )


def _json(body: object, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _request: httpx.Response(status, json=body)


# --- laziness -------------------------------------------------------------------


def _run(code: str) -> Dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_touching_a_resource_imports_no_type_module() -> None:
    result = _run(
        "import json, sys, openai\n"
        "c = openai.OpenAI(api_key='sk-x')\n"
        "c.chat.completions\n"
        "c.chat.completions.with_raw_response\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('openai', 'pydantic')))))"
    )
    assert not [m for m in result if m.startswith(("openai.types", "pydantic"))]
    resources = [m for m in result if m.startswith("openai.resources")]
    assert resources == [
        "openai.resources",
        "openai.resources._root",
        "openai.resources.chat",
        "openai.resources.chat.chat",
        "openai.resources.chat.completions",
        "openai.resources.chat.completions.completions",
    ]


def test_a_response_imports_its_type_module_on_first_parse() -> None:
    result = _run(
        "import json, sys, httpx, openai\n"
        f"body = {json.dumps(CHAT_BODY)!r}\n"
        "t = httpx.MockTransport(lambda r: httpx.Response(200, content=body, headers={'content-type': 'application/json'}))\n"
        "c = openai.OpenAI(api_key='sk-x', base_url='http://t/v1', http_client=httpx.Client(transport=t))\n"
        "before = 'openai.types.chat.chat_completion' in sys.modules\n"
        "c.chat.completions.create(model='m', messages=[])\n"
        "print(json.dumps([before, 'openai.types.chat.chat_completion' in sys.modules]))"
    )
    assert result == [False, True]


# --- request shapes ---------------------------------------------------------------


def test_empty_path_parameter_raises_naming_it() -> None:
    client = _client(_json({}), [])
    with pytest.raises(ValueError, match="Expected a non-empty value for `thread_id` but received ''"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            client.beta.threads.messages.retrieve("msg_1", thread_id="")
    with pytest.raises(ValueError, match="`file_id`"):
        client.files.retrieve("")


def test_path_parameters_are_quoted() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"id": "f", "object": "file"}), seen)
    client.files.retrieve("a/b c?d")
    assert seen[0].url.raw_path == b"/v1/files/a%2Fb%20c%3Fd"


def test_only_given_parameters_are_sent() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json(CHAT_BODY), seen)
    client.chat.completions.create(model="gpt-test", messages=[{"role": "user", "content": "hi"}], temperature=None)
    assert json.loads(seen[0].content) == {
        "model": "gpt-test",
        "messages": [{"role": "user", "content": "hi"}],
        "temperature": None,
    }


def test_query_parameters_in_brackets_format() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"data": [], "has_more": False, "object": "list"}), seen)
    client.conversations.items.list("conv_1", include=["message.output_text.logprobs"], limit=2)
    assert seen[0].url.path == "/v1/conversations/conv_1/items"
    assert seen[0].url.params.multi_items() == [("include[]", "message.output_text.logprobs"), ("limit", "2")]


def test_admin_endpoints_ask_for_the_admin_key() -> None:
    client = _client(_json({}), [])
    captured: List[Any] = []

    def request(cast_to: Any, options: Any, **_: Any) -> Any:
        captured.append(options.security)
        return None

    client.request = request  # type: ignore[method-assign]
    client.admin.organization.projects.retrieve("proj_1")
    client.models.list()
    assert captured == [{"admin_api_key_auth": True}, None]


def test_admin_endpoints_send_the_admin_key() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"id": "proj_1", "object": "organization.project"}), seen)
    client.admin.organization.projects.retrieve("proj_1")
    assert seen[0].headers["authorization"] == "Bearer sk-admin"


def test_assistants_send_the_beta_header() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"data": [], "has_more": False, "object": "list"}), seen)
    with pytest.warns(DeprecationWarning, match="Assistants API is deprecated"):
        client.beta.assistants.list(extra_headers={"X-Extra": "1"})
    assert seen[0].headers["openai-beta"] == "assistants=v2"
    assert seen[0].headers["x-extra"] == "1"


def test_multipart_upload() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"id": "file-1", "object": "file"}), seen)
    client.files.create(file=("notes.jsonl", b"{}\n"), purpose="batch")
    request = seen[0]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = request.content
    assert b'name="purpose"\r\n\r\nbatch' in body
    assert b'name="file"; filename="notes.jsonl"' in body


def test_json_unless_files_are_given() -> None:
    seen: List[httpx.Request] = []
    client = _client(_json({"id": "cfile_1", "object": "container.file"}), seen)
    client.containers.files.create("cntr_1", file_id="file-1")
    client.containers.files.create("cntr_1", file=b"data")
    assert seen[0].headers["content-type"] == "application/json"
    assert json.loads(seen[0].content) == {"file_id": "file-1"}
    assert seen[1].headers["content-type"].startswith("multipart/form-data")


def test_binary_and_text_and_empty_returns() -> None:
    from openai._legacy_response import HttpxBinaryResponseContent

    seen: List[httpx.Request] = []
    client = _client(lambda _r: httpx.Response(200, content=b"\x00\x01", headers={"content-type": "audio/mpeg"}), seen)
    content = client.audio.speech.create(input="hi", model="tts-1", voice="alloy")
    assert isinstance(content, HttpxBinaryResponseContent)
    assert content.read() == b"\x00\x01"
    assert seen[0].headers["accept"] == "application/octet-stream"
    with pytest.warns(DeprecationWarning):
        text = client.files.retrieve_content("file-1")
    assert text == "\x00\x01"
    assert client.responses.delete("resp_1") is None
    assert seen[-1].headers["accept"] == "*/*"


@pytest.mark.parametrize(
    ("response_format", "expected"),
    [(None, "Transcription"), ("verbose_json", "TranscriptionVerbose"), ("text", "str")],
)
def test_transcription_return_type_follows_response_format(response_format: Any, expected: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if b'name="response_format"\r\n\r\ntext' in request.content:
            return httpx.Response(200, text="hello", headers={"content-type": "text/plain"})
        return httpx.Response(200, json={"text": "hello", "duration": 1.0, "language": "en"})

    client = _client(handler, [])
    kwargs = {} if response_format is None else {"response_format": response_format}
    result = client.audio.transcriptions.create(file=b"audio", model="whisper-1", **kwargs)
    assert type(result).__name__ == expected


def test_realtime_call_sends_sdp_raw_or_as_parts() -> None:
    seen: List[httpx.Request] = []
    client = _client(lambda _r: httpx.Response(201, content=b"v=0", headers={"content-type": "application/sdp"}), seen)
    assert client.realtime.calls.create(sdp="v=0").read() == b"v=0"
    assert seen[0].headers["content-type"] == "application/sdp"
    assert seen[0].content == b"v=0"
    client.realtime.calls.create(sdp="v=0", session={"type": "realtime", "model": "gpt-realtime"})
    body = seen[1].content
    assert b'name="sdp"\r\nContent-Type: application/sdp\r\n\r\nv=0' in body
    assert b'name="session"\r\nContent-Type: application/json\r\n\r\n{"type":"realtime","model":"gpt-realtime"}' in body


def test_streaming_returns_chunks() -> None:
    chunk = {k: v for k, v in CHAT_BODY.items() if k != "choices"}
    chunk.update(
        object="chat.completion.chunk", choices=[{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}]
    )
    sse = f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()
    seen: List[httpx.Request] = []
    client = _client(lambda _r: httpx.Response(200, content=sse, headers={"content-type": "text/event-stream"}), seen)
    stream = client.chat.completions.create(model="m", messages=[], stream=True)
    chunks = list(stream)
    assert [type(c).__name__ for c in chunks] == ["ChatCompletionChunk"]
    assert chunks[0].choices[0].delta.content == "hi"
    assert json.loads(seen[0].content)["stream"] is True


# --- the resource tree ---------------------------------------------------------


def _reference(name: str) -> List[Dict[str, str]]:
    import csv

    from ._support import REFERENCE

    with (REFERENCE / name).open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_http_method_of_the_reference_exists() -> None:
    import inspect

    rows = [r for r in _reference("endpoints.tsv") if r["kind"] == "http"]
    assert len(rows) == 266
    missing: List[str] = []
    for client in (OpenAI(api_key="sk-x"), AsyncOpenAI(api_key="sk-x")):
        for row in rows:
            target: Any = client
            for part in row["sdk_path"].split("."):
                target = getattr(target, part, None)
            if not callable(target):
                missing.append(f"{type(client).__name__}.{row['sdk_path']}")
            elif isinstance(client, AsyncOpenAI) and not row["page_class"]:
                # `deprecated` wraps in a plain function (as in 2.38); the method under it is async
                assert inspect.iscoroutinefunction(inspect.unwrap(target)), row["sdk_path"]
    assert missing == []


def test_every_resource_export_of_the_reference_imports() -> None:
    import importlib

    rows = [r for r in _reference("exports.tsv") if r["module"].startswith("openai.resources")]
    assert len(rows) == 674
    missing = [
        f"{r['module']}.{r['name']}" for r in rows if not hasattr(importlib.import_module(r["module"]), r["name"])
    ]
    assert missing == []


def test_resources_accept_patching() -> None:
    client = _client(_json(CHAT_BODY), [])
    completions = client.chat.completions
    completions.create = lambda **kwargs: ("patched", kwargs)  # type: ignore[method-assign,assignment]
    assert client.chat.completions.create(model="m") == ("patched", {"model": "m"})  # type: ignore[call-arg]


def test_classes_accept_patching(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai.resources.chat.completions.completions import Completions

    monkeypatch.setattr(Completions, "retrieve", lambda self, completion_id, **_: f"patched {completion_id}")
    assert _client(_json({}), []).chat.completions.retrieve("c1") == "patched c1"


def test_views_of_the_whole_client() -> None:
    from openai._legacy_response import LegacyAPIResponse

    seen: List[httpx.Request] = []
    client = _client(_json(CHAT_BODY), seen)
    raw = client.with_raw_response.chat.completions.create(model="m", messages=[])
    assert isinstance(raw, LegacyAPIResponse)
    assert raw.parse().choices[0].message.content == "hi"
    with client.with_streaming_response.models.list() as response:
        assert response.http_request.url.path == "/v1/models"
    assert "x-stainless-raw-response" not in seen[0].headers


def test_beta_chat_is_the_chat_resource() -> None:
    from openai.resources.chat.completions.completions import Completions

    client = _client(_json({}), [])
    assert type(client.beta.chat.completions) is Completions
    assert not hasattr(client.beta.with_raw_response, "chat")


async def test_async_resources() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, json={"data": [{"id": "m1", "object": "model", "created": 1, "owned_by": "x"}], "object": "list"}
        )

    client = AsyncOpenAI(
        api_key="sk-x",
        base_url="http://test.invalid/v1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
    )
    page = await client.models.list()
    assert [m.id for m in page.data] == ["m1"]
    assert [m.id async for m in client.models.list()] == ["m1"]
    with pytest.raises(ValueError, match="`model`"):
        await client.models.retrieve("")
    await client.close()


# --- the generator's mixin hook -------------------------------------------------


def test_mixin_hook() -> None:
    from codegen import build, config
    from codegen.emit_resources import render_resource_module
    from codegen.resources import load_tree
    from codegen.spec import Spec

    spec, cfg = Spec.load(), config.load()
    lowered = build.lower_types(spec, cfg)
    entry = next(e for e in cfg.resources if e.path == "chat.completions")
    entry.mixins = ["openai.lib._no_such_module:CompletionsMixin"]
    entry.async_mixins = ["openai._utils._proxy:LazyProxy"]  # any existing module will do
    entry.helpers = {"parse": "raw"}
    entry.exports = {"Omit": "openai._types"}
    warned: List[str] = []
    tree = load_tree(spec, cfg, lowered, warned)
    res = tree.by_path["chat.completions"]
    assert res.mixins == []  # the module does not exist (yet): no base class, a warning
    assert any("openai.lib._no_such_module" in w for w in warned)
    text = render_resource_module(res, lowered)
    assert "class Completions(SyncAPIResource):" in text
    assert "from ...._utils._proxy import LazyProxy" in text
    assert "class AsyncCompletions(LazyProxy, AsyncAPIResource):" in text
    assert "self.parse = async_to_raw_response_wrapper(completions.parse)" in text
    assert "self.parse = to_raw_response_wrapper" not in text  # no sync mixin, no sync helper
    assert '_HANDWRITTEN: Dict[str, str] = {"Omit": "openai._types"}' in text
    typing_line = next(line for line in text.splitlines() if line.startswith("from typing import"))
    assert {"Any", "Dict"} <= set(typing_line[len("from typing import ") :].split(", "))  # its annotations' names
    namespace: Dict[str, Any] = {"__name__": "openai.resources.chat.completions.completions"}
    exec(compile(text.replace("from ....", "from openai."), "<generated>", "exec"), namespace)
    assert namespace["__getattr__"]("Omit").__name__ == "Omit"


def test_several_mixins() -> None:
    from codegen import build, config
    from codegen.emit_resources import render_resource_module
    from codegen.resources import load_tree
    from codegen.spec import Spec

    spec, cfg = Spec.load(), config.load()
    lowered = build.lower_types(spec, cfg)
    entry = next(e for e in cfg.resources if e.path == "chat.completions")
    # any existing modules will do; a missing one in the list is left out on its own
    entry.mixins = ["openai._utils._proxy:LazyProxy", "openai.lib._no_such_module:X", "openai._types:Omit"]
    entry.async_mixins = ["openai._types:NotGiven", "openai._types:Omit"]
    warned: List[str] = []
    res = load_tree(spec, cfg, lowered, warned).by_path["chat.completions"]
    assert res.mixins == ["openai._utils._proxy:LazyProxy", "openai._types:Omit"]
    assert any("openai.lib._no_such_module:X" in w for w in warned)
    text = render_resource_module(res, lowered)
    assert "class Completions(LazyProxy, Omit, SyncAPIResource):" in text
    assert "class AsyncCompletions(NotGiven, Omit, AsyncAPIResource):" in text
    assert "from ...._types import NotGiven, Omit, not_given, omit" in text


def test_mixin_config_values(tmp_path: Any) -> None:
    from codegen import config

    def load(value: str) -> config.Config:
        (tmp_path / "x.yaml").write_text(f"resources:\n  things:\n    class: Things\n    mixin: {value}\n")
        return config.load(tmp_path)

    assert load("'a.b:C'").resources[0].mixins == ["a.b:C"]
    assert load("['a.b:C', 'd:E']").resources[0].mixins == ["a.b:C", "d:E"]
    with pytest.raises(config.ConfigError, match="things.mixin"):
        load("['a.b:C', 3]")
    with pytest.raises(config.ConfigError, match="share a class name"):
        load("['a.b:C', 'd:C']")


def test_model_mixin_hook() -> None:
    from codegen import build, config
    from codegen.emit_types import render_module
    from codegen.spec import Spec

    spec, cfg = Spec.load(), config.load()
    entry = next(t for t in cfg.types if t.name == "ResponseUsage")
    entry.options["mixin"] = "openai._utils._proxy:LazyProxy"  # any existing module will do
    lowered = build.lower_types(spec, cfg)
    text = render_module(lowered.modules["openai.types.responses.response_usage"])
    assert "from ..._utils._proxy import LazyProxy" in text
    assert "class ResponseUsage(LazyProxy, BaseModel):" in text
    entry.options["mixin"] = "openai.lib._no_such_module:UsageMixin"
    lowered = build.lower_types(spec, cfg)
    assert "class ResponseUsage(BaseModel):" in render_module(lowered.modules["openai.types.responses.response_usage"])
    assert any("openai.lib._no_such_module" in w for w in lowered.warnings)

"""The private and helper modules libraries import (issue 8's table, and every
(module, name) pair compat/inventory.json found in the twelve libraries and the
packages they install), each imported and exercised."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import httpx
import pytest
from pydantic import BaseModel

from ._snapshot import official

INVENTORY = Path(__file__).resolve().parents[2] / "compat" / "inventory.json"

# Issue 8's table: module -> names.
ISSUE_8_TABLE: Dict[str, List[str]] = {
    "openai._types": [
        "Body", "Query", "Headers", "RequestOptions", "NotGiven", "NOT_GIVEN",
        "Omit", "omit", "FileTypes", "SequenceNotStr",
    ],
    "openai._models": ["BaseModel", "construct_type", "construct_type_unchecked"],
    "openai._streaming": ["Stream", "AsyncStream", "SSEDecoder", "ServerSentEvent"],
    "openai._legacy_response": ["LegacyAPIResponse", "HttpxBinaryResponseContent"],
    "openai._base_client": ["make_request_options"],
    "openai._constants": ["RAW_RESPONSE_HEADER"],
    "openai._utils": ["PropertyInfo"],
    "openai._utils._transform": ["PropertyInfo"],
    "openai.lib._pydantic": ["to_strict_json_schema"],
    "openai.lib._parsing._completions": [
        "is_basemodel_type", "type_to_response_format_param", "parse_chat_completion",
    ],
    "openai.lib._parsing._responses": ["type_to_text_format_param", "parse_response"],
    "openai.lib.streaming.chat": ["ChatCompletionStream"],
    "openai.lib.streaming._assistants": [
        "AssistantEventHandler", "AsyncAssistantEventHandler",
        "AssistantStreamManager", "AsyncAssistantStreamManager",
    ],
    "openai.lib.azure": ["AzureADTokenProvider", "AsyncAzureADTokenProvider"],
    "openai.resources.beta.threads": ["AsyncThreads", "AsyncMessages", "AsyncRuns"],
    "openai.resources.realtime.realtime": ["AsyncRealtimeConnection", "RealtimeConnection"],
    "openai.resources.chat.completions.completions": ["_type_to_response_format"],
}  # fmt: skip

# Names 2.38's private modules define that ours does not have: internal helpers of
# its implementation that no library in compat/INVENTORY.md uses.
KNOWN_ABSENT: Dict[str, List[str]] = {
    "openai._base_client": [
        "ForceMultipartDict", "INITIAL_RETRY_DELAY", "MAX_RETRY_DELAY",
        "OVERRIDE_CAST_TO_HEADER", "OtherArch", "OtherPlatform", "PYDANTIC_V1",
        "get_architecture", "get_platform", "get_python_runtime", "get_python_version",
    ],
    "openai._models": [
        "CachedDiscriminatorType", "DiscriminatorDetails", "FinalRequestOptionsInput",
        "PYDANTIC_V1", "RAW_RESPONSE_HEADER", "add_request_id", "set_pydantic_config",
    ],
    "openai._response": [
        "MissingStreamClassError", "OVERRIDE_CAST_TO_HEADER", "StreamAlreadyConsumed",
        "async_to_raw_response_wrapper", "to_raw_response_wrapper",
    ],
    "openai._types": ["HeadersLikeProtocol", "InheritsGeneric", "ModelBuilderProtocol"],
    "openai.lib._parsing._completions": [
        "PYDANTIC_V1", "is_strict_chat_completion_tool_param", "select_strict_chat_completion_tools",
    ],
    "openai.lib._parsing._responses": ["PYDANTIC_V1"],
    "openai.lib._pydantic": ["PYDANTIC_V1", "has_more_than_n_keys", "is_dict", "resolve_ref"],
    "openai.lib.streaming._assistants": ["accumulate_event", "accumulate_run_step"],
    "openai.pagination": ["CursorPageItem"],
}  # fmt: skip


def _resolves(modname: str, name: str) -> bool:
    mod = importlib.import_module(modname)
    if hasattr(mod, name):
        return True
    try:  # a submodule: ``from openai.lib import _parsing``
        importlib.import_module(f"{modname}.{name}")
    except ImportError:
        return False
    return True


@pytest.mark.parametrize(("modname", "names"), sorted(ISSUE_8_TABLE.items()))
def test_issue_8_table_row(modname: str, names: List[str]) -> None:
    mod = importlib.import_module(modname)
    for name in names:
        assert getattr(mod, name) is not None, f"{modname}.{name}"


def _inventory_pairs() -> List[Tuple[str, str]]:
    data: Dict[str, Any] = json.loads(INVENTORY.read_text())
    stale = set(
        data["not_in_official_2_38"]
    )  # version-guarded imports of names 2.38 lacks
    pairs = set()
    for section in (data["modules"], data["secondary"]["modules"]):
        for modname, names in section.items():
            pairs |= {
                (modname, n)
                for n in names
                if n != "*" and f"{modname}.{n}" not in stale
            }
    return sorted(pairs)


def test_every_name_the_libraries_import_resolves() -> None:
    pairs = _inventory_pairs()
    assert len(pairs) > 500
    assert ("openai.types.chat.chat_completion_chunk", "ChoiceDelta") in pairs
    unresolved = [f"{m}.{n}" for m, n in pairs if not _resolves(m, n)]
    assert unresolved == []


def test_private_module_names_of_2_38() -> None:
    missing: Dict[str, List[str]] = {}
    for modname, names in official()["modules"].items():
        absent = [
            n for n in names if not n.startswith("_") and not _resolves(modname, n)
        ]
        if absent:
            missing[modname] = absent
    assert missing == KNOWN_ABSENT


def test_types_private_names() -> None:
    from openai._types import (
        NOT_GIVEN,
        FileTypes,
        NotGiven,
        Omit,
        RequestOptions,
        Response,
        omit,
    )

    assert Response is httpx.Response  # litellm
    assert isinstance(NOT_GIVEN, NotGiven) and not NOT_GIVEN
    assert isinstance(omit, Omit) and not omit
    assert "timeout" in RequestOptions.__annotations__
    assert FileTypes is not None


def test_timeout_is_httpx_timeout() -> None:
    # litellm builds httpx.Timeout(connect=t.connect, ...) from an openai.Timeout
    import openai
    from openai._types import Timeout

    assert openai.Timeout is httpx.Timeout and Timeout is httpx.Timeout
    timeout = openai.Timeout(30.0, connect=5.0)
    assert (timeout.connect, timeout.read) == (5.0, 30.0)
    assert openai.Transport is httpx.BaseTransport


def test_models_construct_type() -> None:
    from openai._models import BaseModel as OpenAIBaseModel
    from openai._models import construct_type, construct_type_unchecked
    from openai.types.chat import ChatCompletionChunk

    raw = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}],
    }
    chunk = construct_type(value=raw, type_=ChatCompletionChunk)  # agents
    assert (
        isinstance(chunk, ChatCompletionChunk)
        and chunk.choices[0].delta.content == "hi"
    )
    unchecked = construct_type_unchecked(
        value=raw, type_=ChatCompletionChunk
    )  # semantic-kernel
    assert unchecked.choices[0].delta.content == "hi"
    assert issubclass(ChatCompletionChunk, OpenAIBaseModel)


def test_streaming_sse_decoder() -> None:
    from openai._streaming import ServerSentEvent, SSEDecoder

    events = list(
        SSEDecoder().iter_bytes(iter([b'event: ping\ndata: {"a"', b": 1}\n\n"]))
    )
    assert len(events) == 1 and isinstance(events[0], ServerSentEvent)
    assert events[0].event == "ping" and events[0].json() == {"a": 1}


def test_legacy_response_names() -> None:
    from openai import _legacy_response  # semantic-kernel imports the module itself
    from openai._legacy_response import HttpxBinaryResponseContent, LegacyAPIResponse

    content = HttpxBinaryResponseContent(httpx.Response(200, content=b"audio"))
    assert content.read() == b"audio" and content.content == b"audio"
    assert _legacy_response.LegacyAPIResponse is LegacyAPIResponse


def test_make_request_options_and_raw_header() -> None:
    import inspect

    from openai._base_client import make_request_options
    from openai._constants import RAW_RESPONSE_HEADER

    # litellm checks for ``security`` in the signature, then passes the official dict
    assert "security" in inspect.signature(make_request_options).parameters
    options = make_request_options(
        extra_headers={RAW_RESPONSE_HEADER: "raw"}, security={"bearer_auth": True}
    )
    assert options.get("headers") == {RAW_RESPONSE_HEADER: "raw"}
    assert options.get("security") == {"bearer_auth": True}
    assert RAW_RESPONSE_HEADER == "X-Stainless-Raw-Response"


def test_property_info() -> None:
    from openai._utils import PropertyInfo
    from openai._utils._transform import PropertyInfo as FromTransform

    assert PropertyInfo is FromTransform
    info = PropertyInfo(alias="from")  # openai-responses builds params with it
    assert info.alias == "from"


class _Answer(BaseModel):
    text: str
    score: int


def test_lib_parsing_and_pydantic() -> None:
    from openai.lib import _parsing, _pydantic  # litellm

    # is_basemodel_type is imported there, not listed in __all__, as in 2.38
    from openai.lib._parsing._completions import (  # type: ignore[attr-defined]
        is_basemodel_type,
        type_to_response_format_param,
    )
    from openai.lib._parsing._responses import type_to_text_format_param

    schema = _pydantic.to_strict_json_schema(_Answer)
    assert schema["additionalProperties"] is False and schema["required"] == [
        "text",
        "score",
    ]
    assert is_basemodel_type(_Answer) and not is_basemodel_type(dict)
    chat_format = type_to_response_format_param(_Answer)
    assert (
        chat_format["type"] == "json_schema"
        and chat_format["json_schema"]["name"] == "_Answer"
    )
    text_format = type_to_text_format_param(_Answer)
    assert text_format["type"] == "json_schema" and text_format["strict"] is True
    from openai.lib._parsing import _completions, _responses

    assert _parsing._completions is _completions
    assert callable(_completions.parse_chat_completion) and callable(
        _responses.parse_response
    )


def test_parse_chat_completion() -> None:
    from openai.lib._parsing._completions import parse_chat_completion
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate(
        {
            "id": "c",
            "object": "chat.completion",
            "created": 1,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {
                        "role": "assistant",
                        "content": '{"text": "a", "score": 2}',
                    },
                }
            ],
        }
    )
    parsed = parse_chat_completion(
        response_format=_Answer, input_tools=[], chat_completion=completion
    )
    assert parsed.choices[0].message.parsed == _Answer(text="a", score=2)


def test_assistant_event_handlers_subclassable() -> None:
    from openai.lib.streaming._assistants import (
        AssistantEventHandler,
        AsyncAssistantEventHandler,
    )

    seen: List[str] = []

    class Handler(AssistantEventHandler):
        def on_text_delta(self, delta: Any, snapshot: Any) -> None:
            seen.append(delta.value)

    assert issubclass(Handler, AssistantEventHandler)
    assert Handler().current_run is None
    assert AsyncAssistantEventHandler.__name__ == "AsyncAssistantEventHandler"


def test_chat_completion_stream_class() -> None:
    from openai.lib.streaming.chat import (
        AsyncChatCompletionStream,
        ChatCompletionStream,
    )

    assert (
        ChatCompletionStream.__name__ == "ChatCompletionStream"
    )  # crewai annotates with it
    assert hasattr(ChatCompletionStream, "get_final_completion")
    assert hasattr(AsyncChatCompletionStream, "get_final_completion")


def test_azure_token_provider_aliases() -> None:
    from openai.lib.azure import AsyncAzureADTokenProvider, AzureADTokenProvider

    def provider() -> str:
        return "token"

    sync: AzureADTokenProvider = provider
    assert sync() == "token"
    assert AsyncAzureADTokenProvider is not None


def test_submodules_as_attributes_of_lazy_packages() -> None:
    # pydantic-ai, autogen, agents import submodules by name from lazy packages
    from openai.types import chat, completion_usage, responses
    from openai.types.chat import (
        chat_completion,
        chat_completion_chunk,
        completion_create_params,
    )
    from openai.types.responses import response_create_params

    assert chat_completion.ChatCompletion.__name__ == "ChatCompletion"
    assert chat_completion_chunk.ChoiceDelta.__name__ == "ChoiceDelta"
    assert (
        "messages"
        in completion_create_params.CompletionCreateParamsBase.__annotations__
    )
    assert response_create_params.ToolChoice is not None
    assert chat.ChatCompletion is chat_completion.ChatCompletion
    assert responses.Response.__name__ == "Response"
    assert completion_usage.CompletionUsage.__name__ == "CompletionUsage"


def test_pre_1_0_names_raise_a_clear_error() -> None:
    import openai
    from openai.lib._old_api import APIRemovedInV1

    assert hasattr(openai, "ChatCompletion")  # a placeholder, as in 2.38
    with pytest.raises(
        APIRemovedInV1, match=r"openai\.ChatCompletion was removed in openai 1\.0"
    ):
        openai.ChatCompletion.create(model="gpt-4o", messages=[])
    with pytest.raises(openai.OpenAIError):
        openai.Completion()

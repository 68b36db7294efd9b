"""The IR entry point the resource emitter uses: method signatures per operation."""

from __future__ import annotations

import pytest
from codegen import build, config
from codegen.emit_types import Imports
from codegen.lower import Lowered
from codegen.signatures import MethodSignature, method_signature, render_annotation
from codegen.spec import Spec


@pytest.fixture(scope="module")
def context() -> tuple[Spec, config.Config, Lowered]:
    spec = Spec.load()
    cfg = config.load()
    return spec, cfg, build.lower_types(spec, cfg)


def _sig(context: tuple[Spec, config.Config, Lowered], operation_id: str) -> MethodSignature:
    spec, cfg, lowered = context
    return method_signature(spec, cfg, lowered, operation_id)


def test_streaming_create(context: tuple[Spec, config.Config, Lowered]) -> None:
    sig = _sig(context, "createChatCompletion")
    assert sig.operation.method == "post" and sig.operation.url == "/chat/completions"
    assert sig.params_module == "openai.types.chat.completion_create_params"
    assert sig.params_class == "CompletionCreateParams"
    assert sig.streaming_classes == (
        "CompletionCreateParamsNonStreaming",
        "CompletionCreateParamsStreaming",
    )
    by_name = {p.name: p for p in sig.params}
    assert by_name["messages"].required and by_name["model"].required
    assert not by_name["stream"].required
    imp = Imports("openai.resources.chat.completions.completions", local=set())
    assert render_annotation(by_name["messages"], imp) == "Iterable[ChatCompletionMessageParam]"
    assert render_annotation(by_name["temperature"], imp) == "Optional[float]"
    assert imp.refs["openai.types.chat.chat_completion_message_param"] == {"ChatCompletionMessageParam"}


def test_path_params_in_url_order(context: tuple[Spec, config.Config, Lowered]) -> None:
    sig = _sig(context, "getChatCompletion")
    assert [p.name for p in sig.path_params] == ["completion_id"]
    assert sig.params_module is None
    nested = _sig(context, "getVectorStoreFile")
    assert [p.name for p in nested.path_params] == ["vector_store_id", "file_id"]


def test_multipart_and_query(context: tuple[Spec, config.Config, Lowered]) -> None:
    upload = _sig(context, "createFile")
    assert upload.is_multipart
    assert [p.name for p in upload.params if p.is_file] == ["file"]
    listing = _sig(context, "list-audit-logs")
    assert {p.location for p in listing.params} == {"query"}
    # spec names like ``actor_ids[]`` become ``actor_ids``; the encoder adds brackets
    assert "actor_ids" in {p.api_name for p in listing.params}

"""``chat.completions.parse()`` and the parsing functions behind it, against recorded JSON."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Dict, List, Optional

import httpx
import pytest
import respx
from pydantic import BaseModel

import openai
from openai.lib._parsing import (
    get_input_tool_by_name,
    has_parseable_input,
    maybe_parse_content,
    parse_chat_completion,
    parse_function_tool_arguments,
    type_to_response_format_param,
    validate_input_tools,
)
from openai.types.chat import (
    ChatCompletion,
    ParsedChatCompletion,
    ParsedChatCompletionMessage,
    ParsedChoice,
    ParsedFunction,
    ParsedFunctionToolCall,
)

from ._support import (
    BASE_URL,
    chat_completion,
    choice,
    function_call,
    json_response,
    make_async_client,
    make_client,
    request_json,
)


class Step(BaseModel):
    explanation: str
    output: str


class MathAnswer(BaseModel):
    steps: List[Step]
    final_answer: str


class GetWeather(BaseModel):
    """Look up the weather."""

    city: str
    unit: str


@dataclasses.dataclass
class Point:
    x: int
    y: int


MATH_JSON = json.dumps(
    {
        "steps": [{"explanation": "subtract 31", "output": "8x = -29"}],
        "final_answer": "x = -29/8",
    }
)
STRICT_LOOKUP: Dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "lookup",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        },
    },
}


# ----------------------------------------------------------------------------- request side


def test_response_format_from_a_model_is_a_strict_json_schema() -> None:
    param = type_to_response_format_param(MathAnswer)
    assert param["type"] == "json_schema"
    assert param["json_schema"]["name"] == "MathAnswer"
    assert param["json_schema"]["strict"] is True
    schema = param["json_schema"]["schema"]
    assert schema["required"] == ["steps", "final_answer"]
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Step"]["additionalProperties"] is False


def test_response_format_from_a_dataclass_and_passthrough() -> None:
    param = type_to_response_format_param(Point)
    assert param["json_schema"]["name"] == "Point"
    assert param["json_schema"]["schema"]["required"] == ["x", "y"]
    given = {"type": "json_object"}
    assert type_to_response_format_param(given) is given
    assert type_to_response_format_param(openai.omit) is openai.omit
    with pytest.raises(TypeError, match="response_format"):
        type_to_response_format_param(int)


def test_validate_input_tools_names_the_bad_tool() -> None:
    assert validate_input_tools(openai.omit) is openai.omit
    tools = [STRICT_LOOKUP, openai.pydantic_function_tool(GetWeather)]
    assert validate_input_tools(tools) is tools
    loose = {"type": "function", "function": {"name": "loose", "parameters": {}}}
    with pytest.raises(
        ValueError, match=r"`tools\[1\]` \(function `loose`\) is not strict"
    ):
        validate_input_tools([STRICT_LOOKUP, loose])
    with pytest.raises(ValueError, match=r"`tools\[0\]` has type 'custom'"):
        validate_input_tools([{"type": "custom", "custom": {"name": "x"}}])


def test_has_parseable_input() -> None:
    assert has_parseable_input(response_format=MathAnswer)
    assert not has_parseable_input(response_format={"type": "json_object"})
    assert not has_parseable_input(response_format=openai.omit, input_tools=openai.omit)
    assert has_parseable_input(response_format=openai.omit, input_tools=[STRICT_LOOKUP])
    loose = {"type": "function", "function": {"name": "loose", "parameters": {}}}
    assert not has_parseable_input(response_format=openai.omit, input_tools=[loose])


# ----------------------------------------------------------------------------- response side


def _completion(*choices: Dict[str, Any]) -> ChatCompletion:
    return ChatCompletion.model_validate(chat_completion(*choices))


def test_parse_chat_completion_fills_parsed_and_keeps_everything_else() -> None:
    raw = _completion(choice(MATH_JSON))
    parsed = parse_chat_completion(
        response_format=MathAnswer, input_tools=openai.omit, chat_completion=raw
    )
    assert isinstance(parsed, ParsedChatCompletion)
    assert type(parsed).__name__ == "ParsedChatCompletion[MathAnswer]"
    first = parsed.choices[0]
    assert isinstance(first, ParsedChoice) and isinstance(
        first.message, ParsedChatCompletionMessage
    )
    assert first.message.parsed == MathAnswer(
        steps=[Step(explanation="subtract 31", output="8x = -29")],
        final_answer="x = -29/8",
    )
    assert first.message.content == MATH_JSON
    assert parsed.usage is not None and parsed.usage.total_tokens == 15
    assert parsed.id == raw.id and parsed.model == raw.model
    dumped = first.message.to_dict()
    assert (
        dumped["parsed"]["final_answer"] == "x = -29/8" and dumped["tool_calls"] is None
    )


def test_parse_several_choices_and_a_refusal() -> None:
    raw = _completion(
        choice(MATH_JSON, index=0),
        choice(None, index=1, refusal="I can't help with that."),
        choice(MATH_JSON.replace("-29/8", "1"), index=2),
    )
    parsed = parse_chat_completion(
        response_format=MathAnswer, input_tools=openai.omit, chat_completion=raw
    )
    assert [c.index for c in parsed.choices] == [0, 1, 2]
    assert parsed.choices[0].message.parsed is not None
    assert parsed.choices[0].message.parsed.final_answer == "x = -29/8"
    assert parsed.choices[1].message.parsed is None
    assert parsed.choices[1].message.refusal == "I can't help with that."
    assert (
        parsed.choices[2].message.parsed is not None
        and parsed.choices[2].message.parsed.final_answer == "x = 1"
    )


@pytest.mark.parametrize(
    ("finish_reason", "error"),
    [
        ("length", openai.LengthFinishReasonError),
        ("content_filter", openai.ContentFilterFinishReasonError),
    ],
)
def test_cut_choices_raise(finish_reason: str, error: type) -> None:
    raw = _completion(choice('{"steps": [', finish_reason=finish_reason))
    with pytest.raises(error) as info:
        parse_chat_completion(
            response_format=MathAnswer, input_tools=openai.omit, chat_completion=raw
        )
    if finish_reason == "length":
        assert info.value.completion.choices[0].message.content == '{"steps": ['
        assert "length limit" in str(info.value)


def test_tool_arguments_are_parsed_for_pydantic_and_strict_tools_only() -> None:
    loose = {"type": "function", "function": {"name": "loose", "parameters": {}}}
    raw = _completion(
        choice(
            None,
            finish_reason="tool_calls",
            tool_calls=[
                function_call("call_1", "GetWeather", '{"city": "Oslo", "unit": "c"}'),
                function_call("call_2", "lookup", '{"q": "rain"}'),
                function_call("call_3", "loose", '{"anything": 1}'),
                function_call("call_4", "unknown", "{}"),
            ],
        )
    )
    tools = [openai.pydantic_function_tool(GetWeather), STRICT_LOOKUP, loose]
    parsed = parse_chat_completion(
        response_format=openai.omit, input_tools=tools, chat_completion=raw
    )
    calls = parsed.choices[0].message.tool_calls
    assert calls is not None and all(
        isinstance(c, ParsedFunctionToolCall) for c in calls
    )
    assert all(isinstance(c.function, ParsedFunction) for c in calls)
    assert calls[0].function.parsed_arguments == GetWeather(city="Oslo", unit="c")
    assert calls[1].function.parsed_arguments == {"q": "rain"}
    assert calls[2].function.parsed_arguments is None
    assert calls[3].function.parsed_arguments is None
    assert [c.id for c in calls] == ["call_1", "call_2", "call_3", "call_4"]
    assert parsed.choices[0].message.parsed is None


def test_custom_tool_calls_pass_through() -> None:
    raw = _completion(
        choice(
            None,
            finish_reason="tool_calls",
            tool_calls=[
                {
                    "id": "call_c",
                    "type": "custom",
                    "custom": {"name": "grammar", "input": "a b"},
                }
            ],
        )
    )
    parsed = parse_chat_completion(
        response_format=openai.omit, input_tools=[], chat_completion=raw
    )
    calls = parsed.choices[0].message.tool_calls
    assert calls is not None and calls[0].type == "custom"  # type: ignore[comparison-overlap]


def test_helper_functions() -> None:
    tools = [STRICT_LOOKUP, openai.pydantic_function_tool(GetWeather)]
    assert get_input_tool_by_name(input_tools=tools, name="lookup") is STRICT_LOOKUP
    assert get_input_tool_by_name(input_tools=tools, name="nope") is None
    fn = ParsedFunction(name="GetWeather", arguments='{"city": "A", "unit": "f"}')
    assert parse_function_tool_arguments(input_tools=tools, function=fn) == GetWeather(
        city="A", unit="f"
    )
    message = ParsedChatCompletionMessage[object](
        role="assistant", content='{"x": 1, "y": 2}'
    )
    assert maybe_parse_content(response_format=Point, message=message) == Point(
        x=1, y=2
    )
    refused = ParsedChatCompletionMessage[object](
        role="assistant", content="{}", refusal="no"
    )
    assert maybe_parse_content(response_format=Point, message=refused) is None


def test_invalid_content_raises_a_validation_error() -> None:
    import pydantic

    raw = _completion(choice('{"steps": "not a list", "final_answer": 1}'))
    with pytest.raises(pydantic.ValidationError) as info:
        parse_chat_completion(
            response_format=MathAnswer, input_tools=openai.omit, chat_completion=raw
        )
    assert "steps" in str(info.value)


# ----------------------------------------------------------------------------- through the client


@respx.mock(base_url=BASE_URL)
def test_parse_sends_the_schema_and_returns_parsed(
    respx_mock: respx.MockRouter,
) -> None:
    route = respx_mock.post("/chat/completions").mock(
        return_value=json_response(chat_completion(choice(MATH_JSON)))
    )
    client = make_client()
    completion = client.chat.completions.parse(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "solve 8x + 31 = 2"}],
        response_format=MathAnswer,
    )
    sent = request_json(route.calls.last.request)
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "MathAnswer"
    assert sent["stream"] is False
    assert (
        route.calls.last.request.headers["x-stainless-helper-method"]
        == "chat.completions.parse"
    )
    message = completion.choices[0].message
    assert message.parsed is not None and message.parsed.final_answer == "x = -29/8"
    assert completion._request_id == "req_json"


@respx.mock(base_url=BASE_URL)
def test_parse_with_tools_from_a_generator(respx_mock: respx.MockRouter) -> None:
    body = chat_completion(
        choice(
            None,
            finish_reason="tool_calls",
            tool_calls=[
                function_call("c1", "GetWeather", '{"city":"Rome","unit":"c"}')
            ],
        )
    )
    route = respx_mock.post("/chat/completions").mock(return_value=json_response(body))
    client = make_client()
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "weather?"}],
        tools=(t for t in [openai.pydantic_function_tool(GetWeather)]),
    )
    sent = request_json(route.calls.last.request)
    assert [t["function"]["name"] for t in sent["tools"]] == ["GetWeather"]
    assert sent["tools"][0]["function"]["strict"] is True
    calls = completion.choices[0].message.tool_calls
    assert calls is not None and calls[0].function.parsed_arguments == GetWeather(
        city="Rome", unit="c"
    )


@respx.mock(base_url=BASE_URL, assert_all_called=False)
def test_parse_refuses_loose_tools_before_sending(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(
        return_value=json_response(chat_completion(choice("x")))
    )
    client = make_client()
    with pytest.raises(ValueError, match="not strict"):
        client.chat.completions.parse(
            model="gpt-4o",
            messages=[],
            tools=[
                {"type": "function", "function": {"name": "loose", "parameters": {}}}
            ],
        )
    assert not route.called


@respx.mock(base_url=BASE_URL)
def test_parse_raw_and_streaming_views(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(
        return_value=json_response(chat_completion(choice(MATH_JSON)))
    )
    client = make_client()
    raw = client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[], response_format=MathAnswer
    )
    assert raw.headers["x-request-id"] == "req_json"
    parsed = raw.parse()
    assert (
        isinstance(parsed, ParsedChatCompletion)
        and parsed.choices[0].message.parsed is not None
    )
    with client.chat.completions.with_streaming_response.parse(
        model="gpt-4o", messages=[], response_format=MathAnswer
    ) as streamed:
        result = streamed.parse()
    assert result.choices[0].message.parsed.final_answer == "x = -29/8"


@respx.mock(base_url=BASE_URL)
def test_parse_length_cut_raises(respx_mock: respx.MockRouter) -> None:
    body = chat_completion(choice('{"steps": [{"expl', finish_reason="length"))
    respx_mock.post("/chat/completions").mock(return_value=json_response(body))
    with pytest.raises(openai.LengthFinishReasonError):
        make_client().chat.completions.parse(
            model="gpt-4o", messages=[], response_format=MathAnswer
        )


@respx.mock(base_url=BASE_URL)
async def test_async_parse(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(
        return_value=json_response(chat_completion(choice('{"x": 3, "y": 4}')))
    )
    client = make_async_client()
    completion = await client.chat.completions.parse(
        model="gpt-4o", messages=[], response_format=Point
    )
    assert completion.choices[0].message.parsed == Point(x=3, y=4)
    assert (
        request_json(route.calls.last.request)["response_format"]["json_schema"]["name"]
        == "Point"
    )
    raw = await client.chat.completions.with_raw_response.parse(
        model="gpt-4o", messages=[], response_format=Point
    )
    assert raw.parse().choices[0].message.parsed == Point(x=3, y=4)


def test_compat_name_in_the_resource_module() -> None:
    from openai.resources.chat.completions.completions import _type_to_response_format

    assert _type_to_response_format is type_to_response_format_param


def test_parsed_types_are_exported_where_the_official_package_has_them() -> None:
    import openai.types.chat as chat_types
    import openai.types.responses as responses_types

    for name in (
        "ParsedChatCompletion",
        "ParsedChoice",
        "ParsedChatCompletionMessage",
        "ParsedFunction",
        "ParsedFunctionToolCall",
    ):
        assert getattr(chat_types, name).__name__ == name
    for name in (
        "ParsedResponse",
        "ParsedResponseOutputMessage",
        "ParsedResponseOutputText",
        "ParsedResponseFunctionToolCall",
    ):
        assert getattr(responses_types, name).__name__ == name
    assert (
        responses_types.ParsedContent is not None
        and responses_types.ParsedResponseOutputItem is not None
    )
    from openai.lib import ResponseFormatT

    assert ResponseFormatT.__name__ == "ResponseFormatT"


def test_parse_with_a_dict_response_format_leaves_parsed_empty() -> None:
    raw = _completion(choice('{"a": 1}'))
    parsed = parse_chat_completion(
        response_format={"type": "json_object"},
        input_tools=openai.omit,
        chat_completion=raw,
    )
    assert parsed.choices[0].message.parsed is None
    assert parsed.choices[0].message.content == '{"a": 1}'


def test_optional_fields_parse_to_none() -> None:
    class WithOptional(BaseModel):
        name: str
        nickname: Optional[str]

    raw = _completion(choice('{"name": "Ada", "nickname": null}'))
    parsed = parse_chat_completion(
        response_format=WithOptional, input_tools=openai.omit, chat_completion=raw
    )
    assert parsed.choices[0].message.parsed == WithOptional(name="Ada", nickname=None)
    schema = type_to_response_format_param(WithOptional)["json_schema"]["schema"]
    assert schema["required"] == ["name", "nickname"]
    assert {"type": "null"} in schema["properties"]["nickname"]["anyOf"]


def test_request_is_sent_once_per_parse() -> None:
    calls: List[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json=chat_completion(choice('{"x": 1, "y": 2}')))

    client = make_client(
        http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    client.chat.completions.parse(model="gpt-4o", messages=[], response_format=Point)
    assert len(calls) == 1

from __future__ import annotations

import base64
import io
import wave
from typing import Any

import httpx
import pytest
from _emu_support import OURS, validate
from openai.types import ImagesResponse
from openai.types.audio import TranscriptionVerbose
from websockets.exceptions import ConnectionClosedError

import openai

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_images_b64_and_url(client: Any, emulator: Any) -> None:
    raw = client.images.with_raw_response.generate(
        model="gpt-image-1", prompt="a red square", n=2
    )
    result = validate(ImagesResponse, raw.http_response.json())
    first = base64.b64decode(result.data[0].b64_json)
    assert (
        first.startswith(PNG_MAGIC)
        and result.data[0].b64_json != result.data[1].b64_json
    )
    again = client.images.generate(model="gpt-image-1", prompt="a red square", n=1)
    assert again.data[0].b64_json == result.data[0].b64_json
    by_url = client.images.generate(
        model="dall-e-3", prompt="a cat", response_format="url"
    )
    assert by_url.data[0].revised_prompt == "a cat"
    assert httpx.get(by_url.data[0].url).content.startswith(PNG_MAGIC)
    edited = client.images.edit(
        model="gpt-image-1", image=("in.png", first, "image/png"), prompt="make it blue"
    )
    assert base64.b64decode(edited.data[0].b64_json).startswith(PNG_MAGIC)
    varied = client.images.create_variation(
        image=("in.png", first, "image/png"), response_format="b64_json"
    )
    assert base64.b64decode(varied.data[0].b64_json).startswith(PNG_MAGIC)


def test_image_stream(client: Any) -> None:
    events = list(
        client.images.generate(
            model="gpt-image-1", prompt="p", stream=True, partial_images=2
        )
    )
    assert [e.type for e in events] == [
        "image_generation.partial_image",
        "image_generation.partial_image",
        "image_generation.completed",
    ]


def test_speech_wav_round_trip(client: Any) -> None:
    speech = client.audio.speech.create(
        model="gpt-4o-mini-tts",
        voice="alloy",
        input="hello from the emulator",
        response_format="wav",
    )
    data = speech.read()
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 24000)
        assert w.getnframes() > 0
    text = client.audio.transcriptions.create(
        model="gpt-4o-transcribe", file=("speech.wav", data)
    )
    assert text.text == "hello from the emulator"
    mp3 = client.audio.speech.create(
        model="tts-1", voice="nova", input="mp3 please"
    ).read()
    assert mp3.startswith(b"ID3") and b"\xff\xfb" in mp3
    assert (
        client.audio.transcriptions.create(model="whisper-1", file=("a.mp3", mp3)).text
        == "mp3 please"
    )
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="stream", response_format="pcm"
    ) as response:
        pcm = b"".join(response.iter_bytes())
    assert len(pcm) % 2 == 0 and len(pcm) > 0


@pytest.mark.parametrize(
    "fmt", ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"]
)
def test_transcription_formats(client: Any, fmt: str) -> None:
    audio = client.audio.speech.create(
        model="tts-1",
        voice="alloy",
        input="four words right here",
        response_format="wav",
    ).read()
    model = "gpt-4o-transcribe-diarize" if fmt == "diarized_json" else "whisper-1"
    result = client.audio.transcriptions.create(
        model=model,
        file=("a.wav", audio),
        response_format=fmt,
        **(
            {"timestamp_granularities": ["word", "segment"]}
            if fmt == "verbose_json"
            else {}
        ),
    )
    if fmt in ("json", "diarized_json"):
        assert result.text == "four words right here"
    elif fmt == "verbose_json":
        verbose = validate(TranscriptionVerbose, result.model_dump())
        assert [w.word for w in verbose.words] == ["four", "words", "right", "here"]
        assert verbose.duration == pytest.approx(1.2)
    elif fmt == "srt":
        assert result.startswith(
            "1\n00:00:00,000 --> 00:00:01,200\nfour words right here"
        )
    elif fmt == "vtt":
        assert result.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.200")
    else:
        assert result.strip() == "four words right here"


def test_transcription_stream_and_translation(client: Any) -> None:
    audio = client.audio.speech.create(
        model="tts-1", voice="alloy", input="stream this text", response_format="wav"
    ).read()
    events = list(
        client.audio.transcriptions.create(
            model="gpt-4o-mini-transcribe", file=("a.wav", audio), stream=True
        )
    )
    assert (
        events[-1].type == "transcript.text.done"
        and events[-1].text == "stream this text"
    )
    assert "".join(e.delta for e in events[:-1]) == "stream this text"
    assert (
        client.audio.translations.create(model="whisper-1", file=("a.wav", audio)).text
        == "stream this text"
    )
    srt = client.audio.translations.create(
        model="whisper-1", file=("a.wav", audio), response_format="srt"
    )
    assert "stream this text" in srt


def test_realtime_text_exchange(client: Any, emulator: Any) -> None:
    with client.realtime.connect(model="gpt-realtime-2") as connection:
        assert connection.recv().type == "session.created"
        connection.session.update(
            session={"type": "realtime", "output_modalities": ["text"]}
        )
        assert connection.recv().session.output_modalities == ["text"]
        connection.conversation.item.create(
            item={
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "Say hello!"}],
            }
        )
        connection.response.create()
        text = ""
        kinds = []
        for event in connection:
            kinds.append(event.type)
            if event.type == "response.output_text.delta":
                text += event.delta
            if event.type == "response.done":
                break
        assert text == "You said: Say hello!"
        assert kinds[:2] == ["conversation.item.added", "conversation.item.done"]
        assert event.response.status == "completed"
        connection.send({"type": "no.such.event", "event_id": "evt_client_1"})
        error = connection.recv()
        assert (
            error.type == "error"
            and error.error.event_id == "evt_client_1"
            and error.error.param == "type"
        )
        connection.conversation.item.delete(item_id="missing")
        assert connection.recv().error.code == "item_not_found"


def test_realtime_tool_call_and_audio(client: Any, emulator: Any) -> None:
    emulator.script("gpt-realtime").tool_call("get_time", {"tz": "UTC"})
    with client.realtime.connect(model="gpt-realtime") as connection:
        connection.recv()
        connection.response.create(
            response={
                "output_modalities": ["text"],
                "tools": [{"type": "function", "name": "get_time", "parameters": {}}],
            }
        )
        done = next(
            e for e in connection if e.type == "response.function_call_arguments.done"
        )
        assert done.name == "get_time" and done.arguments == '{"tz": "UTC"}'
        next(e for e in connection if e.type == "response.done")
        connection.conversation.item.create(
            item={
                "type": "function_call_output",
                "call_id": done.call_id,
                "output": "noon",
            }
        )
        connection.response.create(response={"output_modalities": ["audio"]})
        transcript = next(
            e for e in connection if e.type == "response.output_audio_transcript.done"
        )
        assert transcript.transcript == "The tool returned: noon"


def test_realtime_close_fault(client: Any, emulator: Any) -> None:
    emulator.faults.ws_close(1011, after_events=1)

    def exchange() -> None:
        with client.realtime.connect(model="gpt-realtime") as connection:
            assert connection.recv().type == "session.created"
            connection.response.create()
            connection.recv()

    with pytest.raises(
        ConnectionClosedError
    ) as err:  # ours: WebSocketConnectionClosedError too
        exchange()
    assert err.value.rcvd is not None and err.value.rcvd.code == 1011
    if OURS:
        assert isinstance(err.value, openai.WebSocketConnectionClosedError)


@pytest.mark.asyncio
async def test_async_realtime(async_client: Any) -> None:
    async with async_client.realtime.connect(model="gpt-realtime") as connection:
        await connection.session.update(
            session={"type": "realtime", "output_modalities": ["text"]}
        )
        await connection.conversation.item.create(
            item={
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "async hi"}],
            }
        )
        await connection.response.create()
        async for event in connection:
            if event.type == "response.output_text.done":
                assert event.text == "You said: async hi"
            if event.type == "response.done":
                break


def test_auth_required(emulator: Any) -> None:
    response = httpx.get(emulator.base_url + "/models")
    assert response.status_code == 401 and response.headers["x-request-id"].startswith(
        "req_"
    )
    assert response.json()["error"]["type"] == "invalid_request_error"
    client = openai.OpenAI(
        api_key="x",
        base_url=emulator.base_url,
        max_retries=0,
        default_headers={"Authorization": ""},
    )
    with pytest.raises(openai.AuthenticationError):
        client.models.list()


def test_realtime_abnormal_close_fault(client: Any, emulator: Any) -> None:
    # 1006 cannot travel in a close frame: the emulator cuts the connection instead
    emulator.faults.ws_close(1006, after_events=1)

    def exchange() -> None:
        with client.realtime.connect(model="gpt-realtime") as connection:
            assert connection.recv().type == "session.created"
            connection.response.create()
            connection.recv()

    with pytest.raises(ConnectionClosedError) as err:
        exchange()
    assert err.value.rcvd is None  # no close frame
    assert "close frame" in str(err.value)
    if OURS:
        assert isinstance(err.value, openai.WebSocketConnectionClosedError)

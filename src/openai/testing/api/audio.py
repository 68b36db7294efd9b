"""/audio: speech (WAV, MP3 or PCM, streamed; or SSE), transcriptions and
translations in every response_format (and streamed transcription events)."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from .._http import bad_request, json_body, json_response, require
from .._media import audio_seconds, embedded_text, mp3, pcm16, wav
from .._model import count_tokens, split_chunks
from .._sse import data_event, sse_response
from .files import read_form

JSON = dict[str, Any]

SPEECH_FORMATS = {"mp3": "audio/mpeg", "wav": "audio/wav", "pcm": "audio/pcm"}
UNSUPPORTED_SPEECH = ("opus", "aac", "flac")
TRANSCRIPTION_FORMATS = ("json", "text", "srt", "verbose_json", "vtt", "diarized_json")
VOICES = (
    "alloy",
    "ash",
    "ballad",
    "coral",
    "echo",
    "fable",
    "onyx",
    "nova",
    "sage",
    "shimmer",
    "verse",
    "marin",
    "cedar",
)


async def speech(request: Request) -> Response:
    body = await json_body(request)
    require(body, "model")
    text = require(body, "input")
    if len(text) > 4096:
        raise bad_request("Invalid 'input': at most 4096 characters.", param="input")
    voice = body.get("voice")
    if voice is None:
        raise bad_request("Missing required parameter: 'voice'.", param="voice")
    if isinstance(voice, str) and voice not in VOICES:
        raise bad_request(
            f"Invalid value for 'voice': expected one of {', '.join(VOICES)}.",
            param="voice",
        )
    fmt = body.get("response_format", "mp3")
    if fmt in UNSUPPORTED_SPEECH:
        raise bad_request(
            f"The emulator encodes mp3, wav and pcm only, not {fmt!r}.",
            param="response_format",
        )
    if fmt not in SPEECH_FORMATS:
        raise bad_request(
            "Invalid value for 'response_format'.", param="response_format"
        )
    speed = body.get("speed", 1.0)
    if not isinstance(speed, (int, float)) or not 0.25 <= speed <= 4.0:
        raise bad_request(
            "Invalid 'speed': must be between 0.25 and 4.0.", param="speed"
        )
    encode = {"mp3": mp3, "wav": wav, "pcm": _pcm}[fmt]
    data = encode(text, speed=float(speed))
    if body.get("stream_format") == "sse":
        chunks = [data[i : i + 8192] for i in range(0, len(data), 8192)]
        tokens = count_tokens(text)
        events = [
            data_event(
                {"type": "speech.audio.delta", "audio": base64.b64encode(c).decode()}
            )
            for c in chunks
        ]
        events.append(
            data_event(
                {
                    "type": "speech.audio.done",
                    "usage": {
                        "input_tokens": tokens,
                        "output_tokens": len(chunks),
                        "total_tokens": tokens + len(chunks),
                    },
                }
            )
        )
        return sse_response(request, events)
    return StreamingResponse(_pieces(data), media_type=SPEECH_FORMATS[fmt])


def _pcm(text: str, speed: float = 1.0) -> bytes:
    return pcm16(text, speed=speed)


async def _pieces(data: bytes) -> AsyncIterator[bytes]:
    for i in range(0, len(data), 16384):
        yield data[i : i + 16384]


def _timestamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"


def _segments(text: str, duration: float) -> list[JSON]:
    return [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": duration,
            "text": text,
            "tokens": list(range(50364, 50364 + count_tokens(text))),
            "temperature": 0.0,
            "avg_logprob": -0.1,
            "compression_ratio": 1.0,
            "no_speech_prob": 0.0,
        }
    ]


def _words(text: str, duration: float) -> list[JSON]:
    words = text.split()
    step = duration / max(1, len(words))
    return [
        {"word": w, "start": round(i * step, 3), "end": round((i + 1) * step, 3)}
        for i, w in enumerate(words)
    ]


async def _audio_request(
    request: Request,
) -> tuple[dict[str, str], list[str], str, bytes, str]:
    fields, files = await read_form(request)
    upload = files.get("file")
    if upload is None:
        raise bad_request("Missing required parameter: 'file'.", param="file")
    if not fields.get("model"):
        raise bad_request("Missing required parameter: 'model'.", param="model")
    data = await upload.read()
    if not data:
        raise bad_request("Invalid 'file': the audio file is empty.", param="file")
    form = await request.form()
    granularities = [str(v) for v in form.getlist("timestamp_granularities[]")]
    filename = upload.filename or "audio"
    text = (
        embedded_text(data) or f"This is a deterministic transcription of {filename}."
    )
    return fields, granularities, filename, data, text


def _render(
    fmt: str,
    task: str,
    text: str,
    duration: float,
    granularities: list[str],
    usage: JSON,
) -> Response:
    if fmt == "text":
        return PlainTextResponse(text + "\n")
    if fmt == "srt":
        return PlainTextResponse(
            f"1\n{_timestamp(0, ',')} --> {_timestamp(duration, ',')}\n{text}\n\n"
        )
    if fmt == "vtt":
        return PlainTextResponse(
            f"WEBVTT\n\n{_timestamp(0, '.')} --> {_timestamp(duration, '.')}\n{text}\n\n",
            media_type="text/vtt",
        )
    if fmt == "verbose_json":
        out: JSON = {
            "task": task,
            "language": "english",
            "duration": duration,
            "text": text,
        }
        if not granularities or "segment" in granularities:
            out["segments"] = _segments(text, duration)
        if "word" in granularities and task == "transcribe":
            out["words"] = _words(text, duration)
        if task == "transcribe":
            out["usage"] = {"type": "duration", "seconds": max(1, round(duration))}
        return json_response(out)
    if fmt == "diarized_json":
        segment = {
            "type": "transcript.text.segment",
            "id": "seg_0",
            "start": 0.0,
            "end": duration,
            "text": text,
            "speaker": "A",
        }
        return json_response(
            {
                "task": "transcribe",
                "duration": duration,
                "text": text,
                "segments": [segment],
                "usage": usage,
            }
        )
    return json_response({"text": text, "usage": usage})


async def transcription(request: Request) -> Response:
    fields, granularities, _filename, data, text = await _audio_request(request)
    fmt = fields.get("response_format", "json")
    if fmt not in TRANSCRIPTION_FORMATS:
        raise bad_request(
            f"Invalid value for 'response_format': expected one of {', '.join(TRANSCRIPTION_FORMATS)}.",
            param="response_format",
        )
    model = fields["model"]
    duration = audio_seconds(data)
    tokens = count_tokens(text)
    if model == "whisper-1":
        usage: JSON = {"type": "duration", "seconds": max(1, round(duration))}
    else:
        audio_tokens = max(1, int(duration * 10))
        usage = {
            "type": "tokens",
            "input_tokens": audio_tokens,
            "input_token_details": {"audio_tokens": audio_tokens, "text_tokens": 0},
            "output_tokens": tokens,
            "total_tokens": audio_tokens + tokens,
        }
    if fields.get("stream") in ("true", "True", "1"):
        if model == "whisper-1":
            raise bad_request(
                "Streaming is not supported for whisper-1.", param="stream"
            )
        events = [
            data_event({"type": "transcript.text.delta", "delta": piece})
            for piece in split_chunks(text)
        ]
        events.append(
            data_event({"type": "transcript.text.done", "text": text, "usage": usage})
        )
        return sse_response(request, events)
    return _render(fmt, "transcribe", text, duration, granularities, usage)


async def translation(request: Request) -> Response:
    fields, _granularities, _filename, data, text = await _audio_request(request)
    fmt = fields.get("response_format", "json")
    if fmt not in ("json", "text", "srt", "verbose_json", "vtt"):
        raise bad_request(
            "Invalid value for 'response_format': expected json, text, srt, verbose_json or vtt.",
            param="response_format",
        )
    response = _render(fmt, "translate", text, audio_seconds(data), [], {})
    if fmt == "json":  # translations carry no usage
        return json_response({"text": text})
    return response


ROUTES: list[BaseRoute] = [
    Route("/audio/speech", speech, methods=["POST"]),
    Route("/audio/transcriptions", transcription, methods=["POST"]),
    Route("/audio/translations", translation, methods=["POST"]),
]

from __future__ import annotations

import asyncio
import importlib
import io
import sys
import types
import wave
from pathlib import Path
from typing import Any, AsyncIterator, Iterator, Optional

import pytest

np = pytest.importorskip("numpy")

from . import fake_sounddevice as fake  # noqa: E402

HELPER_MODULES = [
    "openai.helpers",
    "openai.helpers.local_audio_player",
    "openai.helpers.microphone",
    "openai.helpers._audio",
]


def _forget_helpers() -> None:
    for name in HELPER_MODULES:
        sys.modules.pop(name, None)


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """``openai.helpers`` imported against the fake sounddevice module."""
    _forget_helpers()
    fake.reset()
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    module = importlib.import_module("openai.helpers")
    yield module
    _forget_helpers()


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, timeout=30))


def only_stream() -> Any:
    assert len(fake.streams) == 1
    return fake.streams[0]


# ----------------------------------------------------------------------------- LocalAudioPlayer.play


def test_play_int16_array(helpers: types.ModuleType) -> None:
    samples = (np.arange(1000, dtype=np.int16) - 500) * 60
    run(helpers.LocalAudioPlayer().play(samples))
    stream = only_stream()
    assert (stream.samplerate, stream.channels, stream.dtype) == (24000, 1, np.float32)
    played = stream.played
    assert np.array_equal(played[:1000, 0], samples.astype(np.float32) / 32767.0)
    assert not np.any(
        played[1000:]
    )  # the last block is padded with silence, nothing left unwritten
    assert played.shape[0] == 4 * fake.BLOCKSIZE
    assert stream.ended_by == "CallbackStop"
    assert stream.events == ["start", "stop", "close"]


def test_play_float32_mono_and_stereo(helpers: types.ModuleType) -> None:
    mono = np.linspace(-1, 1, 300, dtype=np.float32)
    stereo = np.stack([mono, -mono], axis=1)
    player = helpers.LocalAudioPlayer()
    run(player.play(mono))
    run(player.play(stereo))
    first, second = fake.streams
    assert first.channels == 1 and np.array_equal(first.played[:300, 0], mono)
    assert second.channels == 2 and np.array_equal(second.played[:300], stereo)


def test_play_float64_is_converted(helpers: types.ModuleType) -> None:
    run(helpers.LocalAudioPlayer().play(np.array([0.5, -0.25], dtype=np.float64)))
    assert np.array_equal(
        only_stream().played[:2, 0], np.array([0.5, -0.25], dtype=np.float32)
    )


class SyncSpeech:
    """Shaped like HttpxBinaryResponseContent / StreamedBinaryAPIResponse: read() -> bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self) -> bytes:
        return self.data


class AsyncSpeech:
    """Shaped like AsyncStreamedBinaryAPIResponse: await read() -> bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def read(self) -> bytes:
        await asyncio.sleep(0)
        return self.data


@pytest.mark.parametrize(
    "wrap",
    [bytes, SyncSpeech, AsyncSpeech],
    ids=["bytes", "sync-response", "async-response"],
)
def test_play_pcm_speech(helpers: types.ModuleType, wrap: Any) -> None:
    pcm = np.array([0, 32767, -32767, 16384], dtype="<i2")
    run(helpers.LocalAudioPlayer().play(wrap(pcm.tobytes())))
    played = only_stream().played[:4, 0]
    assert np.allclose(played, [0.0, 1.0, -1.0, 16384 / 32767.0])


def test_empty_audio_opens_no_stream(helpers: types.ModuleType) -> None:
    run(helpers.LocalAudioPlayer().play(np.zeros(0, dtype=np.int16)))
    run(helpers.LocalAudioPlayer().play(b""))
    assert fake.streams == []


@pytest.mark.parametrize(
    "audio, error, match",
    [
        (np.zeros(4, dtype=np.int32), ValueError, "Unsupported audio dtype int32"),
        (np.zeros((2, 2, 2), dtype=np.float32), ValueError, "1-D .* or 2-D"),
        (b"\x00\x01\x02", ValueError, "even number of bytes"),
        ("not audio", TypeError, "numpy array, PCM bytes, or a speech response"),
    ],
)
def test_play_rejects_bad_input(
    helpers: types.ModuleType, audio: Any, error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        run(helpers.LocalAudioPlayer().play(audio))
    assert fake.streams == []


def test_should_stop_ends_playback_early(helpers: types.ModuleType) -> None:
    calls = {"n": 0}

    def should_stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    samples = np.full(10 * fake.BLOCKSIZE, 0.5, dtype=np.float32)
    run(helpers.LocalAudioPlayer(should_stop=should_stop).play(samples))
    stream = only_stream()
    assert stream.ended_by == "CallbackStop"
    assert len(stream.blocks) == 3
    assert np.all(stream.played[: 2 * fake.BLOCKSIZE] == 0.5) and not np.any(
        stream.played[2 * fake.BLOCKSIZE :]
    )


def test_error_in_the_audio_thread_is_raised_by_play(helpers: types.ModuleType) -> None:
    def should_stop() -> bool:
        raise RuntimeError("boom in should_stop")

    with pytest.raises(RuntimeError, match="boom in should_stop"):
        run(
            helpers.LocalAudioPlayer(should_stop=should_stop).play(
                np.ones(10, dtype=np.float32)
            )
        )
    assert only_stream().ended_by == "CallbackAbort"


def test_cancelling_play_stops_the_stream(helpers: types.ModuleType) -> None:
    async def main() -> None:
        task = asyncio.ensure_future(
            helpers.LocalAudioPlayer(should_stop=lambda: False).play(
                np.ones(10**7, dtype=np.float32)
            )
        )
        while not fake.streams or not fake.streams[0].blocks:
            await asyncio.sleep(0.001)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run(main())
    stream = only_stream()
    assert stream.events == ["start", "stop", "close"] and stream.ended_by == "stop"


# ----------------------------------------------------------------------------- LocalAudioPlayer.play_stream


def test_play_stream_plays_buffers_in_order_without_gaps_in_data(
    helpers: types.ModuleType,
) -> None:
    buffers = [
        np.full(100, 0.25, dtype=np.float32),
        np.full(700, 8192, dtype=np.int16),
        np.full((50, 1), -0.5, dtype=np.float32),
    ]

    async def source() -> AsyncIterator[Any]:
        for buffer in buffers:
            await asyncio.sleep(0.002)  # slower than the device: underruns play silence
            yield buffer

    run(helpers.LocalAudioPlayer().play_stream(source()))
    stream = only_stream()
    assert (stream.channels, stream.dtype) == (1, np.float32)
    assert stream.ended_by == "CallbackStop"
    played = stream.played[:, 0]
    assert not np.isnan(played).any()
    expected = np.concatenate(
        [np.full(100, 0.25), np.full(700, 8192 / 32767.0), np.full(50, -0.5)]
    ).astype(np.float32)
    assert np.array_equal(played[played != 0], expected)


def test_play_stream_stops_at_none_and_closes_the_source(
    helpers: types.ModuleType,
) -> None:
    state = {"closed": False, "after_none": False}

    async def source() -> AsyncIterator[Optional[Any]]:
        try:
            yield np.full(10, 0.5, dtype=np.float32)
            yield None
            state["after_none"] = True
            yield np.full(10, 0.75, dtype=np.float32)
        finally:
            state["closed"] = True

    run(helpers.LocalAudioPlayer().play_stream(source()))
    played = only_stream().played[:, 0]
    assert np.array_equal(played[played != 0], np.full(10, 0.5, dtype=np.float32))
    assert state == {"closed": True, "after_none": False}


def test_play_stream_should_stop_closes_an_endless_source(
    helpers: types.ModuleType,
) -> None:
    state = {"closed": False, "yielded": 0}
    stop = {"now": False}

    async def endless() -> AsyncIterator[Any]:
        try:
            while True:
                state["yielded"] += 1
                if state["yielded"] == 5:
                    stop["now"] = True
                yield np.full(32, 0.5, dtype=np.float32)
                await asyncio.sleep(0.001)
        finally:
            state["closed"] = True

    run(
        helpers.LocalAudioPlayer(should_stop=lambda: stop["now"]).play_stream(endless())
    )
    assert state["closed"] and state["yielded"] >= 5
    assert only_stream().ended_by == "CallbackStop"


def test_play_stream_source_error_propagates_and_stops_the_stream(
    helpers: types.ModuleType,
) -> None:
    async def failing() -> AsyncIterator[Any]:
        yield np.full(10, 0.5, dtype=np.float32)
        raise ConnectionError("source broke")

    with pytest.raises(ConnectionError, match="source broke"):
        run(helpers.LocalAudioPlayer().play_stream(failing()))
    assert only_stream().events == ["start", "stop", "close"]


def test_play_stream_rejects_the_wrong_channel_count(helpers: types.ModuleType) -> None:
    async def stereo() -> AsyncIterator[Any]:
        yield np.zeros((10, 2), dtype=np.float32)

    with pytest.raises(ValueError, match="1 channel"):
        run(helpers.LocalAudioPlayer().play_stream(stereo()))


# ----------------------------------------------------------------------------- Microphone


def test_record_returns_every_delivered_block_as_wav(helpers: types.ModuleType) -> None:
    microphone = helpers.Microphone(
        should_record=lambda: len(fake.streams[-1].delivered) < 3
    )
    name, wav_file, content_type = run(microphone.record())
    assert (name, content_type) == ("audio.wav", "audio/wav")
    assert isinstance(wav_file, io.BytesIO) and wav_file.tell() == 0

    stream = only_stream()
    assert (stream.samplerate, stream.channels, stream.dtype) == (24000, 1, np.int16)
    assert stream.events == ["start", "stop", "close"]
    delivered = np.concatenate(stream.delivered)
    assert len(stream.delivered) >= 3
    with wave.open(wav_file) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (
            1,
            2,
            24000,
        )
        frames = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    assert np.array_equal(frames, delivered[:, 0])
    assert microphone.buffer_chunks and np.array_equal(
        np.concatenate(microphone.buffer_chunks), delivered
    )


def test_record_ndarray_stereo_float(helpers: types.ModuleType) -> None:
    microphone = helpers.Microphone(
        channels=2,
        dtype=np.float32,
        should_record=lambda: len(fake.streams[-1].delivered) < 2,
    )
    audio = run(microphone.record(return_ndarray=True))
    stream = only_stream()
    assert (stream.channels, stream.dtype) == (2, np.float32)
    assert audio.dtype == np.float32 and audio.shape[1] == 2
    assert np.array_equal(audio, np.concatenate(stream.delivered))
    assert np.array_equal(
        audio[: fake.BLOCKSIZE], np.ones((fake.BLOCKSIZE, 2), dtype=np.float32)
    )


def test_record_stops_after_timeout(helpers: types.ModuleType) -> None:
    audio = run(helpers.Microphone(timeout=0.02).record(return_ndarray=True))
    stream = only_stream()
    assert stream.ended_by == "stop" and stream.events == ["start", "stop", "close"]
    expected = (
        np.concatenate(stream.delivered)
        if stream.delivered
        else np.zeros((0, 1), dtype=np.int16)
    )
    assert np.array_equal(audio, expected) and audio.dtype == np.int16


def test_record_with_nothing_captured(helpers: types.ModuleType) -> None:
    microphone = helpers.Microphone(should_record=lambda: False)
    microphone._poll_interval = 0
    # the fake device may or may not have delivered a block before the first check
    audio = run(microphone.record(return_ndarray=True))
    stream = only_stream()
    assert audio.shape == (sum(b.shape[0] for b in stream.delivered), 1)


def test_cancelling_record_stops_the_stream(helpers: types.ModuleType) -> None:
    async def main() -> None:
        task = asyncio.ensure_future(helpers.Microphone().record())
        while not fake.streams or not fake.streams[0].delivered:
            await asyncio.sleep(0.001)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run(main())
    assert only_stream().events == ["start", "stop", "close"]


@pytest.mark.parametrize(
    "samples, width, expected",
    [
        (
            np.array([[0.0], [0.5], [-1.0], [2.0]], dtype=np.float32),
            2,
            np.array([0, 16384, -32767, 32767], dtype="<i2"),
        ),
        (
            np.array([[-128], [0], [127]], dtype=np.int8),
            1,
            np.array([0, 128, 255], dtype=np.uint8),
        ),
        (
            np.array([[1], [-(2**31)]], dtype=np.int32),
            4,
            np.array([1, -(2**31)], dtype="<i4"),
        ),
        (np.array([[7, -7]], dtype=np.int16), 2, np.array([7, -7], dtype="<i2")),
    ],
    ids=["float32", "int8", "int32", "int16-stereo"],
)
def test_wav_encoding(
    helpers: types.ModuleType, samples: Any, width: int, expected: Any
) -> None:
    microphone = helpers.Microphone(channels=samples.shape[1], dtype=samples.dtype.type)
    _, wav_file, _ = microphone._ndarray_to_wav(samples)
    with wave.open(wav_file) as wav:
        assert wav.getsampwidth() == width and wav.getnchannels() == samples.shape[1]
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype=expected.dtype)
    assert np.array_equal(data, expected)


def test_wav_encoding_rejects_unsupported_dtypes(helpers: types.ModuleType) -> None:
    with pytest.raises(ValueError, match="Cannot write uint16 samples"):
        helpers.Microphone()._ndarray_to_wav(np.zeros((2, 1), dtype=np.uint16))


@pytest.mark.parametrize(
    "kwargs, match", [({"channels": 0}, "`channels`"), ({"timeout": -1}, "`timeout`")]
)
def test_microphone_validates_its_options(
    helpers: types.ModuleType, kwargs: Any, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        helpers.Microphone(**kwargs)


def test_public_attributes_match_the_official_ones(helpers: types.ModuleType) -> None:
    player = helpers.LocalAudioPlayer()
    assert vars(player) == {"channels": 1, "dtype": np.float32, "should_stop": None}
    microphone = helpers.Microphone()
    assert (
        microphone.channels,
        microphone.dtype,
        microphone.timeout,
        microphone.should_record,
    ) == (
        1,
        np.int16,
        None,
        None,
    )
    assert microphone.has_record_function is False and microphone.buffer_chunks == []
    assert (
        helpers.local_audio_player.SAMPLE_RATE
        == helpers.microphone.SAMPLE_RATE
        == 24000
    )


# ----------------------------------------------------------------------------- without the extra


@pytest.fixture
def no_helpers_cached() -> Iterator[None]:
    _forget_helpers()
    yield
    _forget_helpers()


@pytest.mark.parametrize("missing", ["sounddevice", "numpy"])
@pytest.mark.parametrize("name", ["LocalAudioPlayer", "Microphone"])
def test_missing_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, no_helpers_cached: None, missing: str, name: str
) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake)
    monkeypatch.setitem(sys.modules, missing, None)  # makes `import <missing>` fail
    import openai.helpers

    with pytest.raises(ImportError) as info:
        getattr(openai.helpers, name)
    message = str(info.value)
    assert (
        f"`{missing}`" in message and "pip install 'openai[voice_helpers]'" in message
    )
    assert info.value.name == missing

    _forget_helpers()
    with pytest.raises(ImportError, match=r"openai\[voice_helpers\]"):
        exec(f"from openai.helpers import {name}", {})


def test_sounddevice_without_portaudio(
    monkeypatch: pytest.MonkeyPatch, no_helpers_cached: None, tmp_path: Path
) -> None:
    (tmp_path / "sounddevice.py").write_text(
        "raise OSError('PortAudio library not found')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    from openai.helpers._audio import MissingDependencyError

    with pytest.raises(
        MissingDependencyError,
        match="cannot load the PortAudio library.*PortAudio library not found",
    ):
        from openai.helpers import LocalAudioPlayer  # noqa: F401
    sys.modules.pop("sounddevice", None)


def test_importing_the_package_loads_no_audio_dependency(
    no_helpers_cached: None,
) -> None:
    import subprocess

    code = (
        "import sys, openai.helpers; "
        "assert 'sounddevice' not in sys.modules and 'numpy' not in sys.modules, sorted(sys.modules); "
        "print(sorted(openai.helpers.__all__))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == "['LocalAudioPlayer', 'Microphone']"

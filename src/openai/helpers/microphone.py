"""Record the default input device, as a WAV file ready to upload or as samples."""

from __future__ import annotations

import asyncio
import io
import time
import wave
from typing import Any, Callable, Generic, List, Optional, Type, TypeVar, Union, overload

from typing_extensions import Literal

from .._types import FileTypes
from ._audio import SAMPLE_RATE, load_sounddevice, missing_numpy

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as _exc:  # pragma: no cover - covered by the missing-extra test in a fresh import
    raise missing_numpy(_exc) from _exc

sd = load_sounddevice()

__all__ = ["Microphone", "SAMPLE_RATE"]

DType = TypeVar("DType", bound=np.generic)


class Microphone(Generic[DType]):
    """Records 24 kHz audio until ``should_record()`` returns false or ``timeout`` seconds pass.

    With neither, recording goes on until the ``record()`` task is cancelled.
    The stop conditions are checked on the event loop every few milliseconds, so
    ``should_record`` may touch asyncio state.
    """

    # how often record() checks its stop conditions, in seconds
    _poll_interval = 0.01

    def __init__(
        self,
        channels: int = 1,
        dtype: Type[DType] = np.int16,  # type: ignore[assignment]
        should_record: Optional[Callable[[], bool]] = None,
        timeout: Optional[float] = None,
    ) -> None:
        if channels < 1:
            raise ValueError(f"`channels` must be at least 1, got {channels}")
        if timeout is not None and timeout < 0:
            raise ValueError(f"`timeout` must be a number of seconds >= 0, got {timeout}")
        self.channels = channels
        self.dtype = dtype
        self.should_record = should_record
        self.buffer_chunks: List[npt.NDArray[DType]] = []
        self.timeout = timeout
        self.has_record_function = callable(should_record)

    @overload
    async def record(self, return_ndarray: Literal[True]) -> npt.NDArray[DType]: ...

    @overload
    async def record(self, return_ndarray: Literal[False] = False) -> FileTypes: ...

    @overload
    async def record(self, return_ndarray: Optional[bool] = False) -> Union[npt.NDArray[DType], FileTypes]: ...

    async def record(self, return_ndarray: Optional[bool] = False) -> Union[npt.NDArray[DType], FileTypes]:
        """Record, then return a ``("audio.wav", BytesIO, "audio/wav")`` file tuple, or the
        (frames, channels) samples with ``return_ndarray=True``."""
        chunks: List[npt.NDArray[DType]] = []
        self.buffer_chunks = chunks

        def callback(indata: npt.NDArray[DType], _frames: int, _time: Any, _status: Any) -> None:
            chunks.append(indata.copy())  # the device reuses its buffer

        stream = sd.InputStream(samplerate=SAMPLE_RATE, channels=self.channels, dtype=self.dtype, callback=callback)
        started = time.monotonic()
        with stream:
            while not self._should_stop(started):
                await asyncio.sleep(self._poll_interval)

        if chunks:
            audio: npt.NDArray[DType] = np.concatenate(chunks)
        else:
            audio = np.zeros((0, self.channels), dtype=self.dtype)
        if return_ndarray:
            return audio
        return self._ndarray_to_wav(audio)

    def _should_stop(self, started: float) -> bool:
        if self.timeout is not None and time.monotonic() - started >= self.timeout:
            return True
        return self.should_record is not None and not self.should_record()

    def _ndarray_to_wav(self, audio_data: npt.NDArray[DType]) -> FileTypes:
        """Encode samples as a PCM WAV file.

        Floats become 16-bit PCM: WAV's integer PCM format cannot carry float
        samples, and the transcription endpoints read 16-bit audio everywhere.
        """
        samples: npt.NDArray[Any] = audio_data
        kind, width = samples.dtype.kind, samples.dtype.itemsize
        if kind == "f":
            samples = (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype("<i2")
        elif kind == "i" and width == 1:
            samples = (samples.astype(np.int16) + 128).astype(np.uint8)  # 8-bit WAV is unsigned
        elif not (kind == "u" and width == 1) and not (kind == "i" and width in (2, 4)):
            raise ValueError(f"Cannot write {samples.dtype} samples to a WAV file; record int16, int32 or float32")
        little_endian: np.dtype[Any] = samples.dtype.newbyteorder("<")
        samples = samples.astype(little_endian, copy=False)

        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(self.channels if samples.ndim < 2 else samples.shape[1])
            wav.setsampwidth(samples.dtype.itemsize)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(samples.tobytes())
        buffer.seek(0)
        return ("audio.wav", buffer, "audio/wav")

"""Play audio from the API (or any PCM samples) on the default output device."""

from __future__ import annotations

import asyncio
import collections
import inspect
from typing import TYPE_CHECKING, Any, AsyncIterable, Callable, Deque, List, Optional, Union

from ._audio import SAMPLE_RATE, load_sounddevice, missing_numpy

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as _exc:  # pragma: no cover - exercised in a subprocess-free way by the tests
    raise missing_numpy(_exc) from _exc

sd = load_sounddevice()

if TYPE_CHECKING:
    from .._legacy_response import HttpxBinaryResponseContent
    from .._response import AsyncStreamedBinaryAPIResponse, StreamedBinaryAPIResponse

__all__ = ["LocalAudioPlayer", "SAMPLE_RATE"]

# int16 PCM maps onto [-1, 1] floats by this factor (the official client's choice)
_INT16_SCALE = 32767.0

AudioArray = Union["npt.NDArray[np.int16]", "npt.NDArray[np.float32]"]
AudioResponse = Union["HttpxBinaryResponseContent", "StreamedBinaryAPIResponse", "AsyncStreamedBinaryAPIResponse"]


class LocalAudioPlayer:
    """Plays 24 kHz audio: int16 PCM or float32 samples, arrays or speech responses.

    ``should_stop``, if given, is called from the audio thread before each block;
    returning true ends playback early.
    """

    def __init__(self, should_stop: Optional[Callable[[], bool]] = None) -> None:
        self.channels = 1
        self.dtype = np.float32
        self.should_stop = should_stop

    async def play(self, input: Union[AudioArray, AudioResponse, bytes]) -> None:
        """Play a whole buffer and return when it has been played (or stopped).

        ``input`` is an array (int16 PCM, or float32 in [-1, 1]; 1-D is mono, 2-D
        is frames x channels), raw int16 PCM bytes, or a speech response created
        with ``response_format="pcm"`` (read to the end first).
        """
        if isinstance(input, np.ndarray):
            frames = self._to_frames(input, channels=None)
        else:
            frames = await self._tts_response_to_buffer(input)
        if frames.shape[0] == 0:
            return
        await self._play_frames(frames)

    async def play_stream(self, buffer_stream: AsyncIterable[Optional[AudioArray]]) -> None:
        """Play buffers as they arrive from an async iterator, gaplessly.

        Playback starts at once and plays silence while it waits for data. It
        ends after the last buffer when the iterator is exhausted or yields
        ``None``, or early when ``should_stop`` says so (the iterator is then
        closed). An exception from the iterator stops playback and propagates.
        """
        pending: Deque[npt.NDArray[np.float32]] = collections.deque()
        producing = [True]  # a cell: read by the audio thread
        finished = asyncio.Event()
        loop = asyncio.get_running_loop()
        errors: List[BaseException] = []
        current: List[Any] = [None, 0]  # the buffer being played and the offset in it

        def callback(outdata: npt.NDArray[np.float32], frame_count: int, _time: Any, _status: Any) -> None:
            try:
                if self.should_stop is not None and self.should_stop():
                    outdata.fill(0)
                    raise sd.CallbackStop
                written = 0
                while written < frame_count:
                    buffer, offset = current
                    if buffer is None:
                        if not pending:
                            break
                        buffer, offset = pending.popleft(), 0
                    n = min(frame_count - written, buffer.shape[0] - offset)
                    outdata[written : written + n] = buffer[offset : offset + n]
                    written += n
                    offset += n
                    current[:] = [None, 0] if offset >= buffer.shape[0] else [buffer, offset]
                if written < frame_count:
                    outdata[written:] = 0  # an underrun: silence until more arrives
                    if not producing[0] and not pending and current[0] is None:
                        raise sd.CallbackStop
            except sd.CallbackStop:
                raise
            except BaseException as exc:  # reported by play_stream, not lost in the audio thread
                errors.append(exc)
                raise sd.CallbackAbort from exc

        async def produce() -> None:
            try:
                async for buffer in buffer_stream:
                    if buffer is None:
                        break
                    pending.append(self._to_frames(buffer, channels=self.channels))
            finally:
                producing[0] = False
            await _aclose(buffer_stream)  # after a None, the rest is never read

        producer = asyncio.ensure_future(produce())
        waiter = asyncio.ensure_future(finished.wait())
        try:
            stream = sd.OutputStream(
                samplerate=SAMPLE_RATE,
                channels=self.channels,
                dtype=self.dtype,
                callback=callback,
                finished_callback=_setter(loop, finished),
            )
            with stream:
                await asyncio.wait({producer, waiter}, return_when=asyncio.FIRST_COMPLETED)
                if producer.done():
                    producer.result()  # re-raise the iterator's exception, stopping the stream
                    await waiter  # then let the rest play out
        finally:
            waiter.cancel()
            if not producer.done():
                producer.cancel()
                await asyncio.gather(producer, return_exceptions=True)
                await _aclose(buffer_stream)
        if errors:
            raise errors[0]

    async def _tts_response_to_buffer(self, response: Union[AudioResponse, bytes]) -> npt.NDArray[np.float32]:
        """Read a ``pcm`` speech response (24 kHz mono int16) into float frames."""
        if isinstance(response, (bytes, bytearray, memoryview)):
            data = bytes(response)
        else:
            read = getattr(response, "read", None)
            if read is None:
                raise TypeError(
                    "LocalAudioPlayer.play() expects a numpy array, PCM bytes, or a speech response "
                    f"(created with response_format='pcm'), got {type(response).__name__}"
                )
            if inspect.iscoroutinefunction(read):
                data = await read()
            else:
                # a sync response reads from the network: keep the event loop free
                data = await asyncio.get_running_loop().run_in_executor(None, read)
        if len(data) % 2:
            raise ValueError(
                f"PCM16 audio must have an even number of bytes, got {len(data)}; "
                "was the speech created with response_format='pcm'?"
            )
        return self._to_frames(np.frombuffer(data, dtype=np.int16), channels=self.channels)

    def _to_frames(self, audio: npt.NDArray[Any], *, channels: Optional[int]) -> npt.NDArray[np.float32]:
        """Samples as a contiguous float32 (frames, channels) array."""
        if audio.dtype == np.int16:
            audio = audio.astype(np.float32) / _INT16_SCALE
        elif audio.dtype == np.float64:
            audio = audio.astype(np.float32)
        elif audio.dtype != np.float32:
            raise ValueError(f"Unsupported audio dtype {audio.dtype}: pass int16 PCM or float32 samples in [-1, 1]")
        if audio.ndim == 1:
            audio = audio.reshape(-1, channels or 1)
        elif audio.ndim != 2:
            raise ValueError(f"Audio must be 1-D (mono) or 2-D (frames x channels), got shape {audio.shape}")
        if channels is not None and audio.shape[1] != channels:
            raise ValueError(f"Expected audio with {channels} channel(s), got shape {audio.shape}")
        return np.ascontiguousarray(audio, dtype=np.float32)

    async def _play_frames(self, frames: npt.NDArray[np.float32]) -> None:
        finished = asyncio.Event()
        loop = asyncio.get_running_loop()
        errors: List[BaseException] = []
        position = [0]
        total = frames.shape[0]

        def callback(outdata: npt.NDArray[np.float32], frame_count: int, _time: Any, _status: Any) -> None:
            try:
                if self.should_stop is not None and self.should_stop():
                    outdata.fill(0)
                    raise sd.CallbackStop
                start = position[0]
                end = min(start + frame_count, total)
                outdata[: end - start] = frames[start:end]
                outdata[end - start :] = 0
                position[0] = end
                if end >= total:
                    raise sd.CallbackStop
            except sd.CallbackStop:
                raise
            except BaseException as exc:
                errors.append(exc)
                raise sd.CallbackAbort from exc

        stream = sd.OutputStream(
            samplerate=SAMPLE_RATE,
            channels=frames.shape[1],
            dtype=self.dtype,
            callback=callback,
            finished_callback=_setter(loop, finished),
        )
        with stream:
            await finished.wait()
        if errors:
            raise errors[0]


async def _aclose(iterable: object) -> None:
    aclose = getattr(iterable, "aclose", None)
    if aclose is not None:
        await aclose()


def _setter(loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> Callable[[], None]:
    """A callback for the audio thread that sets ``event`` on its loop."""

    def finished() -> None:
        try:
            loop.call_soon_threadsafe(event.set)
        except RuntimeError:  # the loop has closed: nobody is waiting any more
            pass

    return finished

"""Small, valid, deterministic media: PNG images, WAV/PCM tones and silent MP3.

Speech output carries its input text in metadata (a WAV LIST/INFO comment, an
ID3 TXXX frame in MP3), and transcription reads it back, so a text -> speech ->
transcription round trip in a test returns the original text.
"""

from __future__ import annotations

import array
import hashlib
import math
import struct
import sys
import zlib

MARKER = b"EMUTEXT:"
SAMPLE_RATE = 24_000


def png(seed: str, size: int = 16) -> bytes:
    digest = hashlib.sha256(seed.encode()).digest()
    c1, c2 = digest[:3], digest[3:6]
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # filter: none
        for x in range(size):
            rows.extend(c1 if (x // 4 + y // 4) % 2 == 0 else c2)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def speech_seconds(text: str) -> float:
    return min(30.0, max(0.5, 0.3 * len(text.split())))


def pcm16(text: str, seconds: float | None = None, speed: float = 1.0) -> bytes:
    duration = (seconds if seconds is not None else speech_seconds(text)) / max(
        speed, 0.25
    )
    count = round(SAMPLE_RATE * duration)
    freq = 220 + hashlib.sha256(text.encode()).digest()[0] * 2
    step = 2 * math.pi * freq / SAMPLE_RATE
    samples = array.array("h", (int(8000 * math.sin(step * i)) for i in range(count)))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def wav(text: str, speed: float = 1.0) -> bytes:
    pcm = pcm16(text, speed=speed)
    comment = MARKER + text.encode() + b"\x00"
    if len(comment) % 2:
        comment += b"\x00"
    info = b"INFO" + b"ICMT" + struct.pack("<I", len(comment)) + comment
    fmt = struct.pack("<HHIIHH", 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"LIST"
        + struct.pack("<I", len(info))
        + info
        + b"data"
        + struct.pack("<I", len(pcm))
        + pcm
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _syncsafe(n: int) -> bytes:
    return bytes(((n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F))


def mp3(text: str, speed: float = 1.0) -> bytes:
    """An ID3v2.4 tag with the text, then MPEG-1 Layer III mono frames of silence."""
    payload = b"\x03" + b"EMUTEXT\x00" + MARKER + text.encode()
    frame = b"TXXX" + _syncsafe(len(payload)) + b"\x00\x00" + payload
    tag = b"ID3\x04\x00\x00" + _syncsafe(len(frame)) + frame
    # 128 kbit/s, 44.1 kHz, no padding, mono: 417 bytes a frame, 1152 samples
    header = b"\xff\xfb\x90\xc0"
    audio_frame = header + bytes(417 - len(header))
    count = max(1, int(speech_seconds(text) / max(speed, 0.25) * 44_100 / 1152))
    return tag + audio_frame * count


def embedded_text(data: bytes) -> str | None:
    start = data.find(MARKER)
    if start < 0:
        return None
    start += len(MARKER)
    end = data.find(b"\x00", start)
    if data.startswith(b"ID3"):  # the TXXX value runs to the end of the tag
        size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]
        end = 10 + size
    return data[start : end if end >= 0 else None].decode("utf-8", "replace")


def audio_seconds(data: bytes) -> float:
    if data.startswith(b"RIFF") and data[8:12] == b"WAVE":
        pos = 12
        rate = SAMPLE_RATE * 2
        while pos + 8 <= len(data):
            kind, size = (
                data[pos : pos + 4],
                int(struct.unpack("<I", data[pos + 4 : pos + 8])[0]),
            )
            if kind == b"fmt ":
                rate = int(struct.unpack("<I", data[pos + 16 : pos + 20])[0]) or rate
            if kind == b"data":
                return round(size / rate, 3)
            pos += 8 + size + (size % 2)
    if data.startswith(b"ID3") or data[:2] == b"\xff\xfb":
        return round(data.count(b"\xff\xfb\x90\xc0") * 1152 / 44_100, 3)
    return round(max(0.5, len(data) / 16_000), 3)

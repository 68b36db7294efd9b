"""Embeddings sent as base64 and decoded back into float lists.

``embeddings.create`` without ``encoding_format`` asks the API for base64 (a
quarter of the JSON to transfer and parse) and returns float lists, as the
official client does. The generated method passes :func:`decode_base64_embeddings`
as the ``pre_parser`` in that case only; an explicit ``encoding_format="base64"``
returns the strings untouched.
"""

from __future__ import annotations

import sys
from array import array
from binascii import a2b_base64
from typing import Any, List

__all__ = ["decode_base64_embeddings", "base64_to_floats"]

_SWAP = sys.byteorder != "little"  # the API sends little-endian float32


def base64_to_floats(data: str) -> List[float]:
    """Little-endian float32 values, base64-encoded, as Python floats.

    ``array`` does this at C speed and needs no numpy (importing numpy alone
    would cost far more than decoding).
    """
    values = array("f", a2b_base64(data))
    if _SWAP:
        values.byteswap()
    return values.tolist()


def decode_base64_embeddings(data: Any) -> Any:
    """Replace each base64 ``embedding`` of a decoded ``CreateEmbeddingResponse`` body by its floats.

    It runs on the JSON before validation (the request's ``pre_parser``), so the
    model sees the float lists its type declares, strict validation included.
    """
    items = data.get("data") if isinstance(data, dict) else None
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                embedding = item.get("embedding")
                if isinstance(embedding, str):
                    item["embedding"] = base64_to_floats(embedding)
    return data

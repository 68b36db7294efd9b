"""Helper properties of ``Response`` (the generated model inherits ``ResponseMixin``).

Imported with the ``Response`` type module, so it imports nothing at runtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING:
    from ...types.responses.response_output_item import ResponseOutputItem

__all__ = ["ResponseMixin"]


class ResponseMixin:
    if TYPE_CHECKING:
        output: List[ResponseOutputItem]

    @property
    def output_text(self) -> str:
        """The text of every ``output_text`` content part of every output message, joined."""
        texts: List[str] = []
        for item in self.output:
            if item.type == "message":
                for part in item.content:
                    if part.type == "output_text":
                        texts.append(part.text)
        return "".join(texts)

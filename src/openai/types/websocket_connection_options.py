# Handwritten (realtime work item, issue 6): the generator leaves this module alone and
# exports its names from `openai.types`.
"""Options handed to the ``websockets`` library when a connection opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence, Tuple, Union

from typing_extensions import TypedDict

if TYPE_CHECKING:
    from websockets.extensions import ClientExtensionFactory
    from websockets.typing import Subprotocol

__all__ = ["WebSocketConnectionOptions", "WebsocketConnectionOptions"]


class WebSocketConnectionOptions(TypedDict, total=False):
    """Keyword arguments of ``websockets``' ``connect``; see its documentation for each."""

    extensions: Optional[Sequence[ClientExtensionFactory]]
    subprotocols: Optional[Sequence[Subprotocol]]
    compression: Optional[str]
    """``"deflate"`` (the default) or ``None`` to turn compression off."""
    max_size: Optional[int]
    """Largest incoming message in bytes; ``None`` for no limit."""
    max_queue: Union[Optional[int], Tuple[Optional[int], Optional[int]]]
    write_limit: Union[int, Tuple[int, Optional[int]]]


# the spelling of older releases
WebsocketConnectionOptions = WebSocketConnectionOptions

"""The page classes of the list endpoints. Iterating a page fetches the following pages."""

from __future__ import annotations

from typing import Any, Generic, List, Optional, TypeVar, cast

from ._pagination_base import BaseAsyncPage, BasePage, BaseSyncPage, PageInfo

__all__ = [
    "SyncPage",
    "AsyncPage",
    "SyncCursorPage",
    "AsyncCursorPage",
    "SyncConversationCursorPage",
    "AsyncConversationCursorPage",
    "SyncNextCursorPage",
    "AsyncNextCursorPage",
]

_T = TypeVar("_T")


def _last_item_id(items: List[Any]) -> Optional[str]:
    if not items:
        return None
    last = items[-1]
    item_id = getattr(last, "id", None)
    if item_id is None and isinstance(last, dict):
        item_id = cast("dict[str, Any]", last).get("id")
    return item_id if isinstance(item_id, str) else None


class _PagePlain(BasePage[_T], Generic[_T]):
    """A single page: the endpoint has no pagination (``{"object": "list", "data": [...]}``)."""

    data: List[_T]
    object: str

    def _get_page_items(self) -> List[_T]:
        return self.data or []

    def next_page_info(self) -> None:
        return None


class _HasMorePage(BasePage[_T], Generic[_T]):
    """Pages with a ``has_more`` flag: no next page once it is false."""

    data: List[_T]
    has_more: Optional[bool] = None

    def _get_page_items(self) -> List[_T]:
        return self.data or []

    def has_next_page(self) -> bool:
        if self.has_more is False:
            return False
        return super().has_next_page()


class _PageCursor(_HasMorePage[_T], Generic[_T]):
    """Cursor pages: the next page starts ``after`` the id of the last item."""

    def next_page_info(self) -> Optional[PageInfo]:
        item_id = _last_item_id(self.data or [])
        if item_id is None:
            return None
        return PageInfo(params={"after": item_id})


class _PageConversationCursor(_HasMorePage[_T], Generic[_T]):
    """Conversation-style cursor pages: the response names the cursor in ``last_id``."""

    last_id: Optional[str] = None

    def next_page_info(self) -> Optional[PageInfo]:
        if not self.last_id:
            return None
        return PageInfo(params={"after": self.last_id})


class _PageNextCursor(_HasMorePage[_T], Generic[_T]):
    """Pages whose response carries the next cursor in ``next``."""

    next: Optional[str] = None

    def next_page_info(self) -> Optional[PageInfo]:
        if not self.next:
            return None
        return PageInfo(params={"after": self.next})


class SyncPage(BaseSyncPage[_T], _PagePlain[_T], Generic[_T]):
    pass


class AsyncPage(BaseAsyncPage[_T], _PagePlain[_T], Generic[_T]):
    pass


class SyncCursorPage(BaseSyncPage[_T], _PageCursor[_T], Generic[_T]):
    pass


class AsyncCursorPage(BaseAsyncPage[_T], _PageCursor[_T], Generic[_T]):
    pass


class SyncConversationCursorPage(BaseSyncPage[_T], _PageConversationCursor[_T], Generic[_T]):
    pass


class AsyncConversationCursorPage(BaseAsyncPage[_T], _PageConversationCursor[_T], Generic[_T]):
    pass


class SyncNextCursorPage(BaseSyncPage[_T], _PageNextCursor[_T], Generic[_T]):
    pass


class AsyncNextCursorPage(BaseAsyncPage[_T], _PageNextCursor[_T], Generic[_T]):
    pass

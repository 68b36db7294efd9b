"""What every page class shares: fetching the next page and iterating across pages."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    TypeVar,
    cast,
)

import httpx
from pydantic import PrivateAttr

from ._models import BaseModel
from ._options import FinalRequestOptions

if TYPE_CHECKING:
    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["PageInfo", "BasePage", "BaseSyncPage", "BaseAsyncPage", "AsyncPaginator", "page_type_for"]

_T = TypeVar("_T")
_PageT = TypeVar("_PageT", bound="BaseAsyncPage[Any]")


class PageInfo:
    """Where the next page is: new query ``params``, a ``url``, or a ``json`` body update."""

    __slots__ = ("url", "params", "json")

    def __init__(
        self,
        *,
        url: Optional[httpx.URL] = None,
        params: Optional[Dict[str, object]] = None,
        json: Optional[Dict[str, object]] = None,
    ) -> None:
        self.url = url
        self.params = params
        self.json = json

    def __repr__(self) -> str:
        if self.url is not None:
            return f"{self.__class__.__name__}(url={self.url})"
        if self.json is not None:
            return f"{self.__class__.__name__}(json={self.json})"
        return f"{self.__class__.__name__}(params={self.params})"


class BasePage(BaseModel, Generic[_T]):
    """A page of a list endpoint. ``next_page_info`` says where the next one is."""

    _options: FinalRequestOptions = PrivateAttr()
    _model: Any = PrivateAttr()

    def _get_page_items(self) -> List[_T]:
        raise NotImplementedError

    def next_page_info(self) -> Optional[PageInfo]:
        raise NotImplementedError

    def has_next_page(self) -> bool:
        if not self._get_page_items():
            return False
        return self.next_page_info() is not None

    def _params_from_url(self, url: httpx.URL) -> httpx.QueryParams:
        return httpx.QueryParams(cast(Any, self._options.params)).merge(url.params)

    def _info_to_options(self, info: PageInfo) -> FinalRequestOptions:
        options = self._options
        if info.params is not None:
            return options.copy(params={**options.params, **info.params})
        if info.url is not None:
            params = dict(self._params_from_url(info.url))
            return options.copy(params=params, url=str(info.url.copy_with(params=None)))
        if info.json is not None:
            body = options.json_data if isinstance(options.json_data, dict) else {}
            return options.copy(json_data={**cast(Dict[str, Any], body), **info.json})
        raise ValueError("Unexpected PageInfo state")

    def _set_private_attributes(self, client: Any, model: Any, options: FinalRequestOptions) -> None:
        self._client = client
        self._model = model
        self._options = options


class BaseSyncPage(BasePage[_T], Generic[_T]):
    _client: SyncAPIClient = PrivateAttr()

    def __iter__(self) -> Iterator[_T]:  # type: ignore[override]
        """Every item of this page and the pages after it (fetched as needed)."""
        for page in self.iter_pages():
            yield from page._get_page_items()

    def iter_pages(self: Any) -> Iterator[Any]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def get_next_page(self: Any) -> Any:
        info = self.next_page_info()
        if not info:
            raise RuntimeError(
                "No next page expected; please check `.has_next_page()` before calling `.get_next_page()`."
            )
        return self._client.request(type(self), self._info_to_options(info))


class BaseAsyncPage(BasePage[_T], Generic[_T]):
    _client: AsyncAPIClient = PrivateAttr()

    async def __aiter__(self) -> AsyncIterator[_T]:
        """Every item of this page and the pages after it (fetched as needed)."""
        async for page in self.iter_pages():
            for item in page._get_page_items():
                yield item

    async def iter_pages(self: Any) -> AsyncIterator[Any]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

    async def get_next_page(self: Any) -> Any:
        info = self.next_page_info()
        if not info:
            raise RuntimeError(
                "No next page expected; please check `.has_next_page()` before calling `.get_next_page()`."
            )
        return await self._client.request(type(self), self._info_to_options(info))


class AsyncPaginator(Generic[_T, _PageT]):
    """What an async list call returns: ``await`` it for the first page, or ``async for``
    over it for every item."""

    def __init__(self, client: AsyncAPIClient, options: FinalRequestOptions, page_cls: Any, model: Any) -> None:
        self._client = client
        self._options = options
        self._page_cls = page_cls
        self._model = model

    def __await__(self) -> Generator[Any, None, _PageT]:
        return self._get_page().__await__()

    async def _get_page(self) -> _PageT:
        return cast(_PageT, await self._client.request(self._page_cls, self._options))

    async def __aiter__(self) -> AsyncIterator[_T]:
        page = await self
        async for item in page:
            yield item


_page_types: Dict[Tuple[Any, Any], Any] = {}


def page_type_for(page: Any, model: Any) -> Any:
    """The page class parametrized with the item type (cached): ``SyncPage`` + ``Model`` ->
    ``SyncPage[Model]``. An already parametrized page is returned as is."""
    if getattr(page, "__pydantic_generic_metadata__", {}).get("args"):
        return page
    key = (page, model)
    cached = _page_types.get(key)
    if cached is None:
        cached = _page_types[key] = page[model]
    return cached


def page_item_type(page_type: Any) -> Any:
    meta = getattr(page_type, "__pydantic_generic_metadata__", None) or {}
    args = meta.get("args") or ()
    return args[0] if args else Any

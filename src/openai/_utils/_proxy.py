"""``LazyProxy``: an object that stands for another one built on first use."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, Iterable, List, TypeVar, cast

_T = TypeVar("_T")


class LazyProxy(Generic[_T], ABC):
    """Forwards attribute access to the object returned by :meth:`__load__`."""

    def __getattr__(self, attr: str) -> object:
        proxied = self.__get_proxied__()
        if isinstance(proxied, LazyProxy):
            return proxied
        return getattr(proxied, attr)

    def __repr__(self) -> str:
        proxied = self.__get_proxied__()
        if isinstance(proxied, LazyProxy):
            return proxied.__class__.__name__
        return repr(proxied)

    def __str__(self) -> str:
        proxied = self.__get_proxied__()
        if isinstance(proxied, LazyProxy):
            return proxied.__class__.__name__
        return str(proxied)

    def __dir__(self) -> Iterable[str]:
        proxied = self.__get_proxied__()
        if isinstance(proxied, LazyProxy):
            return []
        return cast(List[str], dir(proxied))

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # pyright: ignore[reportIncompatibleMethodOverride]
        try:
            proxied = self.__get_proxied__()
        except Exception:
            return type(self)
        if issubclass(type(proxied), LazyProxy):
            return type(proxied)
        return cast(type, proxied.__class__)

    def __get_proxied__(self) -> _T:
        return self.__load__()

    def __as_proxied__(self) -> _T:
        return cast(_T, self)

    @abstractmethod
    def __load__(self) -> _T: ...

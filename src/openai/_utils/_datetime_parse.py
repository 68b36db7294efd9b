"""Lenient date and datetime parsing (ISO strings and unix timestamps)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Union

from .._types import StrBytesIntFloat


def _from_number(value: float) -> datetime:
    if abs(value) > 2e10:  # milliseconds
        value = value / 1000
    return datetime.fromtimestamp(value, tz=timezone.utc)


def parse_datetime(value: Union[datetime, StrBytesIntFloat]) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)):
        return _from_number(value)
    text = value.decode() if isinstance(value, bytes) else value
    try:
        return _from_number(float(text))
    except ValueError:
        pass
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"invalid datetime format: {value!r}") from err


def parse_date(value: Union[date, StrBytesIntFloat]) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        return _from_number(value).date()
    text = value.decode() if isinstance(value, bytes) else value
    try:
        return _from_number(float(text)).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError as err:
        raise ValueError(f"invalid date format: {value!r}") from err

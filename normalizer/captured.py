"""Capture dates as the record's ``source.captured``: ISO 8601, whatever form the input gave.

A capture date is provenance (when the page was fetched) and the reference the metadata step
reads relative dates against ("2 hours ago"). WARC gives ISO 8601; scrapers' exports give ISO
strings, HTTP dates or Unix times. A value that is no date is kept as given (``captured_raw``)
rather than dropped or guessed.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

# a number this large is a capture time in milliseconds since 1970, not seconds
_MILLISECONDS_FROM = 100_000_000_000


def captured_fields(value) -> dict:
    """``{"captured": ...}`` for a value read as a date, ``{"captured_raw": ...}`` for one that is
    not, ``{}`` for no value.

    >>> captured_fields("2024-03-05T10:20:00Z"), captured_fields("yesterday"), captured_fields(None)
    ({'captured': '2024-03-05T10:20:00Z'}, {'captured_raw': 'yesterday'}, {})
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    captured = capture_date(value)
    return {"captured": captured} if captured else {"captured_raw": str(value)}


def capture_date(value) -> str | None:
    """A capture date as the record's ``captured`` (ISO 8601), or None when it cannot be read.

    Takes ISO 8601 strings, HTTP dates and seconds (or milliseconds) since 1970.

    >>> capture_date("2024-03-05T10:20:00Z"), capture_date("2024-03-05")
    ('2024-03-05T10:20:00Z', '2024-03-05')
    >>> capture_date("Tue, 05 Mar 2024 10:20:00 GMT"), capture_date(1709634000)
    ('2024-03-05T10:20:00Z', '2024-03-05T10:20:00Z')
    >>> capture_date("yesterday") is None
    True
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value >= _MILLISECONDS_FROM else value
        try:
            return iso(datetime.fromtimestamp(seconds, timezone.utc))
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else iso(datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return iso(parsedate_to_datetime(text))
    except (TypeError, ValueError):
        return None


def iso(moment: datetime) -> str:
    """ISO 8601, UTC written ``Z`` as WARC writes it."""
    return moment.isoformat().replace("+00:00", "Z")

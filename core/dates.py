"""Dates as people write them in addresses, queries, command arguments and documents: YYYY-MM-DD.

The one parser of such a date. Each caller keeps its own answer to a bad one (a 404 page, a
JSON 400, a CommandError, a document error naming the JSON path); only the reading is shared,
so "2026-02-30" or "20260101" is refused the same way everywhere.
"""

import datetime
import re

# Four digits, two, two: the form of a day in a URL (the `isodate` converter), the API schema
# and everywhere below. Whether it is a real day is for parse_day to say.
DAY_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DAY = re.compile(DAY_PATTERN)


class NotADay(ValueError):
    """The text is not a calendar day written YYYY-MM-DD; its message names the text."""

    def __init__(self, text: str):
        self.text = text
        # Bounded: the text may come from anyone's query string.
        super().__init__(f"{text[:40]!r} is not a date YYYY-MM-DD")


def parse_day(text: str) -> datetime.date:
    """The calendar day `text` names, written YYYY-MM-DD; NotADay otherwise.

    Only that form: `date.fromisoformat` alone also takes "20260101" and "2026-W01-1".
    """
    if _DAY.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:  # the form is right, the day does not exist: 2026-02-30
            pass
    raise NotADay(text)


def day_or_none(text: str) -> datetime.date | None:
    """The calendar day `text` names, or None when it is not one (see parse_day)."""
    try:
        return parse_day(text)
    except NotADay:
        return None

"""Dates at the precision a source states them: a year, a month, a day, or a range of them.

"September 2019" is `2019-09`, never `2019-09-01`. A range is `START..END`, both ends at
the same precision (`2019-02-19..2019-02-20`, `2014..2016`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pydantic is imported when a file is validated (model.py)
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

# ASCII digits only: int() reads "٢٠١٩" (Arabic-Indic) or "２０１９" (full width) as 2019.
_POINT = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_MONTHS = [calendar.month_abbr[m] for m in range(13)]


class Precision(IntEnum):
    """How much of a date a source states: the year, the month or the day."""

    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=True, slots=True)
class DatePoint:
    """One end of a date: year, and month and day when the source states them."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        """How precisely the point is stated: to the day, to the month, or the year only."""
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    @classmethod
    def parse(cls, text: str) -> DatePoint:
        """The point that `YYYY`, `YYYY-MM` or `YYYY-MM-DD` writes; raises ValueError, saying
        what is wrong, for other text, a year before 1000, or a month or day that does not exist."""
        match = _POINT.match(text)
        if not match:
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match[1])
        month = int(match[2]) if match[2] else 0
        day = int(match[3]) if match[3] else 0
        if year < 1000:
            raise ValueError(f"year {year} in '{text}' is out of range")
        if match[2] and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} in '{text}' does not exist")
        if match[3]:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(
                    f"day {day:02d} in '{text}' does not exist "
                    f"({calendar.month_name[month]} {year} has {last} days)"
                )
        return cls(year, month, day)

    def iso(self) -> str:
        """The point as the data writes it: '2019', '2019-09' or '2019-09-19'."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def human(self) -> str:
        """The point as a reader writes it: '2019', 'Sep 2019' or '19 Sep 2019'."""
        if self.day:
            return f"{self.day} {_MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month]} {self.year}"
        return str(self.year)

    def first_day(self) -> dt.date:
        """The earliest day the point can mean: 1 September for `2019-09`."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The latest day the point can mean: 30 September for `2019-09`."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date or date range with the precision its source gives."""

    start: DatePoint
    end: DatePoint | None = None

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """The date a value of the data gives: a `START..END` or single date as text, or a bare
        TOML date; raises ValueError, saying what is wrong, for anything else (a date-time, ends
        of two precisions, a range that ends before it starts)."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("a date-time is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, dt.date):  # a bare TOML date, checked as its text would be
            return cls(DatePoint.parse(value.isoformat()))
        if not isinstance(value, str):
            raise ValueError(f"expected a date string, got {type(value).__name__}")
        text = value.strip()
        if ".." not in text:
            return cls(DatePoint.parse(text))
        left, _, right = text.partition("..")
        start, end = DatePoint.parse(left.strip()), DatePoint.parse(right.strip())
        if start.precision != end.precision:
            raise ValueError(f"both ends of '{text}' must have the same precision")
        if end <= start:
            raise ValueError(f"the range '{text}' ends before it starts")
        return cls(start, end)

    @property
    def precision(self) -> Precision:
        """The precision of its start (both ends of a range have the same)."""
        return self.start.precision

    @property
    def year(self) -> int:
        """The year it starts in."""
        return self.start.year

    @property
    def end_year(self) -> int:
        """The year it ends in: the year it starts in, when it is not a range."""
        return (self.end or self.start).year

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Its first and last possible days: dates sort by start, then the narrower first
        (1 Jan 2019, then Jan 2019, then 2019)."""
        return (self.start.first_day(), (self.end or self.start).last_day())

    def __str__(self) -> str:
        return self.start.iso() if self.end is None else f"{self.start.iso()}..{self.end.iso()}"

    def human(self) -> str:
        """'19–20 Feb 2019', '31 May–2 Jun 2016' (the year once), 'Sep 2019', '2014–2016'."""
        s, e = self.start, self.end
        if e is None:
            return s.human()
        if s.precision is Precision.DAY and (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {_MONTHS[s.month]} {s.year}"
        if s.precision is Precision.DAY and e.precision is Precision.DAY and s.year == e.year:
            return f"{s.day} {_MONTHS[s.month]}–{e.day} {_MONTHS[e.month]} {s.year}"
        if s.precision is Precision.MONTH and s.year == e.year:
            return f"{_MONTHS[s.month]}–{_MONTHS[e.month]} {s.year}"
        return f"{s.human()}–{e.human()}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import PydanticCustomError, core_schema

        def validate(value: object) -> FuzzyDate:
            """The date, or Pydantic's error with parse's message."""
            try:
                return cls.parse(value)
            except ValueError as exc:
                raise PydanticCustomError("fuzzy_date", str(exc)) from None

        return core_schema.no_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.str_schema(),
        )

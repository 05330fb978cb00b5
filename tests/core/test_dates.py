from __future__ import annotations

import pytest

from atctui.dates import FuzzyDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "human"),
    [
        ("2019", Precision.YEAR, "2019"),
        ("2019-09", Precision.MONTH, "Sep 2019"),
        ("2019-02-19", Precision.DAY, "19 Feb 2019"),
        ("2019-02-19..2019-02-20", Precision.DAY, "19–20 Feb 2019"),
        ("2014..2016", Precision.YEAR, "2014–2016"),
        ("2017-05..2017-06", Precision.MONTH, "May–Jun 2017"),
        ("2019-12-30..2020-01-02", Precision.DAY, "30 Dec 2019–2 Jan 2020"),
        ("2016-05-31..2016-06-02", Precision.DAY, "31 May–2 Jun 2016"),  # the year once
    ],
)
def test_dates_keep_their_precision(text: str, precision: Precision, human: str) -> None:
    date = FuzzyDate.parse(text)
    assert (date.precision, date.human(), str(date)) == (precision, human, text)


def test_a_month_is_not_its_first_day() -> None:
    assert str(FuzzyDate.parse("2019-09")) != str(FuzzyDate.parse("2019-09-01"))
    assert FuzzyDate.parse("2019-09").sort_key()[1].isoformat() == "2019-09-30"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-02-30", "day 30 in '2019-02-30' does not exist (February 2019 has 28 days)"),
        ("2019-13", "month 13 in '2019-13' does not exist"),
        ("2019-02-20..2019-02-19", "ends before it starts"),
        ("2019..2019-05", "same precision"),
        ("Sept 2019", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_impossible_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        FuzzyDate.parse(text)

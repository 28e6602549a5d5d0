"""The bundled exchange calendar must cover this year and the next.

This one test reads the wall clock on purpose: it is about the clock (marked ``wall_clock``; .ci/date-moved
leaves it out, since a clock moved to 2031 says nothing about which years the exchanges have published). When it fails, add the year's
non-trading days as the exchanges publish them (usually in November or December for the next year) to
resources/data/sse_holidays.csv; a year not yet announced may be entered as ``provisional``.
"""

from __future__ import annotations

from datetime import date

import pytest

from crm_desktop.demo.market import exchange_calendar


@pytest.mark.wall_clock
def test_current_and_next_year_are_in_the_calendar() -> None:
    this_year = date.today().year  # the wall clock, deliberately
    cal = exchange_calendar()
    missing = [y for y in (this_year, this_year + 1) if not cal.covers(y)]
    assert not missing, f"resources/data/sse_holidays.csv lacks the exchange closures of {missing}"
    # A year that has started must be the published schedule, not the provisional one.
    assert this_year not in cal.provisional, (
        f"the closures of {this_year} in resources/data/sse_holidays.csv are still provisional: "
        "replace them with the exchanges' published schedule"
    )

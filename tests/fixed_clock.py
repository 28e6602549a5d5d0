"""The date every test runs on: a fixed working day, so the suite passes on any real date.

``tests/conftest.py`` installs a :class:`~crm_desktop.clock.FixedClock` at this date for each test;
tests that build data "relative to today" use ``TODAY``.
"""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 12, 1)  # a Tuesday

"""The date a batch run (scoring, task or call-back generation) writes for may not lie in the future."""

from __future__ import annotations

from datetime import date

from crm_desktop import clock
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr


def refuse_future(as_of: date | None) -> None:
    """``--as-of`` after today is refused for runs that write: results "as of" a day that has not come
    would stand in the store as if they were known, and later runs would take them as the latest."""
    if as_of is not None and as_of > clock.today():
        raise InvalidInput(
            tr(
                "日期 {d} 晚于今天（{t}）：写入数据的运行不能使用未来日期。",
                "The date {d} is after today ({t}): a run that writes may not use a future date.",
                d=as_of.isoformat(),
                t=clock.today().isoformat(),
            )
        )

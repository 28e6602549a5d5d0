"""Turning one cell of a back-office export into a stored value, or a reason why it cannot be.

Every parser takes the raw cell (``str`` from CSV; ``str``, ``int``, ``float``, ``datetime`` or
``None`` from Excel) and returns the value in the form the staging tables take on both backends:
dates as ISO text, decimals as exact text, booleans as 0/1. A :class:`CellError` carries the reason.
Parsers are hot (millions of calls for a big trade file), so the common cases come first and date
texts are cached: a trade file has few distinct dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from crm_desktop import clock
from crm_desktop.domain.aliases import Resolver
from crm_desktop.domain.cells import clean_imported
from crm_desktop.i18n import tr

Parser = Callable[[Any], Any]

# Excel's day 0 for the 1900 date system (the fictitious 1900-02-29 makes 1899-12-30 the base).
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers from 1950 to 2100: anything else is far more likely a typo than a date.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73051
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL_RE = re.compile(r"^\d{5}(?:\.0+)?$")


class CellError(ValueError):
    """The reason a cell is unusable, already in the UI language."""


def cell_text(raw: Any) -> str:
    """The cell as trimmed text, whatever type the reader produced."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return clean_imported(raw).strip()
    if isinstance(raw, bool):
        return "1" if raw else "0"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


def _required() -> CellError:
    return CellError(tr("不能为空", "must not be empty"))


# ---------------------------------------------------------------- text and codes


def _empty(default: str | None, *, required: bool) -> str | None:
    """What an empty cell reads as: the column's default, else None when the column is optional."""
    if default is not None:
        return default
    if required:
        raise _required()
    return None


def _bounded(s: str, max_len: int, *, required: bool) -> str | None:
    """``s`` checked for presence and length; an empty optional cell reads as None."""
    if not s:
        return _empty(None, required=required)
    if len(s) > max_len:
        raise CellError(tr("超过 {n} 个字符", "longer than {n} characters", n=max_len))
    return s


def make_text(max_len: int, *, required: bool) -> Parser:
    def parse(raw: Any) -> str | None:
        return _bounded(cell_text(raw), max_len, required=required)

    return parse


def code_text(raw: Any) -> str:
    """Codes, client numbers and logins stay text; Excel's ``="000001"`` guard is unwrapped.

    Numbers from Excel lose leading zeros in the sheet itself; the reader restores them from a
    ``000000``-style cell format before this sees them.
    """
    s = cell_text(raw)
    if s.startswith('="') and s.endswith('"'):
        s = s[2:-1].strip()
    elif s.startswith("'"):
        s = s[1:].strip()
    return s


def make_code(
    max_len: int,
    *,
    required: bool,
    pattern: re.Pattern[str] | None = None,
    pattern_hint: tuple[str, str] | None = None,
) -> Parser:
    def parse(raw: Any) -> str | None:
        s = _bounded(code_text(raw), max_len, required=required)
        if s is None:
            return None
        if pattern is not None and not pattern.fullmatch(s):
            zh, en = pattern_hint or ("格式不正确", "has the wrong format")
            raise CellError(tr(zh, en))
        return s

    return parse


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def make_email(*, required: bool) -> Parser:
    base = make_text(200, required=required)

    def parse(raw: Any) -> str | None:
        s = base(raw)
        if s is not None and not _EMAIL_RE.match(s):
            raise CellError(tr("不是有效的电子邮箱地址", "is not a valid e-mail address"))
        return s

    return parse


# ---------------------------------------------------------------- dates


def _date_from_text(s: str) -> date:
    m = _DATE_RE.match(s) or _COMPACT_RE.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            return date(y, mo, d)
        except ValueError:
            raise CellError(tr("不是存在的日期", "is not a real calendar date")) from None
    if _SERIAL_RE.match(s):
        return _date_from_serial(float(s))
    raise CellError(
        tr(
            "日期格式无法识别，应为 YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 Excel 日期",
            "is not a date; use YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or an Excel date",
        )
    )


def _date_from_serial(serial: float) -> date:
    if not (_SERIAL_MIN <= serial <= _SERIAL_MAX) or not float(serial).is_integer():
        raise CellError(
            tr(
                "数字 {v} 不是合理的 Excel 日期（1950–2100 年）",
                "the number {v} is not a plausible Excel date (1950–2100)",
                v=cell_text(serial),
            )
        )
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def make_date(*, required: bool, not_after_today: bool = False) -> Parser:
    cache: dict[str, str] = {}
    today = clock.today()

    def parse(raw: Any) -> str | None:
        if isinstance(raw, str):
            hit = cache.get(raw)
            if hit is not None:
                return hit
            s = raw.strip()
            if not s:
                if required:
                    raise _required()
                return None
            d = _date_from_text(s)
        elif raw is None:
            if required:
                raise _required()
            return None
        elif isinstance(raw, datetime):
            if raw.time() != datetime.min.time():
                raise CellError(tr("应为日期而不是日期时间", "should be a date, not a date and time"))
            d = raw.date()
        elif isinstance(raw, date):
            d = raw
        elif isinstance(raw, int | float) and not isinstance(raw, bool):
            d = _from_number(raw)
        else:
            d = _date_from_text(cell_text(raw))
        if not_after_today and d > today:
            raise CellError(tr("日期在将来", "is in the future"))
        iso = d.isoformat()
        if isinstance(raw, str) and len(cache) < 100_000:
            cache[raw] = iso
        return iso

    return parse


def _from_number(raw: float) -> date:
    # 20240105 typed into a numeric Excel cell is still the compact text form.
    if 19000101 <= raw <= 21001231 and float(raw).is_integer():
        return _date_from_text(str(int(raw)))
    return _date_from_serial(float(raw))


# ---------------------------------------------------------------- numbers


def make_rate(*, required: bool) -> Parser:
    """A commission rate as a fraction of the traded amount, 6 decimals: ``0.00025``, ``万2.5``, ``2.5‱``,
    ``0.025%``. A rate of 1 or more is refused (a fee of the whole amount is a unit mistake)."""
    decimal = make_decimal(6, required=required, non_negative=True, precision=9)

    def parse(raw: Any) -> str | None:
        if isinstance(raw, str):
            s = raw.strip()
            for unit, scale in (("万", 4), ("‱", 4), ("%", 2), ("％", 2)):
                if s.startswith(unit) or s.endswith(unit):
                    number = s.replace(unit, "").strip()
                    try:
                        d = Decimal(number).scaleb(-scale)
                    except InvalidOperation:
                        raise CellError(tr("不是费率", "is not a rate")) from None
                    return decimal(str(d))
        out = decimal(raw)
        if out is not None and Decimal(out) >= 1:
            raise CellError(
                tr("费率应小于 1（例如 0.00025 或 万2.5）", "a rate is below 1 (say 0.00025 or 万2.5)")
            )
        return out

    return parse


def make_decimal(
    scale: int, *, required: bool, non_negative: bool, precision: int = 18, default: str | None = None
) -> Parser:
    """Exact decimal text rounded half-up to the column's scale; thousands separators allowed."""
    quantum = Decimal(1).scaleb(-scale)
    limit = Decimal(10) ** (precision - scale)

    def parse(raw: Any) -> str | None:
        if isinstance(raw, str):
            s = raw.strip()
            if "," in s or " " in s or "，" in s:
                s = _strip_separators(s)
        elif raw is None:
            s = ""
        elif isinstance(raw, bool):
            raise CellError(tr("不是数字", "is not a number"))
        elif isinstance(raw, float):
            s = repr(raw)
        else:
            s = str(raw)
        if not s:
            return _empty(default, required=required)
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise CellError(tr("不是数字", "is not a number")) from None
        if not d.is_finite():
            raise CellError(tr("不是数字", "is not a number"))
        if non_negative and d < 0:
            raise CellError(tr("不能为负数", "must not be negative"))
        # The limit first: quantizing 1e30 to cents needs more digits than the decimal context holds.
        if abs(d) >= limit:
            raise CellError(tr("数值过大", "is too large"))
        if d.as_tuple().exponent != -scale:
            try:
                d = d.quantize(quantum, rounding=ROUND_HALF_UP)
            except InvalidOperation:
                raise CellError(tr("数值过大", "is too large")) from None
        if abs(d) >= limit:
            raise CellError(tr("数值过大", "is too large"))
        if not d:
            d = abs(d)  # "-0.00" would otherwise compare unequal to a stored zero as text
        return str(d)

    return parse


_GROUPED_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def _strip_separators(s: str) -> str:
    s = s.replace("，", ",").replace(" ", "")
    if "," in s:
        # Only real thousands grouping: "1,2" is more likely a decimal comma or a typo than 12.
        if not _GROUPED_RE.match(s):
            raise CellError(tr("千分位分隔符位置不正确", "has misplaced thousands separators"))
        s = s.replace(",", "")
    return s


# ---------------------------------------------------------------- choices


def make_choice(resolver: Resolver[Any], *, required: bool, default: str | None = None) -> Parser:
    """A coded value by any spelling the domain's aliases accept; the stored value is the code."""
    # A coded column has few distinct spellings per file: normalising each cell again would be the hot spot.
    seen: dict[str, str | None] = {}

    def parse(raw: Any) -> str | None:
        s = raw.strip() if isinstance(raw, str) else cell_text(raw)
        if not s:
            return _empty(default, required=required)
        code = seen.get(s)
        if code is not None:
            return code
        member = resolver.get(s)
        if member is not None and len(seen) < 1000:
            seen[s] = member.value
        if member is None:
            raise CellError(
                tr(
                    "不是允许的值，可选：{allowed}",
                    "is not an allowed value; use {allowed}",
                    allowed=resolver.hint(),
                )
            )
        return member.value

    return parse


_TRUE = {"是", "在职", "true", "t", "yes", "y", "1", "1.0"}
_FALSE = {"否", "离职", "false", "f", "no", "n", "0", "0.0"}


def make_bool(*, default: int | None) -> Parser:
    def parse(raw: Any) -> int | None:
        if isinstance(raw, bool):
            return int(raw)
        s = cell_text(raw).casefold()
        if not s:
            if default is None:
                raise _required()
            return default
        if s in _TRUE:
            return 1
        if s in _FALSE:
            return 0
        raise CellError(tr("应为 是/否、true/false 或 1/0", "should be 是/否, true/false or 1/0"))

    return parse


def make_list(resolver: Resolver[Any]) -> Parser:
    """``a;b`` or ``a；b`` into a JSON list text of codes (any accepted spelling), in file order, no repeats."""
    import json

    def parse(raw: Any) -> str:
        s = cell_text(raw).replace("；", ";").replace("、", ";")
        out: list[str] = []
        for part in s.split(";"):
            p = part.strip()
            if not p:
                continue
            member = resolver.get(p)
            if member is None:
                raise CellError(
                    tr(
                        "未知的值 {q}，可选：{allowed}",
                        "unknown value {q}; use {allowed}",
                        q=p,
                        allowed=resolver.hint(),
                    )
                )
            if member.value not in out:
                out.append(member.value)
        # Same text as the ORM's JSON serialiser writes, so stored and imported lists compare equal.
        return json.dumps(out)

    return parse

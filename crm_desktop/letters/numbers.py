"""Numbers the way a Chinese statement prints them: thousands separators, two decimals, 元."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def _q(value: Decimal | float | int, places: Decimal = _CENT) -> Decimal:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    d = d.quantize(places, rounding=ROUND_HALF_UP)
    # -0.00 reads as an error on a statement
    return d + 0 if d != 0 else Decimal(0).quantize(places)


def amount(value: Decimal | float | int) -> str:
    """1234567.891 -> '1,234,567.89'."""
    return f"{_q(value):,.2f}"


def yuan(value: Decimal | float | int) -> str:
    """1234567.891 -> '1,234,567.89 元'."""
    return f"{amount(value)} 元"


def signed_yuan(value: Decimal | float | int) -> str:
    """P&L and flows carry an explicit sign: '+12,345.00 元' / '-2,000.00 元'."""
    q = _q(value)
    return f"{'+' if q > 0 else ''}{q:,.2f} 元"


def percent(value: Decimal | float | None, *, signed: bool = False) -> str:
    if value is None:
        return "—"
    q = _q(Decimal(str(value)) * 100)
    sign = "+" if signed and q > 0 else ""
    return f"{sign}{q:,.2f}%"


def quantity(value: Decimal | float | int) -> str:
    """Shares are whole numbers nearly always; keep decimals only when there are some (funds, odd lots)."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{_q(d, Decimal('0.0001')).normalize():,f}"


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def wan(value: Decimal | float | int) -> str:
    """Axis labels: 1234567 -> '123.5万'."""
    v = float(value) / 10_000
    if abs(v) >= 100:
        return f"{v:,.0f}万"
    if abs(v) >= 10:
        return f"{v:,.1f}万"
    return f"{v:,.2f}万"

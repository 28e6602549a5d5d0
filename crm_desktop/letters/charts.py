"""The two charts, drawn with reportlab's own vector graphics.

Vector drawings keep the letter small and sharp at any print resolution; an embedded raster chart
made the letter twice the size and six times slower to produce.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String, Wedge
from reportlab.lib import colors

from crm_desktop.domain import Board, label
from crm_desktop.i18n import ZH
from crm_desktop.letters import numbers
from crm_desktop.letters.model import AllocationSlice, TrendPoint
from crm_desktop.letters.style import ACCENT, INK, MUTED, RULE, SLICE_COLOURS, font

# Letters are always in Chinese; cash and "other" are slices of the allocation chart, not boards.
BOARD_NAMES = {"cash": "现金", **{b.value: label(b, ZH) for b in Board}, "other": "其他证券"}


def _nice_step(span: float, ticks: int = 4) -> float:
    raw = span / max(ticks, 1)
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _axis_label(value: float, step: float) -> str:
    """Ticks in 万元 with as many decimals as the step needs, so one axis never mixes '50.0万' and '100万'."""
    w, s = value / 10_000, step / 10_000
    places = 0 if s >= 1 else 1 if s >= 0.1 else 2
    return "0" if abs(w) < 1e-9 else f"{w:,.{places}f}万"


def trend_chart(points: Sequence[TrendPoint], width: float, height: float) -> Drawing:
    """Total assets (filled line) and securities value (thin line) over the period, y in 万元."""
    f = font()
    d = Drawing(width, height, initialFontName=f)
    left, right, bottom, top = 46.0, 8.0, 30.0, 12.0
    pw, ph = width - left - right, height - bottom - top
    if len(points) < 2:
        d.add(
            String(
                width / 2,
                height / 2,
                "报告期内资产数据不足，暂无走势图",
                fontName=f,
                fontSize=9,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
        return d
    totals = [float(p.total_assets) for p in points]
    secs = [float(p.securities_value) for p in points]
    lo = min(0.0, *totals, *secs)
    hi = max(*totals, *secs)
    if hi <= lo:
        hi = lo + 1.0
    step = _nice_step(hi - lo)
    y0 = math.floor(lo / step) * step
    y1 = math.ceil(hi / step) * step
    if y1 <= y0:
        y1 = y0 + step
    n = len(points)

    def x(i: int) -> float:
        return left + pw * i / (n - 1)

    def y(v: float) -> float:
        return bottom + ph * (v - y0) / (y1 - y0)

    tick = y0
    while tick <= y1 + step / 2:
        yy = y(tick)
        d.add(Line(left, yy, left + pw, yy, strokeColor=RULE, strokeWidth=0.4))
        d.add(
            String(
                left - 4,
                yy - 2.5,
                _axis_label(tick, step),
                fontName=f,
                fontSize=6.8,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
        tick += step
    # Month boundaries as x labels: a quarter shows three, a longer period thins them out.
    marks = [i for i in range(n) if i == 0 or points[i].day.month != points[i - 1].day.month]
    stride = max(1, math.ceil(len(marks) / 6))
    shown: list[int] = []
    for i in marks[::stride]:
        # The starting point is often the last day of the previous month: keep labels from colliding.
        if shown and x(i) - x(shown[-1]) < 34:
            shown[-1] = i
        else:
            shown.append(i)
    for i in shown:
        p = points[i]
        d.add(Line(x(i), bottom, x(i), bottom - 3, strokeColor=MUTED, strokeWidth=0.5))
        d.add(
            String(
                x(i),
                bottom - 11,
                f"{p.day.year}-{p.day.month:02d}",
                fontName=f,
                fontSize=6.8,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    d.add(Line(left, bottom, left + pw, bottom, strokeColor=MUTED, strokeWidth=0.6))

    area = [left, y(max(y0, 0.0))]
    line: list[float] = []
    for i, v in enumerate(totals):
        line += [x(i), y(v)]
    area += [*line, x(n - 1), y(max(y0, 0.0))]
    d.add(Polygon(area, fillColor=colors.Color(0.62, 0.106, 0.196, alpha=0.10), strokeColor=None))
    d.add(PolyLine(line, strokeColor=ACCENT, strokeWidth=1.4, strokeLineJoin=1))
    sec_line: list[float] = []
    for i, v in enumerate(secs):
        sec_line += [x(i), y(v)]
    d.add(PolyLine(sec_line, strokeColor=colors.HexColor("#2B6CB0"), strokeWidth=0.9, strokeDashArray=[3, 2]))
    d.add(Circle(x(n - 1), y(totals[-1]), 2.2, fillColor=ACCENT, strokeColor=None))

    # legend under the axis
    ly = 4.0
    d.add(Line(left, ly + 3, left + 16, ly + 3, strokeColor=ACCENT, strokeWidth=1.4))
    d.add(String(left + 20, ly, "总资产", fontName=f, fontSize=7.5, fillColor=INK))
    d.add(
        Line(
            left + 62,
            ly + 3,
            left + 78,
            ly + 3,
            strokeColor=colors.HexColor("#2B6CB0"),
            strokeWidth=0.9,
            strokeDashArray=[3, 2],
        )
    )
    d.add(String(left + 82, ly, "证券市值", fontName=f, fontSize=7.5, fillColor=INK))
    d.add(
        String(
            left + pw,
            ly,
            "单位：元（纵轴以万元标注）",
            fontName=f,
            fontSize=6.8,
            fillColor=MUTED,
            textAnchor="end",
        )
    )
    return d


def allocation_chart(slices: Sequence[AllocationSlice], width: float, height: float) -> Drawing:
    """A ring of cash and securities by board, with a legend giving amount and share."""
    f = font()
    d = Drawing(width, height, initialFontName=f)
    shown = [s for s in slices if s.value > 0]
    total = sum((s.value for s in shown), Decimal(0))
    if total <= 0:
        d.add(
            String(
                width / 2,
                height / 2,
                "期末账户无资产，暂无配置图",
                fontName=f,
                fontSize=9,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
        return d
    r = min(height / 2 - 6, 52.0)
    cx, cy = r + 12, height / 2
    angle = 90.0
    for s in shown:
        sweep = 360.0 * float(s.value / total)
        colour = SLICE_COLOURS.get(s.key, SLICE_COLOURS["other"])
        if sweep >= 359.99:
            d.add(Circle(cx, cy, r, fillColor=colour, strokeColor=colors.white, strokeWidth=1))
        else:
            d.add(
                Wedge(
                    cx,
                    cy,
                    r,
                    angle - sweep,
                    angle,
                    radius1=r * 0.58,
                    fillColor=colour,
                    strokeColor=colors.white,
                    strokeWidth=1,
                )
            )
        angle -= sweep
    d.add(Circle(cx, cy, r * 0.58, fillColor=colors.white, strokeColor=None))
    d.add(String(cx, cy + 2, "期末总资产", fontName=f, fontSize=6.8, fillColor=MUTED, textAnchor="middle"))
    d.add(
        String(
            cx,
            cy - 9,
            numbers.wan(total) + "元",
            fontName=f,
            fontSize=8.5,
            fillColor=INK,
            textAnchor="middle",
        )
    )

    lx = cx + r + 28
    row_h = 15.0
    ly = cy + row_h * (len(shown) - 1) / 2
    col_amount, col_share = lx + 150, lx + 210
    d.add(String(lx + 14, ly + row_h, "类别", fontName=f, fontSize=7, fillColor=MUTED))
    d.add(
        String(
            col_amount, ly + row_h, "金额（元）", fontName=f, fontSize=7, fillColor=MUTED, textAnchor="end"
        )
    )
    d.add(String(col_share, ly + row_h, "占比", fontName=f, fontSize=7, fillColor=MUTED, textAnchor="end"))
    for s in shown:
        colour = SLICE_COLOURS.get(s.key, SLICE_COLOURS["other"])
        d.add(Rect(lx, ly - 1, 8, 8, fillColor=colour, strokeColor=None))
        d.add(String(lx + 14, ly, BOARD_NAMES.get(s.key, s.key), fontName=f, fontSize=8.5, fillColor=INK))
        d.add(
            String(
                col_amount,
                ly,
                numbers.amount(s.value),
                fontName=f,
                fontSize=8.5,
                fillColor=INK,
                textAnchor="end",
            )
        )
        d.add(
            String(
                col_share,
                ly,
                numbers.percent(s.value / total),
                fontName=f,
                fontSize=8.5,
                fillColor=INK,
                textAnchor="end",
            )
        )
        ly -= row_h
    return d

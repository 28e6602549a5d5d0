"""Dashboard charts drawn with matplotlib onto given axes: the Qt view and the PDF export share them.

No Qt here: the GUI wraps the same figure in a FigureCanvas, the PDF renders it to PNG with Agg.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crm_desktop.i18n import tr
from crm_desktop.services.reassignment_rules import label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from crm_desktop.services.dashboard import Dashboard

WAN = 10_000  # charts show money in 万元 (ten thousands), the unit branch staff read fastest
COLOR_CLIENTS = "#4C72B0"
COLOR_ASSETS = "#DD8452"
COLOR_IN = "#55A868"
COLOR_OUT = "#C44E52"


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="#666666")
    ax.set_xticks([])
    ax.set_yticks([])


def draw_grades(ax: Axes, d: Dashboard) -> None:
    ax.set_title(tr("客户等级分布", "Clients and assets by grade"))
    if d.grades.empty:
        _empty(ax, tr("尚未评分", "not scored yet"))
        return
    grades = [label("grade", g) for g in d.grades["grade"]]
    x = range(len(grades))
    ax.bar(
        [i - 0.2 for i in x],
        d.grades["clients"],
        width=0.4,
        color=COLOR_CLIENTS,
        label=tr("客户数", "clients"),
    )
    ax.set_ylabel(tr("客户数", "clients"))
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xticks(list(x), grades, fontsize=8)
    ax2 = ax.twinx()
    ax2.bar(
        [i + 0.2 for i in x],
        d.grades["assets"] / WAN,
        width=0.4,
        color=COLOR_ASSETS,
        label=tr("资产（万元）", "assets (10k CNY)"),
    )
    ax2.set_ylabel(tr("资产（万元）", "assets (10k CNY)"))
    _thousands(ax2)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    labels = ax.get_legend_handles_labels()[1] + ax2.get_legend_handles_labels()[1]
    ax.legend(
        handles, labels, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False
    )


def _thousands(ax: Axes) -> None:
    """Money axes in 万元 with thousands separators: 120,000, never 120000."""
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"))


def draw_monthly(ax: Axes, d: Dashboard) -> None:
    ax.set_title(tr("月末资产与月度净流入", "Month-end assets and net flows"))
    if d.monthly.empty:
        _empty(ax, tr("没有资产快照", "no asset snapshots"))
        return
    months = list(d.monthly["month"])
    x = list(range(len(months)))
    flows = d.monthly["net_flow"] / WAN
    ax.bar(
        x,
        flows,
        color=[COLOR_IN if v >= 0 else COLOR_OUT for v in flows],
        label=tr("净流入（万元）", "net flow"),
    )
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylabel(tr("净流入（万元）", "net flow (10k CNY)"))
    ax.set_xticks(x, [m[2:] for m in months], fontsize=7, rotation=45)
    ax2 = ax.twinx()
    ax2.plot(
        x,
        d.monthly["assets"] / WAN,
        color=COLOR_CLIENTS,
        marker="o",
        markersize=3,
        label=tr("月末资产（万元）", "month-end assets"),
    )
    ax2.set_ylabel(tr("资产（万元）", "assets (10k CNY)"))
    ax2.set_ylim(0, float((d.monthly["assets"] / WAN).max()) * 1.25 or 1)
    _thousands(ax)
    _thousands(ax2)
    low, high = float(min(0.0, flows.min())), float(max(0.0, flows.max()))
    pad = (high - low) * 0.15 or 1
    ax.set_ylim(low - (pad if low < 0 else 0), high + pad)


def draw_league(ax: Axes, d: Dashboard) -> None:
    ax.set_title(tr("经理能力分与客户数", "Manager capability and clients"))
    frame = d.league.dropna(subset=["capability_score"])
    if frame.empty:
        _empty(ax, tr("尚未评分", "not scored yet"))
        return
    names = list(frame["manager"])[::-1]
    ax.barh(names, list(frame["capability_score"])[::-1], color=COLOR_CLIENTS)
    ax.set_xlim(0, 100)
    ax.tick_params(axis="y", labelsize=7)
    for i, (score, n) in enumerate(
        zip(list(frame["capability_score"])[::-1], list(frame["clients"])[::-1], strict=True)
    ):
        ax.text(score + 1, i, tr("{n} 户", "{n}", n=n), va="center", fontsize=7)


def draw_all(fig: Figure, d: Dashboard) -> None:
    """The three charts side by side on an empty figure."""
    axes = fig.subplots(1, 3)
    draw_grades(axes[0], d)
    draw_monthly(axes[1], d)
    draw_league(axes[2], d)


def build_figure(d: Dashboard, *, width_in: float = 12, height_in: float = 4) -> Figure:
    """A figure with the three charts (no pyplot, so no global state)."""
    from matplotlib.figure import Figure

    from crm_desktop.fonts import register_matplotlib

    register_matplotlib()
    fig = Figure(figsize=(width_in, height_in), dpi=100, layout="constrained")
    draw_all(fig, d)
    return fig


def render_png(d: Dashboard, *, width_in: float = 12, height_in: float = 4, dpi: int = 150) -> bytes:
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = build_figure(d, width_in=width_in, height_in=height_in)
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()

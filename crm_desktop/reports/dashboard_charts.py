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
    # "V5" over "diamond": the grade names never run into each other, in either language
    grades = [label("grade", g).replace(" ", "\n", 1) for g in d.grades["grade"]]
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
    ax.tick_params(axis="x", pad=1)
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


def _month_ticks(ax: Axes, months: list[str], *, most: int = 8) -> None:
    """Month labels that never collide: at most ``most`` of them (always the latest), slanted."""
    step = max(1, -(-len(months) // most))
    shown = [i for i in range(len(months)) if (len(months) - 1 - i) % step == 0]
    ax.set_xticks(shown, [_month_label(months[i]) for i in shown], fontsize=8, rotation=30, ha="right")
    ax.tick_params(axis="x", pad=1)


def _month_label(month: str) -> str:
    """``2026-11`` → ``26-11`` (the century is never in doubt on a two-year chart)."""
    return month[2:] if len(month) == 7 else month


def draw_monthly(ax: Axes, d: Dashboard) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.set_title(tr("月末资产与月度净流入", "Month-end assets and net inflow"))
    if d.monthly.empty:
        _empty(ax, tr("没有资产快照", "no asset snapshots"))
        return
    months = list(d.monthly["month"])
    x = list(range(len(months)))
    flows = d.monthly["net_flow"] / WAN
    ax.bar(x, flows, color=[COLOR_IN if v >= 0 else COLOR_OUT for v in flows])
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_ylabel(tr("净流入（万元）", "net inflow (10k CNY)"))
    _month_ticks(ax, months)
    ax2 = ax.twinx()
    ax2.plot(x, d.monthly["assets"] / WAN, color=COLOR_CLIENTS, marker="o", markersize=3)
    ax2.set_ylabel(tr("月末资产（万元）", "month-end assets (10k CNY)"))
    _thousands(ax)
    _thousands(ax2)
    low, high = float(min(0.0, flows.min())), float(max(0.0, flows.max()))
    pad = (high - low) * 0.15 or 1
    # room above the bars and the line for the legend
    ax.set_ylim(low - (pad if low < 0 else 0), high + 2.5 * pad)
    ax2.set_ylim(0, float((d.monthly["assets"] / WAN).max()) * 1.35 or 1)
    handles = [
        Patch(color=COLOR_IN, label=tr("净流入", "net inflow")),
        Patch(color=COLOR_OUT, label=tr("净流出", "net outflow")),
        Line2D(
            [], [], color=COLOR_CLIENTS, marker="o", markersize=3, label=tr("月末资产", "month-end assets")
        ),
    ]
    ax.legend(handles=handles, fontsize=7, loc="upper left", ncols=3, frameon=False, handlelength=1.2)


# The league shows at most this many managers (the best), so that names stay readable.
LEAGUE_SHOWN = 10


def draw_league(ax: Axes, d: Dashboard) -> None:
    frame = d.league.dropna(subset=["capability_score"])
    title = tr("经理能力分与客户数", "Manager capability and clients")
    if len(frame) > LEAGUE_SHOWN:
        frame = frame.sort_values("capability_score", ascending=False).head(LEAGUE_SHOWN)
        title += tr("（前 {n} 名）", " (top {n})", n=LEAGUE_SHOWN)
    ax.set_title(title)
    if frame.empty:
        _empty(ax, tr("尚未评分", "not scored yet"))
        return
    frame = frame.sort_values("capability_score", ascending=True)
    names = [str(n) for n in frame["manager"]]
    scores = [float(v) for v in frame["capability_score"]]
    ax.barh(range(len(names)), scores, color=COLOR_CLIENTS)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_xlim(0, 115)  # room right of a full bar for its client count
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(tr("能力分（0–100）", "capability score (0–100)"), fontsize=8)
    for i, (score, n) in enumerate(zip(scores, list(frame["clients"]), strict=True)):
        ax.text(score + 1, i, tr("{n} 户", "{n} clients", n=n), va="center", fontsize=7)


def draw_all(fig: Figure, d: Dashboard) -> None:
    """The three charts side by side on an empty figure."""
    axes = fig.subplots(1, 3)
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        # the right (twin) axis label of one chart must not run into the left axis label of the next:
        # constrained layout does not reserve room for twin axes, so keep a wider gap between charts
        engine.set(wspace=0.12)
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

"""Lay the letter out on A4 with reportlab platypus and return the PDF bytes."""

from __future__ import annotations

import calendar
import io
import time
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from crm_desktop import __version__
from crm_desktop.letters import numbers
from crm_desktop.letters.charts import allocation_chart, trend_chart
from crm_desktop.letters.disclaimer import DISCLAIMER
from crm_desktop.letters.model import LetterData
from crm_desktop.letters.risk_notes import LEVEL_WORDS
from crm_desktop.letters.style import (
    ACCENT,
    ACCENT_LIGHT,
    GAIN,
    INK,
    LOSS,
    MUTED,
    RULE,
    ZEBRA,
    font,
    styles,
)
from crm_desktop.paths import resource

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
TOP = 32 * mm
BOTTOM = 20 * mm
BODY_W = PAGE_W - 2 * MARGIN_X


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    pages: int


@lru_cache(maxsize=1)
def bundled_logo() -> bytes:
    return resource("letters", "logo.png").read_bytes()


@lru_cache(maxsize=8)
def _logo_reader(png: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(png))


def _paged_canvas_class(data: LetterData, deterministic: bool, page_box: list[int]) -> type[Canvas]:
    """A canvas that holds every page back until the end, so each can say '第 x 页 / 共 y 页'."""

    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            if deterministic:
                kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            if deterministic:
                # Metadata dates are the letter's as-of date, so batch output is byte-for-byte reproducible.
                ts = TimeStamp(1)
                ts.t = calendar.timegm(data.as_of.timetuple())
                ts.lt = time.gmtime(ts.t)
                ts.YMDhms = tuple(ts.lt)[:6]
                self._doc._timeStamp = ts

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            page_box.append(total)
            for state in self._held:
                self.__dict__.update(state)
                self._footer_numbers(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer_numbers(self, total: int) -> None:
            self.saveState()
            self.setFont(font(), 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_W - MARGIN_X, 11 * mm, f"第 {self._pageNumber} 页 / 共 {total} 页")
            self.restoreState()

    return PagedCanvas


def _draw_page(canvas: Canvas, data: LetterData) -> None:
    """Letterhead and footer on every page."""
    f = font()
    canvas.saveState()
    logo = _logo_reader(data.branch.logo_png or bundled_logo())
    iw, ih = logo.getSize()
    h = 13 * mm
    w = min(h * iw / ih, 40 * mm) if ih else h
    top = PAGE_H - 12 * mm
    canvas.drawImage(logo, MARGIN_X, top - h, width=w, height=h, mask="auto", preserveAspectRatio=True)
    tx = MARGIN_X + w + 4 * mm
    canvas.setFillColor(INK)
    canvas.setFont(f, 12.5)
    canvas.drawString(tx, top - 5.2 * mm, data.branch.name)
    contact = "　".join(
        p
        for p in (
            f"地址：{data.branch.address}" if data.branch.address else "",
            f"电话：{data.branch.phone}" if data.branch.phone else "",
        )
        if p
    )
    canvas.setFont(f, 7.8)
    canvas.setFillColor(MUTED)
    if contact:
        canvas.drawString(tx, top - 10.5 * mm, contact)
    canvas.setFont(f, 8)
    canvas.drawRightString(PAGE_W - MARGIN_X, top - 5.2 * mm, "账户分析报告")
    canvas.drawRightString(
        PAGE_W - MARGIN_X,
        top - 10.5 * mm,
        f"{numbers.cn_date(data.period_start)} — {numbers.cn_date(data.period_end)}",
    )
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.1)
    canvas.line(MARGIN_X, top - h - 2.5 * mm, PAGE_W - MARGIN_X, top - h - 2.5 * mm)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, 15 * mm, PAGE_W - MARGIN_X, 15 * mm)
    canvas.setFont(f, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_X, 11 * mm, "本报告含您的账户信息，仅供您本人参阅，请妥善保管。")
    canvas.restoreState()


def _money_colour(value: Decimal) -> colors.Color:
    return GAIN if value > 0 else LOSS if value < 0 else INK


def _figure_cards(items: list[tuple[str, str, colors.Color]]) -> Table:
    """A row of key figures: small grey label over a large number (plain cells: no paragraph layout)."""
    f = font()
    t = Table(
        [[label for label, _, _ in items], [value for _, value, _ in items]],
        colWidths=[BODY_W / len(items)] * len(items),
    )
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, 0), f, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("FONT", (0, 1), (-1, 1), f, 12.5),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
        ("LINEAFTER", (0, 0), (-2, -1), 0.8, colors.white),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for i, (_, _, colour) in enumerate(items):
        cmds.append(("TEXTCOLOR", (i, 1), (i, 1), colour))
    t.setStyle(TableStyle(cmds))
    return t


def _fit(text: str, width: float, size: float) -> str:
    """Cut text to one table line, marking the cut with an ellipsis."""
    f = font()
    if stringWidth(text, f, size) <= width:
        return text
    while text and stringWidth(text + "…", f, size) > width:
        text = text[:-1]
    return text + "…"


def _client_block(data: LetterData) -> Table:
    f = font()
    manager = data.manager.name if data.manager else "—"
    if data.manager and data.manager.adviser_reg_no:
        manager = f"{manager}（执业证书编号 {data.manager.adviser_reg_no}）"
    # No internal grade in a letter: the client sees their own assessment result, in words.
    rows = [
        ["客户姓名", data.client_name, "客户号", data.client_no_masked],
        [
            "报告日期",
            numbers.cn_date(data.as_of),
            "风险承受能力",
            LEVEL_WORDS.get((data.risk_level or "").upper(), "—"),
        ],
        ["投资经理", manager, "", ""],
    ]
    t = Table(rows, colWidths=[22 * mm, BODY_W / 2 - 22 * mm, 26 * mm, BODY_W / 2 - 26 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), f, 9.5),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
                ("TEXTCOLOR", (1, 0), (1, -1), INK),
                ("TEXTCOLOR", (3, 0), (3, -1), INK),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return t


def _holdings_table(data: LetterData) -> Table:
    f = font()
    widths = [17 * mm, 30 * mm, 27 * mm, 22 * mm, 29 * mm, 17 * mm]
    widths.append(BODY_W - sum(widths))
    head = ["代码", "名称", "行业", "数量（股）", "市值（元）", "占比", "浮动盈亏（元）"]
    rows: list[list[Any]] = [head]
    for h in data.holdings:
        rows.append(
            [
                h.code,
                _fit(h.name, widths[1] - 8, 8.5),
                _fit(h.industry or "—", widths[2] - 8, 8.5),
                numbers.quantity(h.quantity),
                numbers.amount(h.market_value),
                numbers.percent(h.weight),
                numbers.amount(h.unrealized_pnl)
                if h.unrealized_pnl <= 0
                else "+" + numbers.amount(h.unrealized_pnl),
            ]
        )
    t = Table(rows, colWidths=widths, repeatRows=1)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), f, 8.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    for i, h in enumerate(data.holdings, start=1):
        if i % 2 == 0:
            cmds.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
        cmds.append(("TEXTCOLOR", (6, i), (6, i), _money_colour(h.unrealized_pnl)))
    t.setStyle(TableStyle(cmds))
    return t


def _section(title: str, *body: Flowable) -> KeepTogether:
    return KeepTogether([Paragraph(escape(title), styles()["h2"]), *body])


def _comment_box(text: str, signature: str) -> Table:
    st = styles()
    paras = [Paragraph(escape(line) or "&nbsp;", st["comment"]) for line in text.strip().splitlines()]
    if signature:
        paras.append(Paragraph(escape(signature), st["signature"]))
    t = Table([[paras]], colWidths=[BODY_W])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font(), 9),
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                ("LINEBEFORE", (0, 0), (0, -1), 2.2, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return t


def _disclaimer_box() -> Table:
    st = styles()
    t = Table(
        [
            [
                [
                    Paragraph(
                        f'<font color="{ACCENT.hexval().replace("0x", "#")}">风险揭示</font>',
                        st["disclaimer"],
                    ),
                    Paragraph(escape(DISCLAIMER), st["disclaimer"]),
                ]
            ]
        ],
        colWidths=[BODY_W],
    )
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font(), 8),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return t


def _invitation(data: LetterData) -> str:
    """The closing line when there is no comment box to sign."""
    if data.manager is None:
        return f"如有任何问题，欢迎致电营业部：{data.branch.phone}。"
    ways = [
        f"电话 {data.manager.phone}" if data.manager.phone else "",
        f"邮箱 {data.manager.email}" if data.manager.email else "",
    ]
    ways_text = "，".join(w for w in ways if w)
    suffix = f"（{ways_text}）" if ways_text else ""
    reg = f"（执业证书编号 {data.manager.adviser_reg_no}）" if data.manager.adviser_reg_no else ""
    return f"如有任何问题，欢迎随时联系您的投资经理{data.manager.name}{reg}{suffix}。"


def build_story(data: LetterData) -> list[Flowable]:
    st = styles()
    s = data.summary
    story: list[Flowable] = [
        Paragraph("账户分析报告", st["title"]),
        Paragraph(
            f"报告期间：{numbers.cn_date(data.period_start)} 至 {numbers.cn_date(data.period_end)}",
            st["subtitle"],
        ),
        _client_block(data),
        Spacer(1, 9),
        Paragraph(f"尊敬的{escape(data.client_name)}：", st["body"]),
        Paragraph(
            "感谢您一直以来对我们的信任与支持。现将您的证券账户在本报告期内的资产、收益、持仓与交易情况"
            "报告如下，供您参考。如有任何疑问，欢迎随时与您的投资经理联系。",
            st["indent"],
        ),
    ]
    ret = s.return_on_average_assets
    story.append(
        _section(
            "一、期间概览",
            _figure_cards(
                [
                    ("期初总资产（元）", numbers.amount(s.start_assets), INK),
                    ("期末总资产（元）", numbers.amount(s.end_assets), INK),
                    ("资金净转入（元）", numbers.amount(s.net_inflow), INK),
                    (
                        "投资盈亏（元）",
                        ("+" if s.pnl > 0 else "") + numbers.amount(s.pnl),
                        _money_colour(s.pnl),
                    ),
                    ("日均资产收益率", numbers.percent(ret, signed=True), _money_colour(ret or Decimal(0))),
                ]
            ),
            Spacer(1, 4),
            Paragraph(
                "注：投资盈亏 = 期末总资产 − 期初总资产 − 资金净转入；日均资产收益率 = 投资盈亏 ÷ 报告期内日均总资产"
                + (f"（{numbers.yuan(s.average_assets)}）" if s.average_assets else "")
                + "。期初总资产为报告期开始前最后一个交易日的收盘资产。",
                st["small"],
            ),
        )
    )
    story.append(_section("二、资产走势", trend_chart(data.trend, BODY_W, 52 * mm)))
    alloc_title = "三、资产配置"
    if data.allocation_date:
        alloc_title += f"（截至{numbers.cn_date(data.allocation_date)}）"
    story.append(_section(alloc_title, allocation_chart(data.allocation, BODY_W, 38 * mm)))

    t = data.trading
    story.append(
        _section(
            "四、交易概况",
            _figure_cards(
                [
                    ("成交笔数", f"{t.trades:,}", INK),
                    ("买入金额（元）", numbers.amount(t.buy_amount), INK),
                    ("卖出金额（元）", numbers.amount(t.sell_amount), INK),
                    ("换手率", numbers.percent(t.turnover), INK),
                    ("交易佣金（元）", numbers.amount(t.commission), INK),
                ]
            ),
            Spacer(1, 4),
            Paragraph("注：换手率 = （买入金额 + 卖出金额）÷ 报告期内日均总资产。", st["small"]),
        )
    )

    holdings_title = "五、持仓明细"
    if data.holdings_date:
        holdings_title += f"（截至{numbers.cn_date(data.holdings_date)}）"
    if data.holdings:
        extra = (
            f"按市值由高到低列示前 {len(data.holdings)} 只，期末共持有 {data.holdings_count} 只证券。"
            if data.holdings_count > len(data.holdings)
            else f"期末共持有 {data.holdings_count} 只证券。"
        )
        # Kept whole: a table header stranded at the foot of page 1 reads badly.
        story.append(
            _section(
                holdings_title,
                _holdings_table(data),
                Spacer(1, 3),
                Paragraph(
                    extra + "占比为该证券市值占持仓总市值的比例；浮动盈亏 = 市值 − 持仓成本。", st["small"]
                ),
            )
        )
    else:
        story.append(_section(holdings_title, Paragraph("报告期末账户中没有证券持仓。", st["body"])))

    texts = (
        ([data.assessment_text] if data.assessment_text else [])
        + list(data.board_risks)
        + list(data.risk_notes)
    )
    notes = [Paragraph(escape(n), st["bullet"], bulletText="•") for n in texts]
    story.append(_section("六、风险提示", *notes))
    if data.manager:
        parts = [f"投资经理：{data.manager.name}"]
        if data.manager.adviser_reg_no:
            parts.append(f"执业证书编号：{data.manager.adviser_reg_no}")
        if data.manager.phone:
            parts.append(f"电话：{data.manager.phone}")
        if data.manager.email:
            parts.append(f"邮箱：{data.manager.email}")
        contact = "　｜　".join(parts)
    else:
        contact = f"如需帮助，请致电营业部：{data.branch.phone}" if data.branch.phone else ""
    if data.comment and data.comment.strip():
        # The contact line signs the manager's own words.
        story.append(_section("七、投资经理寄语", _comment_box(data.comment, contact)))
    elif contact:
        story.append(Spacer(1, 6))
        story.append(Paragraph(escape(_invitation(data)), st["body"]))
    story.append(Spacer(1, 10))
    story.append(
        KeepTogether(
            [
                _disclaimer_box(),
                *(
                    [
                        Spacer(1, 4),
                        Paragraph(
                            escape(
                                f"如对我们的服务有任何意见或投诉，请致电{data.branch.name}投诉电话：{data.branch.phone}。"
                            ),
                            st["small"],
                        ),
                    ]
                    if data.branch.phone
                    else []
                ),
                Spacer(1, 8),
                Paragraph(f"{escape(data.branch.name)}　{numbers.cn_date(data.as_of)}", st["right"]),
            ]
        )
    )
    return story


def render_letter(data: LetterData, *, deterministic: bool = False) -> RenderedLetter:
    """The letter as A4 PDF bytes. ``deterministic`` fixes the document id and dates (tests, batches)."""
    buf = io.BytesIO()
    page_box: list[int] = []
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"账户分析报告 {data.period_start.isoformat()} — {data.period_end.isoformat()}",
        author=data.branch.name,
        subject="账户分析报告",
        creator=f"crm-desktop {__version__}",
        invariant=1 if deterministic else None,
        lang="zh-CN",
        # Otherwise the canvas starts in Helvetica: a font reference no letter uses or embeds.
        initialFontName=font(),
    )
    frame = Frame(
        MARGIN_X,
        BOTTOM,
        BODY_W,
        PAGE_H - TOP - BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate(id="letter", frames=[frame], onPage=lambda c, _d: _draw_page(c, data))]
    )
    doc.build(build_story(data), canvasmaker=_paged_canvas_class(data, deterministic, page_box))
    return RenderedLetter(buf.getvalue(), page_box[-1] if page_box else 0)

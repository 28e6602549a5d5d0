"""The renderer alone: content, fonts, page numbers, A4, determinism, size, logo."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from crm_desktop.letters import render_letter
from crm_desktop.letters.disclaimer import DISCLAIMER
from tests.letters.data import pdf_text
from tests.letters.sample import sample_letter


def test_letter_carries_every_section_and_figure() -> None:
    letter = render_letter(sample_letter())
    text = pdf_text(letter.pdf)
    for expected in (
        "账户分析报告",
        "华信证券北京金融大街营业部",
        "北京市西城区金融大街1号",
        "010-12345678",
        "张三",
        "00****1000",
        "稳健型",
        "2026年7月1日至2026年9月30日",
        "1,180,000.00",
        "1,234,567.89",
        "-50,000.00",
        "+104,567.89",
        "+8.64%",
        "资产走势",
        "资产配置",
        "现金",
        "主板",
        "创业板",
        "科创板",
        "134,567.89",
        "持仓明细",
        "贵州茅台",
        "200,000.00",
        "30.00%",
        "前20只",
        "共持有25只",
        "交易概况",
        "523,400.50",
        "498,000.00",
        "84.45%",
        "1,234.56",
        "风险提示",
        "持仓集中度：测试提示。",
        "投资经理寄语",
        "建议适度分散持仓。",
        "李投顾",
        "13800001111",
        "li@example.com",
        "2026年10月8日",
    ):
        assert expected in text, expected
    assert "".join(DISCLAIMER.split()) in text
    assert text.count("投资有风险，入市需谨慎") >= 1
    # the branch's complaint line; no internal grade label
    assert "投诉电话：010-12345678" in text
    assert "执业证书编号A0120611010001" in text.replace(" ", "").replace("：", "")
    assert not any(g in text for g in ("V1", "V2", "V3", "V4", "V5", "白金", "客户等级"))


def test_pages_are_numbered_x_of_y_on_a4() -> None:
    letter = render_letter(sample_letter())
    reader = PdfReader(io.BytesIO(letter.pdf))
    assert letter.pages == len(reader.pages) >= 2
    for i, page in enumerate(reader.pages, start=1):
        assert round(float(page.mediabox.width), 1) == 595.3
        assert round(float(page.mediabox.height), 1) == 841.9
        flat = "".join((page.extract_text() or "").split())
        assert f"第{i}页/共{letter.pages}页" in flat


def test_only_the_bundled_font_is_used_embedded_as_subsets() -> None:
    reader = PdfReader(io.BytesIO(render_letter(sample_letter()).pdf))
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for f in resources["/Font"].values():
            obj = f.get_object()
            fonts[str(obj["/BaseFont"])] = obj
    assert fonts
    for name, obj in fonts.items():
        # a subset font is named ABCDEF+Name and carries its own program
        assert name[7:8] == "+" and name[1:7].isalpha() and name[1:7].isupper(), name
        assert "WenQuanYiMicroHei" in name
        descriptor = obj["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
        assert "/ToUnicode" in obj  # so Chinese text is searchable and copyable


def test_deterministic_mode_gives_identical_bytes_and_fixed_dates() -> None:
    a = render_letter(sample_letter(), deterministic=True).pdf
    b = render_letter(sample_letter(), deterministic=True).pdf
    assert a == b
    info = PdfReader(io.BytesIO(a)).metadata
    assert info is not None
    assert str(info["/CreationDate"]).startswith("D:20261008000000")
    assert "账户分析报告" in str(info["/Title"])


def test_without_deterministic_mode_the_creation_time_is_now() -> None:
    info = PdfReader(io.BytesIO(render_letter(sample_letter()).pdf)).metadata
    assert info is not None and not str(info["/CreationDate"]).startswith("D:20261008")


def test_letter_stays_under_100_kb() -> None:
    assert len(render_letter(sample_letter()).pdf) <= 100 * 1024


def test_a_branch_logo_replaces_the_bundled_one() -> None:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (37, 19), (0, 90, 160)).save(buf, format="PNG")
    own = render_letter(sample_letter(logo_png=buf.getvalue())).pdf
    bundled = render_letter(sample_letter()).pdf

    def image_sizes(pdf: bytes) -> set[tuple[int, int]]:
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        return {(img.image.width, img.image.height) for img in page.images if img.image is not None}

    assert (37, 19) in image_sizes(own)
    assert (37, 19) not in image_sizes(bundled) and image_sizes(bundled)


def test_empty_account_still_renders_a_readable_letter() -> None:
    from dataclasses import replace
    from decimal import Decimal

    from crm_desktop.letters import PeriodSummary

    data = replace(
        sample_letter(holdings=0, comment=None),
        trend=(),
        allocation=(),
        holdings_date=None,
        summary=PeriodSummary(Decimal(0), Decimal(0), Decimal(0), None),
    )
    text = pdf_text(render_letter(data).pdf)
    assert "报告期内资产数据不足" in text and "期末账户无资产" in text and "没有证券持仓" in text
    assert "投资经理寄语" not in text
    # without a comment box to sign, the contact becomes the closing line
    assert (
        "欢迎随时联系您的投资经理李投顾（执业证书编号A0120611010001）（电话13800001111，邮箱li@example.com）"
        in text
    )
    assert "0.000.000.000.00—" in text  # start, end, inflow, P&L, and no return without average assets


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) is not installed")
def test_pages_rasterise_with_poppler(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_letter(sample_letter()).pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == render_letter(sample_letter()).pages
    from PIL import Image

    with Image.open(pngs[0]) as img:
        colours = img.convert("L").getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 20  # text and charts, not a blank page

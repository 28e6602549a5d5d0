"""Reading files: encodings, delimiters, row numbers, Excel cells."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from crm_desktop.errors import InvalidInput
from crm_desktop.importing.source import detect_encoding, open_source
from tests.importing.samples import SECURITIES_ZH, TRADES_ZH, write_csv, write_xlsx


@pytest.mark.parametrize(
    ("encoding", "codec", "label"),
    [
        ("utf-8", "utf-8", "UTF-8"),
        ("utf-8-sig", "utf-8-sig", "UTF-8 (BOM)"),
        ("gbk", "gb18030", "GBK"),
    ],
)
def test_encoding_detected(tmp_path: Path, encoding: str, codec: str, label: str) -> None:
    p = write_csv(
        tmp_path / "s.csv",
        SECURITIES_ZH,
        [["000001", "平安银行", "银行", "主板", "1991-04-03"]],
        encoding=encoding,
    )
    guess = detect_encoding(p)
    assert (guess.codec, guess.label) == (codec, label)
    with open_source(p) as src:
        assert src.headers == SECURITIES_ZH
        assert list(src.rows()) == [(2, ["000001", "平安银行", "银行", "主板", "1991-04-03"])]


def test_gb18030_only_characters(tmp_path: Path) -> None:
    # 㐀 (U+3400) is outside GBK; an exporter writing GB18030 still has to be read correctly.
    p = write_csv(tmp_path / "s.csv", SECURITIES_ZH, [["000001", "㐀银行", "", "", ""]], encoding="gb18030")
    with open_source(p) as src:
        assert src.encoding is not None and src.encoding.label == "GB18030"
        assert next(src.rows())[1][1] == "㐀银行"


def test_gbk_far_down_a_mostly_ascii_file(tmp_path: Path) -> None:
    rows = [[f"{i:06d}", "ABC", "", "", ""] for i in range(80_000)] + [["999999", "中文名", "", "", ""]]
    p = write_csv(
        tmp_path / "s.csv", ["code", "name", "industry", "board", "list_date"], rows, encoding="gbk"
    )
    assert p.stat().st_size > 1 << 20
    assert detect_encoding(p).codec == "gb18030"
    assert detect_encoding(p, full=False).codec == "utf-8"  # the preview's quick look


def test_forced_encoding_and_wrong_encoding(tmp_path: Path) -> None:
    p = write_csv(tmp_path / "s.csv", SECURITIES_ZH, [["000001", "平安银行", "", "", ""]], encoding="gbk")
    with open_source(p, encoding="GBK") as src:
        assert src.headers[0] == "证券代码"
    with pytest.raises(InvalidInput, match="编码"):
        src = open_source(p, encoding="utf-8")
        list(src.rows())
    with pytest.raises(InvalidInput, match="未知的编码"):
        open_source(p, encoding="klingon")


def test_row_numbers_count_blank_rows_and_quoted_newlines(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text('code;name\n000001;"平安\n银行"\n\n000002;万科A\n', encoding="utf-8")
    with open_source(p) as src:
        assert src.delimiter == ";"  # type: ignore[attr-defined]
        assert [r for r, _ in src.rows()] == [2, 4]


def test_tab_separated(tmp_path: Path) -> None:
    p = write_csv(
        tmp_path / "s.txt", ["code", "name"], [["000001", "平安银行"]], encoding="utf-8", delimiter="\t"
    )
    with open_source(p) as src:
        assert list(src.rows()) == [(2, ["000001", "平安银行"])]


def test_xlsx_cells(tmp_path: Path) -> None:
    p = write_xlsx(
        tmp_path / "t.xlsx",
        TRADES_ZH,
        [
            ["T1", 1000, datetime(2024, 1, 5), 1, "买入", 1000, 10.5, 10500, 5],
            [None] * 9,
            ["T2", 1001, 45300, 300750, "卖出", 100, 200.1234, 20012.34, None],
        ],
        code_format={1: "000000", 3: "000000"},
        extra_sheets=["其他"],
    )
    with open_source(p) as src:
        assert src.sheets == ("Sheet1", "其他")
        assert src.headers == TRADES_ZH
        rows = list(src.rows())
    assert [r for r, _ in rows] == [2, 4]
    assert rows[0][1][1] == "001000" and rows[0][1][3] == "000001"  # zeros restored from the 000000 format
    assert rows[0][1][2] == datetime(2024, 1, 5)
    with pytest.raises(InvalidInput, match="其他"):
        open_source(p, sheet="nope")
    with open_source(p, sheet="其他") as src:
        assert src.headers == []


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput, match=r"\.xls"):
        open_source(tmp_path / "old.xls")
    with pytest.raises(InvalidInput, match="找不到"):
        open_source(tmp_path / "none.csv")
    (tmp_path / "bad.xlsx").write_text("not a zip")
    with pytest.raises(InvalidInput, match="xlsx"):
        open_source(tmp_path / "bad.xlsx")
    with pytest.raises(InvalidInput, match="--sheet"):
        open_source(write_csv(tmp_path / "a.csv", ["a"], [], encoding="utf-8"), sheet="x")
    (tmp_path / "u16.csv").write_bytes("a,b\n".encode("utf-16"))
    with pytest.raises(InvalidInput, match="UTF-16"):
        open_source(tmp_path / "u16.csv")

"""Sample export files written by the tests themselves: Chinese headers, GBK, Excel."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.fixed_clock import TODAY

STAFF_ZH = ["工号", "姓名", "角色", "营业部代码", "入职日期", "资格", "在职"]
CLIENTS_ZH = [
    "客户号",
    "客户姓名",
    "客户类型",
    "证件号码",
    "手机号码",
    "电子邮箱",
    "出生日期",
    "开户日期",
    "风险等级",
    "风险测评日期",
    "营业部代码",
    "投资经理工号",
    "状态",
]
SECURITIES_ZH = ["证券代码", "证券名称", "行业", "板块", "上市日期"]
ASSETS_ZH = ["客户号", "日期", "现金", "证券市值", "总资产", "净转入"]
TRADES_ZH = [
    "成交编号",
    "客户号",
    "成交日期",
    "证券代码",
    "买卖方向",
    "成交数量",
    "成交价格",
    "成交金额",
    "佣金",
]
HOLDINGS_ZH = ["客户号", "日期", "证券代码", "持仓数量", "成本", "市值"]


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    encoding: str = "gbk",
    delimiter: str = ",",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    extra_sheets: Sequence[str] = (),
    code_format: dict[int, str] | None = None,
) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    for col, fmt in (code_format or {}).items():
        for row in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
            for cell in row:
                cell.number_format = fmt
    for name in extra_sheets:
        wb.create_sheet(name)
    wb.save(path)
    return path


SECURITIES_ROWS = [
    ["000001", "平安银行", "银行", "主板", "1991-04-03"],
    ["300750", "宁德时代", "电池", "创业板", "2018/06/11"],
    ["688981", "中芯国际", "半导体", "科创板", "20200716"],
    ["600519", "贵州茅台", "白酒", "main", "2001-08-27"],
]

TRADES_ROWS = [
    ["T0001", "001000", "2024-01-05", "000001", "买入", "1,000", "10.50", "10,500.00", "5.00"],
    ["T0002", "001000", "2024/01/08", "300750", "卖出", "100", "200.1234", "20,012.34", "5.01"],
    ["T0003", "001001", "20240109", "600519", "buy", "200", "1700", "340000", "85"],
    ["T0004", "001002", "45300", "688981", "sell", "300", "45.6", "13680", ""],
]

CLIENTS_ROWS = [
    [
        "009001",
        "周一",
        "个人",
        "110105199001011111",
        "13800000001",
        "zhou@example.com",
        "1990-01-01",
        "2023-03-01",
        "C3",
        "2023-03-01",
        "B001",
        "im1",
        "正常",
    ],
    [
        "009002",
        "某某基金",
        "机构",
        "91110000000000000X",
        "",
        "",
        "",
        "20230401",
        "C5",
        "",
        "B001",
        "im2",
        "active",
    ],
    [
        "009003",
        "吴三",
        "individual",
        "110105198501011234",
        "13800000003",
        "",
        "1985/01/01",
        "2023/05/01",
        "C1",
        "",
        "B001",
        "",
        "休眠",
    ],
]

STAFF_ROWS = [
    ["im3", "钱投顾", "投资经理", "B001", "2021-05-10", "证券从业资格；investment_adviser", "是"],
    ["im4", "孙投顾", "investment_manager", "B001", "20220101", "securities_practitioner", "1"],
]


def today_iso() -> str:
    return TODAY.isoformat()


def excel_dt(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d)

"""Client segments (客群): the text form of a filter over the client book, parsed and evaluated, pure.

A filter is ``field op value`` conditions joined by ``;``, all of which must hold, for example
``grade>=V3;churn=high;risk>=C3``. Operators: ``= != >= <= > <``; ``=`` and ``!=`` take a list
separated by ``,`` (``lifecycle=new,growing`` means either). Ordered words (grade, churn risk,
activity, risk level) compare by their order (``churn>=medium`` is medium or high); amounts accept
a 万 suffix (``assets>=50万``); shares accept a percent sign (``new_listing>=20%``).

The service compiles the parsed conditions to SQL over the client book's query
(:mod:`crm_desktop.services.segments`); :func:`matches` evaluates them on one plain row, the same
meaning in Python (tests and small lists use it). An unscored client matches no condition on a
scored field (grade, value, churn, lifecycle, activity, assets, commission, industry, new_listing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from crm_desktop.domain.vocabulary import Activity, ChurnRisk, Grade, InvestorClass, Lifecycle, RiskLevel
from crm_desktop.errors import InvalidInput
from crm_desktop.i18n import tr

OPS = ("!=", ">=", "<=", "=", ">", "<")
ORDER_OPS = (">=", "<=", ">", "<")

# Kinds of field: an ordered word, an unordered word, a number, free text, a code held, yes/no-or-share.
ORDERED, WORD, NUMBER, TEXT, HOLDS, SHARE = "ordered", "word", "number", "text", "holds", "share"

# A client "prefers new listings" when at least this share of their buying went into new listings.
NEW_LISTING_PREFERENCE = Decimal("0.2")


@dataclass(frozen=True)
class Field:
    name: str  # the canonical name (the key of a row in :func:`matches`)
    kind: str
    zh: str
    en: str
    # ordered and unordered words: the codes, lowest first for ordered ones
    codes: tuple[str, ...] = ()


def _codes(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("grade", ORDERED, "等级", "grade", _codes(Grade)),
        Field("value", NUMBER, "价值分", "value score"),
        # ChurnRisk lists high first (display order); as an order, low < medium < high.
        Field("churn", ORDERED, "流失风险", "churn risk", ("low", "medium", "high")),
        Field("lifecycle", WORD, "生命周期", "lifecycle", _codes(Lifecycle)),
        Field("activity", ORDERED, "活跃度", "activity", _codes(Activity)),
        Field("risk", ORDERED, "风险等级", "risk level", _codes(RiskLevel)),
        Field("class", WORD, "投资者类别", "investor class", _codes(InvestorClass)),
        Field("assets", NUMBER, "日均资产", "average assets"),
        Field("commission", NUMBER, "近12月佣金", "commission (12 months)"),
        Field("industry", TEXT, "偏好行业", "top industry"),
        Field("holds", HOLDS, "持有代码", "holds code"),
        Field("new_listing", SHARE, "打新偏好", "new-listing preference"),
        Field("manager", TEXT, "投资经理", "manager"),
    )
}
assert set(FIELDS["churn"].codes) == set(_codes(ChurnRisk))

ALIASES: dict[str, str] = {
    # English spellings of the book's columns
    "value_score": "value",
    "churn_risk": "churn",
    "risk_level": "risk",
    "investor_class": "class",
    "avg_assets": "assets",
    "commission_12m": "commission",
    "top_industry": "industry",
    "hold": "holds",
    "code": "holds",
    "newlisting": "new_listing",
    "new_listings": "new_listing",
    "manager_login": "manager",
    # Chinese names
    "等级": "grade",
    "客户等级": "grade",
    "价值分": "value",
    "流失风险": "churn",
    "生命周期": "lifecycle",
    "活跃度": "activity",
    "风险等级": "risk",
    "投资者类别": "class",
    "日均资产": "assets",
    "资产": "assets",
    "佣金": "commission",
    "行业": "industry",
    "偏好行业": "industry",
    "持有": "holds",
    "打新偏好": "new_listing",
    "打新": "new_listing",
    "经理": "manager",
    "投资经理": "manager",
}

_YES = {"yes", "y", "true", "1", "是"}
_NO = {"no", "n", "false", "0", "否"}
_CONDITION = re.compile(r"^\s*(?P<field>[^\s!<>=]+)\s*(?P<op>!=|>=|<=|=|>|<)\s*(?P<value>.*?)\s*$")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    # Words and texts: the codes (lower case for words, as written for texts); numbers: one Decimal.
    values: tuple[Any, ...]

    def text(self) -> str:
        shown = ",".join(_show(v) for v in self.values)
        return f"{self.field}{self.op}{shown}"


def _show(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


def field_names() -> str:
    return ", ".join(FIELDS)


def _bad(zh: str, en: str, **params: Any) -> InvalidInput:
    return InvalidInput(tr(zh, en, **params))


def _number(text: str, field: Field, *, share: bool = False) -> Decimal:
    t = text.strip().replace(",", "").replace("，", "")
    scale = Decimal(1)
    if t.endswith(("万", "w", "W")):
        t, scale = t[:-1], Decimal(10000)
    elif t.endswith(("亿",)):
        t, scale = t[:-1], Decimal(100_000_000)
    elif share and t.endswith("%"):
        t, scale = t[:-1], Decimal("0.01")
    try:
        n = Decimal(t) * scale
    except InvalidOperation:
        raise _bad(
            "条件“{f}”的值 {v} 不是数字（例：{f}>=50万）。",
            "The value {v} of “{f}” is not a number (e.g. {f}>=500000).",
            f=field.name,
            v=text,
        ) from None
    if not n.is_finite():
        raise _bad(
            "条件“{f}”的值 {v} 不是数字。", "The value {v} of “{f}” is not a number.", f=field.name, v=text
        )
    return n


def parse(text: str | None) -> list[Condition]:
    """The conditions of a filter's text; an empty text is the whole book. Errors name the bad part."""
    out: list[Condition] = []
    for raw in (text or "").replace("；", ";").split(";"):
        if not raw.strip():
            continue
        out.append(_parse_one(raw))
    return out


def _parse_one(raw: str) -> Condition:
    m = _CONDITION.match(raw.replace("！=", "!=").replace("＝", "=").replace("＞", ">").replace("＜", "<"))
    if m is None:
        raise _bad(
            "无法理解条件“{c}”：应为“字段 运算符 值”，运算符为 = != >= <= > <（例：grade>=V3）。",
            "Cannot read the condition “{c}”: write “field op value” with op one of = != >= <= > < "
            "(e.g. grade>=V3).",
            c=raw.strip(),
        )
    name, op, value = m.group("field").strip(), m.group("op"), m.group("value").strip()
    if value[:1] in ("<", ">", "=", "!"):
        raise _bad(
            "条件“{c}”的运算符无效：只能用 = != >= <= > <。",
            "The operator in “{c}” is not valid: use one of = != >= <= > <.",
            c=raw.strip(),
        )
    key = ALIASES.get(name, ALIASES.get(name.lower(), name.lower()))
    field = FIELDS.get(key)
    if field is None:
        raise _bad(
            "条件“{c}”中的字段 {f} 未知，可用字段：{ok}。",
            "Unknown field {f} in “{c}”; use one of {ok}.",
            c=raw.strip(),
            f=name,
            ok=field_names(),
        )
    items = [p.strip() for p in value.replace("，", ",").split(",")]
    if not value or any(not p for p in items):
        raise _bad(
            "条件“{c}”缺少值（列表用逗号分隔，例：lifecycle=new,growing）。",
            "The condition “{c}” lacks a value (lists are separated by commas, e.g. lifecycle=new,growing).",
            c=raw.strip(),
        )
    if op in ORDER_OPS and len(items) > 1:
        raise _bad(
            "条件“{c}”：{op} 只能跟一个值，列表只能用于 = 和 !=。",
            "In “{c}”, {op} takes one value; lists go with = and != only.",
            c=raw.strip(),
            op=op,
        )
    if op in ORDER_OPS and field.kind in (WORD, TEXT, HOLDS):
        raise _bad(
            "字段 {f} 没有大小之分，只能用 = 或 !=（条件“{c}”）。",
            "The field {f} has no order: use = or != (in “{c}”).",
            f=field.name,
            c=raw.strip(),
        )
    values: tuple[Any, ...]
    if field.kind in (ORDERED, WORD):
        lowered = [p.lower() if field.name not in ("grade", "risk") else p.upper() for p in items]
        for p, shown in zip(lowered, items, strict=True):
            if p not in field.codes:
                raise _bad(
                    "字段 {f} 的值 {v} 无效，可选：{ok}。",
                    "The value {v} is not valid for {f}; use one of {ok}.",
                    f=field.name,
                    v=shown,
                    ok=", ".join(field.codes),
                )
        values = tuple(lowered)
    elif field.kind == NUMBER:
        values = tuple(_number(p, field) for p in items)
    elif field.kind == SHARE:
        if len(items) == 1 and items[0].lower() in _YES | _NO and op in ("=", "!="):
            yes = items[0].lower() in _YES
            # new_listing=yes means a share at or above the preference threshold.
            return Condition(field.name, ">=" if yes == (op == "=") else "<", (NEW_LISTING_PREFERENCE,))
        values = tuple(_number(p, field, share=True) for p in items)
        for v in values:
            if not Decimal(0) <= v <= Decimal(1):
                raise _bad(
                    "字段 {f} 是占比：请写 yes/no、0 到 1 之间的数或百分数（例：new_listing>=20%）。",
                    "{f} is a share: write yes/no, a number from 0 to 1, or a percentage "
                    "(e.g. new_listing>=20%).",
                    f=field.name,
                )
    else:
        values = tuple(items)
    return Condition(field.name, op, values)


def canonical(conditions: list[Condition]) -> str:
    """The conditions written back in their canonical form (what is saved with a segment)."""
    return ";".join(c.text() for c in conditions)


def allowed_codes(cond: Condition) -> tuple[str, ...]:
    """For a word field: the codes the condition accepts (an ordered comparison becomes a list)."""
    field = FIELDS[cond.field]
    if cond.op == "=":
        return tuple(c for c in field.codes if c in cond.values)
    if cond.op == "!=":
        return tuple(c for c in field.codes if c not in cond.values)
    pos = field.codes.index(cond.values[0])
    keep = {
        ">=": lambda i: i >= pos,
        "<=": lambda i: i <= pos,
        ">": lambda i: i > pos,
        "<": lambda i: i < pos,
    }[cond.op]
    return tuple(c for i, c in enumerate(field.codes) if keep(i))


def _compare(left: Decimal, op: str, right: Decimal) -> bool:
    return {
        ">=": left >= right,
        "<=": left <= right,
        ">": left > right,
        "<": left < right,
        "=": left == right,
        "!=": left != right,
    }[op]


def matches(conditions: list[Condition], row: Mapping[str, Any]) -> bool:
    """Whether one client (a row keyed by the field names; ``holds`` a set of codes; None = unknown) matches."""
    return all(_holds(c, row.get(c.field)) for c in conditions)


def _holds(c: Condition, value: Any) -> bool:
    kind = FIELDS[c.field].kind
    if kind == HOLDS:
        held = set(value or ())
        hit = bool(held & set(c.values))
        return hit if c.op == "=" else not hit
    if kind == WORD and c.field == "class":
        value = value or InvestorClass.ORDINARY.value  # no assessment on record: an ordinary investor
    if value is None or value == "":
        return False
    if kind in (ORDERED, WORD):
        return str(value) in allowed_codes(c)
    if kind == TEXT:
        hit = str(value) in c.values
        return hit if c.op == "=" else not hit
    number = Decimal(str(value))
    if c.op == "=":
        return any(number == v for v in c.values)
    if c.op == "!=":
        return all(number != v for v in c.values)
    return _compare(number, c.op, c.values[0])


def from_book_filter(
    *,
    grade: str = "",
    churn: str = "",
    lifecycle: str = "",
    manager_login: str = "",
    search: str = "",
    overdue: bool = False,
    mismatch: bool = False,
) -> str:
    """The client book's filter bar written as a segment's text (``grade=V3;churn=high``).

    The bar's quick filters (grade, churn risk, lifecycle, manager) are segment fields; its search box
    (client number, name or phone digits), "overdue only" and "suitability mismatch only" are not, and
    a segment that quietly dropped them would hold other clients than the book shows: they are refused,
    each named, with what to do. Empty values mean "any". The result parses back to the same conditions.
    """
    left_out: list[str] = []
    if search.strip():
        left_out.append(tr("搜索“{t}”", "the search “{t}”", t=search.strip()))
    if overdue:
        left_out.append(tr("“仅逾期”", "“overdue only”"))
    if mismatch:
        left_out.append(tr("“仅适当性不匹配”", "“suitability mismatch only”"))
    if left_out:
        raise _bad(
            "客群不能保存这些筛选：{what}（客群只按字段筛选：{ok}）。请先清除它们再保存，"
            "或在“营销活动 › 客群”中直接编写条件。",
            "A segment cannot keep {what} (segments filter by fields only: {ok}). Clear them and save "
            "again, or write the conditions in Campaigns › Segments.",
            what=tr("、", ", ").join(left_out),
            ok=field_names(),
        )
    parts = [
        f"{name}={value.strip()}"
        for name, value in (
            ("grade", grade),
            ("churn", churn),
            ("lifecycle", lifecycle),
            ("manager", manager_login),
        )
        if value and value.strip()
    ]
    text = ";".join(parts)
    return canonical(parse(text))  # a bad value is refused here, naming it

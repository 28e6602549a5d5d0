"""What each kind of back-office export looks like: its columns, their Chinese headers, and its key.

Headers match in English or Chinese, in any order, ignoring case, spaces, underscores and a unit in
brackets (``成交金额(元)``). Parsers are built fresh per import because they keep small caches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from crm_desktop.domain import identifiers as ids
from crm_desktop.domain.labels import label_of
from crm_desktop.domain.vocabulary import (
    AccountEvent,
    Board,
    ClientStatus,
    ClientType,
    ImportKind,
    InvestorClass,
    Permission,
    ProductRating,
    ProductType,
    Qualification,
    RiskLevel,
    Role,
    Side,
    WarningChannel,
)
from crm_desktop.i18n import tr
from crm_desktop.importing import values as v
from crm_desktop.importing.alias_config import load_aliases

KIND_NAMES = tuple(k.value for k in ImportKind)

_SEC_CODE_RE = re.compile(r"^[0-9A-Za-z.]{1,12}$")


@dataclass(frozen=True)
class Column:
    name: str
    zh: str
    make_parser: Callable[[], v.Parser]
    required: bool = False
    aliases: tuple[str, ...] = ()

    def header_names(self) -> tuple[str, ...]:
        return (self.name, self.zh, *self.aliases)


@dataclass(frozen=True)
class KindSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    _by_alias: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for col in self.columns:
            for h in col.header_names():
                self._by_alias[normalize_header(h)] = col.name

    @property
    def label(self) -> str:
        return label_of(ImportKind, self.name)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def field_for(self, header: str) -> str | None:
        return self._by_alias.get(normalize_header(header))

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


_UNIT_RE = re.compile(r"[（(][^)）]*[)）]$")


def normalize_header(h: str) -> str:
    s = h.replace("\ufeff", "").strip()
    s = _UNIT_RE.sub("", s)
    return re.sub(r"[\s_\-]+", "", s).casefold()


def _choice(enum: type[StrEnum], *, required: bool, default: StrEnum | None = None) -> Callable[[], v.Parser]:
    """Any spelling the import aliases accept (read when the import starts, so edits apply to the next one)."""
    return lambda: v.make_choice(
        load_aliases().resolver(enum), required=required, default=None if default is None else default.value
    )


def _money(
    *, required: bool = True, default: str | None = None, non_negative: bool = True
) -> Callable[[], v.Parser]:
    return lambda: v.make_decimal(2, required=required, non_negative=non_negative, default=default)


def _date(*, required: bool = False, past: bool = False) -> Callable[[], v.Parser]:
    return lambda: v.make_date(required=required, not_after_today=past)


def _code(
    n: int,
    *,
    required: bool = True,
    pattern: re.Pattern[str] | None = None,
    hint: tuple[str, str] | None = None,
) -> Callable[[], v.Parser]:
    return lambda: v.make_code(n, required=required, pattern=pattern, pattern_hint=hint)


def _client_no() -> Callable[[], v.Parser]:
    return _code(32, pattern=ids.CLIENT_NO_RE, hint=ids.CLIENT_NO_HINT)


def _text(n: int, *, required: bool = False) -> Callable[[], v.Parser]:
    return lambda: v.make_text(n, required=required)


_CODE_HINT = ("只能包含字母、数字和点", "may only hold letters, digits and dots")

STAFF = KindSpec(
    "staff",
    (
        Column(
            "login",
            "工号",
            _code(40, pattern=ids.LOGIN_RE, hint=ids.LOGIN_HINT),
            required=True,
            aliases=("员工工号",),
        ),
        Column(
            "name", "姓名", _text(100, required=True), required=True, aliases=("员工姓名", "display_name")
        ),
        Column("role", "角色", _choice(Role, required=True), required=True),
        Column("branch_code", "营业部代码", _code(20, required=False), aliases=("营业部编号",)),
        Column("hire_date", "入职日期", _date(past=True)),
        Column(
            "qualifications",
            "资格",
            lambda: v.make_list(load_aliases().resolver(Qualification)),
            aliases=("从业资格",),
        ),
        Column("active", "在职", lambda: v.make_bool(default=1), aliases=("是否在职",)),
        Column(
            "adviser_reg_no", "执业证书编号", _code(40, required=False), aliases=("投顾执业编号", "reg_no")
        ),
    ),
    key=("login",),
)

CLIENTS = KindSpec(
    "clients",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号", "客户代码")),
        Column("name", "客户姓名", _text(100, required=True), required=True, aliases=("客户名称",)),
        Column("client_type", "客户类型", _choice(ClientType, required=False, default=ClientType.INDIVIDUAL)),
        Column("id_number", "证件号码", _code(40, required=False), aliases=("身份证号",)),
        Column("phone", "手机号码", _code(40, required=False), aliases=("手机", "联系电话")),
        Column("email", "电子邮箱", lambda: v.make_email(required=False), aliases=("邮箱",)),
        # optional postal address, sealed at rest like the three above (db/pii.py)
        Column("address", "联系地址", _text(200), aliases=("地址", "通讯地址", "通信地址", "联系住址")),
        Column("birth_date", "出生日期", _date(past=True)),
        Column("open_date", "开户日期", _date(required=True, past=True), required=True),
        Column(
            "risk_level",
            "风险等级",
            _choice(RiskLevel, required=False, default=RiskLevel.C3),
            aliases=("风险承受能力",),
        ),
        Column("risk_assessed_on", "风险测评日期", _date(past=True)),
        Column("branch_code", "营业部代码", _code(20), required=True, aliases=("营业部编号",)),
        Column(
            "manager_login",
            "投资经理工号",
            _code(40, required=False, pattern=ids.LOGIN_RE, hint=ids.LOGIN_HINT),
            aliases=("客户经理工号",),
        ),
        Column(
            "status",
            "状态",
            _choice(ClientStatus, required=False, default=ClientStatus.ACTIVE),
            aliases=("客户状态",),
        ),
        # optional: the account's commission rate, as a fraction (0.00025) or in 万 (万2.5)
        Column(
            "commission_rate",
            "佣金费率",
            lambda: v.make_rate(required=False),
            aliases=("佣金率", "费率", "commission"),
        ),
        # Optional: marketing contact allowed (是/否). An empty cell leaves the client's flag as it is.
        Column(
            "marketing",
            "允许营销",
            lambda: v.make_bool(default=-1),
            aliases=("营销许可", "接受营销", "marketing_consent"),
        ),
    ),
    key=("client_no",),
)

SECURITIES = KindSpec(
    "securities",
    (
        Column(
            "code",
            "证券代码",
            _code(12, pattern=_SEC_CODE_RE, hint=_CODE_HINT),
            required=True,
            aliases=("股票代码",),
        ),
        Column(
            "name", "证券名称", _text(100, required=True), required=True, aliases=("证券简称", "股票名称")
        ),
        Column("industry", "行业", _text(100), aliases=("所属行业",)),
        Column("board", "板块", _choice(Board, required=False, default=Board.MAIN), aliases=("上市板块",)),
        Column("list_date", "上市日期", _date()),
    ),
    key=("code",),
)

ASSETS = KindSpec(
    "assets",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column(
            "date", "日期", _date(required=True, past=True), required=True, aliases=("交易日期", "资产日期")
        ),
        Column("cash", "现金", _money(), required=True, aliases=("资金余额", "可用资金")),
        Column("securities_value", "证券市值", _money(), required=True, aliases=("市值",)),
        Column("total_assets", "总资产", _money(), required=True, aliases=("资产总值",)),
        Column(
            "net_inflow",
            "净转入",
            _money(required=False, default="0.00", non_negative=False),
            aliases=("净流入", "资金净转入"),
        ),
    ),
    key=("client_no", "date"),
)

TRADES = KindSpec(
    "trades",
    (
        Column("trade_id", "成交编号", _code(40), required=True, aliases=("成交号",)),
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column(
            "trade_date", "成交日期", _date(required=True, past=True), required=True, aliases=("交易日期",)
        ),
        Column(
            "code",
            "证券代码",
            _code(12, pattern=_SEC_CODE_RE, hint=_CODE_HINT),
            required=True,
            aliases=("股票代码",),
        ),
        Column(
            "side", "买卖方向", _choice(Side, required=True), required=True, aliases=("买卖标志", "委托方向")
        ),
        Column(
            "quantity", "成交数量", lambda: v.make_decimal(2, required=True, non_negative=True), required=True
        ),
        Column(
            "price",
            "成交价格",
            lambda: v.make_decimal(4, required=True, non_negative=True),
            required=True,
            aliases=("成交均价",),
        ),
        Column("amount", "成交金额", _money(), required=True),
        Column("commission", "佣金", _money(required=False, default="0.00"), aliases=("手续费",)),
    ),
    key=("trade_date", "trade_id"),
)

HOLDINGS = KindSpec(
    "holdings",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column("date", "日期", _date(required=True, past=True), required=True, aliases=("持仓日期",)),
        Column(
            "code",
            "证券代码",
            _code(12, pattern=_SEC_CODE_RE, hint=_CODE_HINT),
            required=True,
            aliases=("股票代码",),
        ),
        Column(
            "quantity",
            "持仓数量",
            lambda: v.make_decimal(2, required=True, non_negative=True),
            required=True,
            aliases=("股份余额", "持股数量"),
        ),
        Column("cost", "成本", _money(), required=True, aliases=("持仓成本", "成本金额")),
        Column("market_value", "市值", _money(), required=True, aliases=("持仓市值", "最新市值")),
    ),
    key=("client_no", "date", "code"),
)


PRODUCTS = KindSpec(
    "products",
    (
        Column(
            "code",
            "产品代码",
            _code(20, pattern=ids.PRODUCT_CODE_RE, hint=ids.PRODUCT_CODE_HINT),
            required=True,
        ),
        Column("name", "产品名称", _text(100, required=True), required=True, aliases=("产品简称",)),
        Column("type", "产品类型", _choice(ProductType, required=True), required=True),
        Column(
            "risk_level",
            "风险等级",
            _choice(ProductRating, required=True),
            required=True,
            aliases=("产品风险等级", "risk_rating"),
        ),
    ),
    key=("code",),
)

RISK_PROFILES = KindSpec(
    "risk-profiles",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column(
            "risk_level",
            "风险等级",
            _choice(RiskLevel, required=True),
            required=True,
            aliases=("风险承受能力",),
        ),
        Column(
            "lowest_category", "最低类别", lambda: v.make_bool(default=0), aliases=("最低风险承受能力类别",)
        ),
        Column(
            "assessed_on",
            "测评日期",
            _date(required=True, past=True),
            required=True,
            aliases=("风险测评日期",),
        ),
        Column("valid_until", "有效期至", _date(), aliases=("有效期",)),
        Column(
            "investor_class",
            "投资者类别",
            _choice(InvestorClass, required=False, default=InvestorClass.ORDINARY),
        ),
    ),
    key=("client_no", "assessed_on"),
)

PERMISSIONS = KindSpec(
    "permissions",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column(
            "permission", "权限", _choice(Permission, required=True), required=True, aliases=("交易权限",)
        ),
        Column("opened_on", "开通日期", _date(required=True, past=True), required=True),
    ),
    key=("client_no", "permission"),
)

WARNINGS = KindSpec(
    "warnings",
    (
        Column("client_no", "客户号", _client_no(), required=True, aliases=("客户编号",)),
        Column(
            "product_code",
            "产品代码",
            _code(20, required=False, pattern=ids.PRODUCT_CODE_RE, hint=ids.PRODUCT_CODE_HINT),
        ),
        Column("permission", "权限", _choice(Permission, required=False), aliases=("交易权限",)),
        Column("confirmed_on", "确认日期", _date(required=True, past=True), required=True),
        Column(
            "channel", "方式", _choice(WarningChannel, required=True), required=True, aliases=("确认方式",)
        ),
        Column(
            "evidence", "凭证", _text(200, required=True), required=True, aliases=("凭证编号", "留痕编号")
        ),
    ),
    key=("client_no", "product_code", "permission", "confirmed_on"),
)

ACCOUNT_EVENTS = KindSpec(
    "account-events",
    (
        Column("client_no", "客户号", _code(32), required=True, aliases=("客户编号",)),
        Column(
            "event",
            "事件",
            _choice(AccountEvent, required=True),
            required=True,
            aliases=("账户事件", "业务类型"),
        ),
        Column(
            "date", "日期", _date(required=True, past=True), required=True, aliases=("发生日期", "业务日期")
        ),
        Column("counterparty", "对方券商", _text(100), aliases=("转入券商", "转出券商")),
    ),
    key=("client_no", "date", "event"),
)

KINDS: dict[str, KindSpec] = {
    k.name: k
    for k in (
        STAFF,
        CLIENTS,
        SECURITIES,
        ASSETS,
        TRADES,
        HOLDINGS,
        PRODUCTS,
        RISK_PROFILES,
        PERMISSIONS,
        WARNINGS,
        ACCOUNT_EVENTS,
    )
}


def column_label(field: str, kind: str | None = None) -> str:
    """The name a person reads for an import column: its Chinese header (English: the words of its name)."""
    specs = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    for spec in specs:
        for col in spec.columns:
            if col.name == field:
                return tr(col.zh, col.name.replace("_", " "))
    return field


def kind_spec(name: str) -> KindSpec:
    try:
        return KINDS[name]
    except KeyError:
        from crm_desktop.errors import InvalidInput

        raise InvalidInput(
            tr(
                "未知的导入类型 {kind}，可选：{kinds}。",
                "Unknown import kind {kind}; choose one of {kinds}.",
                kind=name,
                kinds=", ".join(KIND_NAMES),
            )
        ) from None


@dataclass(frozen=True)
class KindGuess:
    kind: str | None
    # every kind whose required columns are all present, best first
    candidates: tuple[str, ...]


def detect_kind(headers: Sequence[str]) -> KindGuess:
    """The kind whose required columns are all present and that explains the most headers.

    Assets and holdings share their client and date columns, so coverage of the whole header row,
    not just the required part, decides between them.
    """
    scored: list[tuple[int, int, str]] = []
    for spec in KINDS.values():
        fields = {spec.field_for(h) for h in headers if h and h.strip()} - {None}
        if not set(spec.required) <= fields:
            continue
        unexplained = sum(1 for h in headers if h and h.strip() and spec.field_for(h) is None)
        scored.append((-len(fields), unexplained, spec.name))
    scored.sort()
    names = tuple(s[2] for s in scored)
    return KindGuess(names[0] if names else None, names)

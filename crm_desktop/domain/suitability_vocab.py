"""The words of investor suitability (投资者适当性), each with its zh_CN and English name.

Shaped like the label catalogue (one table of ``member -> (zh, en)`` per enumeration) so that it can
be folded into it; the importer's header values come from :data:`IMPORT_VALUES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from crm_desktop import i18n

Pair = tuple[str, str]  # (zh_CN, en)


class ProductType(StrEnum):
    STOCK = "stock"
    FUND = "fund"
    BOND = "bond"
    WEALTH = "wealth"
    ADVISORY = "advisory"
    OTHER = "other"


class ProductRating(StrEnum):
    R1 = "R1"
    R2 = "R2"
    R3 = "R3"
    R4 = "R4"
    R5 = "R5"


class InvestorClass(StrEnum):
    ORDINARY = "ordinary"
    PROFESSIONAL = "professional"


class Permission(StrEnum):
    CHINEXT = "chinext"
    STAR = "star"
    BSE = "bse"
    HK_CONNECT = "hk_connect"
    MARGIN = "margin"
    OPTIONS = "options"


class FindingKind(StrEnum):
    """What the suitability check reports. The first four are violations; the last is a hint only."""

    OVER_LEVEL = "over_level"
    LOWEST_CATEGORY = "lowest_category"
    NO_PERMISSION = "no_permission"
    ASSESSMENT_EXPIRED = "assessment_expired"
    BEHAVIOUR_INCONSISTENT = "behaviour_inconsistent"


class WarningChannel(StrEnum):
    """How a special risk warning (特别风险警示) was confirmed; each leaves its own kind of evidence."""

    IN_PERSON = "in_person"
    PHONE_RECORDED = "phone_recorded"
    ONLINE = "online"
    PAPER = "paper"


class WarningSubject(StrEnum):
    PRODUCT = "product"
    PERMISSION = "permission"


VIOLATION_KINDS: tuple[FindingKind, ...] = (
    FindingKind.OVER_LEVEL, FindingKind.LOWEST_CATEGORY, FindingKind.NO_PERMISSION, FindingKind.ASSESSMENT_EXPIRED)

LABELS: dict[type[StrEnum], Mapping[str, Pair]] = {
    ProductType: {
        ProductType.STOCK: ("股票", "stock"),
        ProductType.FUND: ("基金", "fund"),
        ProductType.BOND: ("债券", "bond"),
        ProductType.WEALTH: ("理财", "wealth product"),
        ProductType.ADVISORY: ("投顾", "advisory service"),
        ProductType.OTHER: ("其他", "other"),
    },
    ProductRating: {
        ProductRating.R1: ("R1 低风险", "R1 low"),
        ProductRating.R2: ("R2 中低风险", "R2 medium-low"),
        ProductRating.R3: ("R3 中风险", "R3 medium"),
        ProductRating.R4: ("R4 中高风险", "R4 medium-high"),
        ProductRating.R5: ("R5 高风险", "R5 high"),
    },
    InvestorClass: {
        InvestorClass.ORDINARY: ("普通投资者", "ordinary investor"),
        InvestorClass.PROFESSIONAL: ("专业投资者", "professional investor"),
    },
    Permission: {
        Permission.CHINEXT: ("创业板", "ChiNext"),
        Permission.STAR: ("科创板", "STAR Market"),
        Permission.BSE: ("北交所", "Beijing SE"),
        Permission.HK_CONNECT: ("港股通", "HK Stock Connect"),
        Permission.MARGIN: ("融资融券", "margin trading"),
        Permission.OPTIONS: ("期权", "options"),
    },
    FindingKind: {
        FindingKind.OVER_LEVEL: ("产品风险高于客户等级", "product above the client's level"),
        FindingKind.LOWEST_CATEGORY: ("最低类别客户买入R1以上产品", "lowest-category client above R1"),
        FindingKind.NO_PERMISSION: ("未开通交易权限", "no trading permission"),
        FindingKind.ASSESSMENT_EXPIRED: ("风险测评已过期", "assessment expired"),
        FindingKind.BEHAVIOUR_INCONSISTENT: ("行为与测评不一致", "behaviour differs from the assessment"),
    },
    WarningChannel: {
        WarningChannel.IN_PERSON: ("临柜面签", "in person, signed"),
        WarningChannel.PHONE_RECORDED: ("电话录音", "recorded phone call"),
        WarningChannel.ONLINE: ("线上电子留痕", "online, electronic trace"),
        WarningChannel.PAPER: ("纸质确认书", "signed paper form"),
    },
    WarningSubject: {
        WarningSubject.PRODUCT: ("产品", "product"),
        WarningSubject.PERMISSION: ("权限", "permission"),
    },
}

# Values a file may carry in a coded column, per enumeration: code, Chinese word, English word.
IMPORT_VALUES: dict[type[StrEnum], Mapping[str, str]] = {
    ProductType: {"股票": "stock", "基金": "fund", "债券": "bond", "理财": "wealth", "投顾": "advisory",
                  "其他": "other"},
    InvestorClass: {"普通": "ordinary", "专业": "professional", "普通投资者": "ordinary",
                    "专业投资者": "professional"},
    Permission: {"创业板": "chinext", "科创板": "star", "北交所": "bse", "港股通": "hk_connect",
                 "融资融券": "margin", "两融": "margin", "期权": "options", "股票期权": "options"},
    WarningChannel: {"临柜": "in_person", "临柜面签": "in_person", "面签": "in_person", "电话录音": "phone_recorded",
                     "录音": "phone_recorded", "线上": "online", "电子留痕": "online", "线上电子留痕": "online",
                     "纸质": "paper", "纸质确认书": "paper"},
}


def pair(member: StrEnum) -> Pair:
    return LABELS[type(member)][member]


def label(member: StrEnum) -> str:
    zh, en = pair(member)
    return en if i18n.language() == i18n.EN else zh


def label_of(enum: type[StrEnum], value: object) -> str:
    """The label of a stored code; an unknown code is shown as it is rather than hidden."""
    try:
        return label(enum(str(value)))
    except ValueError:
        return "" if value is None else str(value)


def import_choices(enum: type[StrEnum]) -> dict[str, str]:
    """Every accepted spelling -> code: the code itself, its English label and the Chinese words."""
    out: dict[str, str] = {}
    for member in enum:
        out[member.value] = member.value
        zh, en = LABELS[enum][member]
        out[en] = member.value
        out[zh] = member.value
    out.update(IMPORT_VALUES.get(enum, {}))
    return out


def allowed_hint(enum: type[StrEnum]) -> str:
    """``code 中文 | …`` for the importer's message when a value is not recognised."""
    words: dict[str, str] = {}
    for word, code in IMPORT_VALUES.get(enum, {}).items():
        words.setdefault(code, word)
    return " | ".join(f"{m.value} {words.get(m.value, LABELS[enum][m][0])}" for m in enum)

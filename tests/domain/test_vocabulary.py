"""The vocabulary, its one label catalogue and the import aliases: no database needed."""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

from crm_desktop.domain import aliases as al
from crm_desktop.domain.labels import LABELS, choices, label, label_of
from crm_desktop.domain.vocabulary import (
    BY_NAME,
    VOCABULARY,
    Board,
    ClientStatus,
    ClientType,
    Grade,
    Qualification,
    RiskLevel,
    Role,
    Side,
    TouchType,
)
from crm_desktop.i18n import EN, ZH, set_language
from crm_desktop.paths import resource

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shipped() -> al.Aliases:
    path = resource("config", "import_aliases.toml")
    return al.merge([al.parse_alias_text(path.read_text(encoding="utf-8"), str(path))])


@pytest.mark.parametrize("enum", VOCABULARY, ids=lambda e: e.__name__)
def test_every_member_has_both_labels(enum: type[StrEnum]) -> None:
    table = LABELS[enum]
    assert set(table) == set(enum), "the catalogue names exactly the members"
    for member in enum:
        zh, en = table[member]
        assert zh.strip() and en.strip(), member
        assert label(member, ZH) == zh and label(member, EN) == en


@pytest.mark.parametrize("enum", VOCABULARY, ids=lambda e: e.__name__)
def test_labels_are_unambiguous_within_an_enumeration(enum: type[StrEnum]) -> None:
    for lang in (ZH, EN):
        names = [label(m, lang) for m in enum]
        assert len(set(names)) == len(names), (enum.__name__, lang)


def test_catalogue_holds_only_vocabulary() -> None:
    assert set(LABELS) == set(VOCABULARY)
    assert set(BY_NAME.values()) == set(VOCABULARY)
    assert BY_NAME["churn_risk"].__name__ == "ChurnRisk" and BY_NAME["tier"].__name__ == "Tier"


def test_label_follows_the_ui_language_and_passes_unknown_codes_through() -> None:
    assert label(TouchType.REVIEW_LETTER) == "账户分析报告"
    set_language(EN)
    try:
        assert label(TouchType.REVIEW_LETTER) == "review letter"
        assert label_of(Grade, "V4") == "V4 platinum"
    finally:
        set_language(ZH)
    assert label_of(Grade, "V4") == "V4 白金"
    assert label_of(Grade, "V9") == "V9"  # a code from a newer build is shown, not hidden
    assert label_of(Grade, None) == ""
    assert [code for code, _ in choices(Board)] == list(Board)


def test_engine_reasons_read_the_catalogue() -> None:
    from crm_desktop.scoring.reasons import label as engine_label

    assert engine_label("grade", "V5") == label(Grade.V5, ZH)
    assert engine_label("tier", "senior", EN) == "senior"
    assert engine_label("no_such_kind", "x") == "x"


@pytest.mark.parametrize(
    ("enum", "spelling", "member"),
    [
        (Qualification, "投资顾问资格", Qualification.INVESTMENT_ADVISER),
        (Qualification, "证券投资顾问", Qualification.INVESTMENT_ADVISER),
        (Qualification, "投顾", Qualification.INVESTMENT_ADVISER),
        (Qualification, "投资顾问", Qualification.INVESTMENT_ADVISER),
        (Qualification, "Investment Adviser", Qualification.INVESTMENT_ADVISER),
        (Qualification, "investment_adviser", Qualification.INVESTMENT_ADVISER),
        (Qualification, "证券从业资格", Qualification.SECURITIES_PRACTITIONER),
        (ClientType, "个人", ClientType.INDIVIDUAL),
        (ClientType, "自然人", ClientType.INDIVIDUAL),
        (ClientType, "机构", ClientType.INSTITUTION),
        (ClientType, "法人", ClientType.INSTITUTION),
        (Side, "买入", Side.BUY),
        (Side, "证券买入", Side.BUY),
        (Side, "B", Side.BUY),
        (Side, "ｂ", Side.BUY),  # full width, lower case
        (Side, "卖出", Side.SELL),
        (Side, "证券卖出", Side.SELL),
        (Side, " S ", Side.SELL),
        (Board, "创业板", Board.CHINEXT),
        (Board, "北京证券交易所", Board.BSE),
        (RiskLevel, "ｃ３", RiskLevel.C3),
        (RiskLevel, "稳健型", RiskLevel.C3),
        (Role, "客户经理", Role.INVESTMENT_MANAGER),
        (Role, "BRANCH MANAGER", Role.BRANCH_MANAGER),
        (ClientStatus, "销户", ClientStatus.CLOSED),
        (ClientStatus, "已销户", ClientStatus.CLOSED),
    ],
)
def test_aliases_resolve(shipped: al.Aliases, enum: type[StrEnum], spelling: str, member: StrEnum) -> None:
    assert shipped.resolve(enum, spelling) is member


def test_codes_and_labels_resolve_without_any_file() -> None:
    for enum in VOCABULARY:
        for member in enum:
            for spelling in (member.value, *LABELS[enum][member]):
                assert al.BUILTIN.resolve(enum, spelling) is member, (enum.__name__, spelling)


def test_unknown_value_names_the_accepted_ones(shipped: al.Aliases) -> None:
    with pytest.raises(al.UnknownCode) as ei:
        shipped.resolve(Side, "持有")
    text = str(ei.value)
    assert "持有" in text and "buy 买入" in text and "sell 卖出" in text
    assert ei.value.exit_code == 3
    assert shipped.resolver(Side).get("") is None


def test_branch_file_adds_spellings(shipped: al.Aliases) -> None:
    text = (ROOT / "resources" / "config" / "import_aliases.toml").read_text(encoding="utf-8")
    branch = '[qualification]\ninvestment_adviser = ["IA证书"]\n[side]\nbuy = "申购"\n'
    merged = al.merge([al.parse_alias_text(text), al.parse_alias_text(branch)])
    assert merged.resolve(Qualification, "ia证书") is Qualification.INVESTMENT_ADVISER
    assert merged.resolve(Qualification, "投顾") is Qualification.INVESTMENT_ADVISER  # defaults kept
    assert merged.resolve(Side, "申购") is Side.BUY


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[sides]\nbuy = ["x"]\n', "sides"),
        ('[side]\nhold = ["x"]\n', "hold"),
        ("[side]\nbuy = [1]\n", "buy"),
        ("[side\n", "TOML"),
    ],
)
def test_bad_alias_files_are_refused_with_the_reason(text: str, needle: str) -> None:
    set_language(EN)
    try:
        with pytest.raises(al.AliasConfigError, match=needle):
            al.parse_alias_text(text, "branch.toml")
    finally:
        set_language(ZH)


def test_a_spelling_may_not_name_two_codes() -> None:
    clash = al.parse_alias_text('[side]\nbuy = ["X"]\nsell = ["x"]\n')
    with pytest.raises(al.AliasConfigError, match=r"[xX]"):
        al.merge([clash])


def test_domain_is_pure() -> None:
    banned = (
        "PySide6",
        "sqlalchemy",
        "crm_desktop.db",
        "crm_desktop.services",
        "crm_desktop.gui",
        "crm_desktop.cli",
        "crm_desktop.importing",
        "crm_desktop.paths",
        "pandas",
        "os",
        "pathlib",
    )
    offenders = []
    for path in sorted((ROOT / "crm_desktop" / "domain").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module
                else []
            )
            offenders += [
                f"{path.name}: {n}" for n in names for b in banned if n == b or n.startswith(b + ".")
            ]
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
                offenders.append(f"{path.name}: open()")
    assert offenders == []

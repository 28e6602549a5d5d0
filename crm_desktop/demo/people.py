"""Plausible personal data for the demo: Chinese names, ID numbers, phones, e-mails, company names.

Nothing here belongs to a real person: names are drawn from common characters, ID numbers only *look*
valid (real region prefixes, the birth date, a correct check digit).
"""

from __future__ import annotations

import numpy as np

# Common surnames, roughly in order of frequency; the weights below favour the first ones.
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志宏海波斌宇浩凯健俊帆帅旭"
    "晨阳琳晶雪婷倩颖欣怡佳慧嘉欢瑶璐梦雨思涵子轩博文昊然泽宁逸天一鸣晓东立新永庆春兰德胜福成荣瑞祥顺"
    "金玲凤云飞翔鑫淼森磊浩宏振家豪梓萱诗雅婧琪蕾薇若晗皓睿哲瀚清源洪涛卫东建华志强丹晖锦程"
)
# Real administrative-division prefixes (city districts), so the first six digits look right.
REGIONS = (
    "110101",
    "110105",
    "110108",
    "120101",
    "130102",
    "140105",
    "210102",
    "220102",
    "230103",
    "310101",
    "310104",
    "310105",
    "310110",
    "310115",
    "320102",
    "320106",
    "320506",
    "330102",
    "330106",
    "330204",
    "340104",
    "350203",
    "360102",
    "370102",
    "370202",
    "410105",
    "420106",
    "430104",
    "440103",
    "440106",
    "440305",
    "440306",
    "450103",
    "500103",
    "510104",
    "510107",
    "520102",
    "530102",
    "610113",
    "620102",
)
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_ID_CHECK = "10X98765432"
_MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
)
_MAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com", "outlook.com")
_LATIN = (
    "zhang",
    "wang",
    "li",
    "liu",
    "chen",
    "yang",
    "zhao",
    "huang",
    "zhou",
    "wu",
    "xu",
    "sun",
    "hu",
    "zhu",
    "gao",
    "lin",
    "he",
    "guo",
    "ma",
    "luo",
    "liang",
    "song",
    "zheng",
    "xie",
    "han",
    "tang",
    "feng",
    "yu",
    "dong",
    "xiao",
    "cheng",
    "cao",
    "yuan",
    "deng",
    "xu",
    "fu",
    "shen",
    "zeng",
    "peng",
    "lu",
)

_CITIES = ("上海", "北京", "深圳", "杭州", "苏州", "南京", "宁波", "广州", "成都", "武汉", "厦门", "无锡")
_FIRM_WORDS = (
    "恒信",
    "汇丰源",
    "德润",
    "聚鑫",
    "嘉禾",
    "弘远",
    "瑞丰",
    "泓达",
    "宏泰",
    "鼎盛",
    "博远",
    "融通",
    "景行",
    "致远",
    "明德",
    "华晟",
    "盛世",
    "同创",
    "君和",
    "宁泰",
    "长青",
    "银河湾",
    "凯达",
    "正源",
)
_FIRM_KINDS = (
    "投资管理有限公司",
    "私募基金管理有限公司",
    "实业有限公司",
    "资产管理有限公司",
    "科技股份有限公司",
    "贸易有限公司",
    "控股集团有限公司",
    "创业投资合伙企业（有限合伙）",
)
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def person_names(rng: np.random.Generator, n: int) -> list[str]:
    sw = 1.0 / np.sqrt(np.arange(1, len(SURNAMES) + 1))
    sur = rng.choice(len(SURNAMES), size=n, p=sw / sw.sum())
    g1 = rng.integers(0, len(GIVEN), n)
    g2 = rng.integers(0, len(GIVEN), n)
    two = rng.random(n) < 0.7
    return [
        SURNAMES[s] + GIVEN[a] + (GIVEN[b] if t else "")
        for s, a, b, t in zip(sur.tolist(), g1.tolist(), g2.tolist(), two.tolist(), strict=True)
    ]


def company_names(rng: np.random.Generator, n: int) -> list[str]:
    c = rng.integers(0, len(_CITIES), n).tolist()
    w = rng.integers(0, len(_FIRM_WORDS), n).tolist()
    k = rng.integers(0, len(_FIRM_KINDS), n).tolist()
    return [f"{_CITIES[a]}{_FIRM_WORDS[b]}{_FIRM_KINDS[d]}" for a, b, d in zip(c, w, k, strict=True)]


def id_numbers(rng: np.random.Generator, birth: np.ndarray) -> list[str]:
    """18-digit resident ID numbers: region, birth date (datetime64[D]), sequence, ISO 7064 check digit."""
    n = len(birth)
    region = np.array(REGIONS)[rng.integers(0, len(REGIONS), n)]
    ymd = np.char.replace(np.datetime_as_string(birth, unit="D"), "-", "")
    seq = np.char.zfill(rng.integers(1, 999, n).astype(str), 3)
    body = np.char.add(np.char.add(region, ymd), seq)
    digits = np.frombuffer("".join(body.tolist()).encode("ascii"), dtype=np.uint8).reshape(n, 17) - 48
    check = (digits.astype(np.int64) @ _ID_WEIGHTS) % 11
    return [b + _ID_CHECK[c] for b, c in zip(body.tolist(), check.tolist(), strict=True)]


def credit_codes(rng: np.random.Generator, n: int) -> list[str]:
    """Unified social credit codes (统一社会信用代码) with a correct GB 32100 check character."""
    out = []
    regions = rng.integers(0, len(REGIONS), n).tolist()
    bodies = rng.integers(0, len(_USCC_CHARS), (n, 9)).tolist()
    for r, body in zip(regions, bodies, strict=True):
        code = "91" + REGIONS[r] + "".join(_USCC_CHARS[i] for i in body)
        total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(code, _USCC_WEIGHTS, strict=True))
        out.append(code + _USCC_CHARS[(31 - total % 31) % 31])
    return out


def mobile_numbers(rng: np.random.Generator, n: int) -> list[str]:
    pre = np.array(_MOBILE_PREFIXES)[rng.integers(0, len(_MOBILE_PREFIXES), n)]
    rest = np.char.zfill(rng.integers(0, 100_000_000, n).astype(str), 8)
    return np.char.add(pre, rest).tolist()


def emails(rng: np.random.Generator, n: int, phones: list[str]) -> list[str | None]:
    """A third have none; QQ users often use their QQ number, the rest a pinyin-like handle."""
    kind = rng.random(n)
    qq = rng.integers(10_000_000, 3_000_000_000, n).tolist()
    dom = rng.integers(0, len(_MAIL_DOMAINS), n).tolist()
    lat = rng.integers(0, len(_LATIN), n).tolist()
    num = rng.integers(1, 9999, n).tolist()
    out: list[str | None] = []
    for i in range(n):
        if kind[i] < 0.33:
            out.append(None)
        elif kind[i] < 0.55:
            out.append(f"{qq[i]}@qq.com")
        elif kind[i] < 0.65:
            out.append(f"{phones[i]}@139.com")
        else:
            out.append(f"{_LATIN[lat[i]]}{num[i]}@{_MAIL_DOMAINS[dom[i]]}")
    return out


def id_check_digit(first17: str) -> str:
    """The check character of an 18-digit resident ID number (used by the tests to verify ours)."""
    total = sum(int(ch) * int(w) for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]

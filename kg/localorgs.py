"""One entity per organisation within an article: identity keys, canonical labels, aliases.

The key of an organisation is (its most specific region code, the rest of its name), so
湖北省黄石市阳新县中医医院 and 阳新县中医医院 share (420222, 中医医院), and 市第一人民医院 in a
武穴 article becomes (421182, 第一人民医院). Names without a region keep the name itself as key
until an alias, a longer name in the article or the table of well-known names places them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from .lexicon import lexicon
from .model import EntityType, pickled_by_fields
from .orgs import ABBREVIATION, OrgMention, city_ordinal_pattern, parse_name
from .regions import gazetteer

__all__ = [
    "DEPARTMENTS", "LocalOrg", "OrgKey", "OrgTable", "RegionContext",
    "level_region", "org_identity", "region_label", "split_branch",
]

OrgKey = tuple[str, str]


@pickled_by_fields
@dataclass(slots=True)
class LocalOrg:
    key: OrgKey
    label: str
    type: EntityType
    adcode: str | None  # most specific known region (township codes have 9 digits)
    aliases: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)


def level_region(level: str, code: str) -> str | None:
    """The region a bare 市/区/县/省/州 stands for when the place last named is ``code``: the province
    of any place, the 市 itself or the city holding a county, the 区 or 县 itself, the 州 holding it."""
    gaz = gazetteer()
    r = gaz.get(code)
    if r is None or r.level == "township":
        return None
    if level in ("省", "自治区"):
        prov = gaz.province_of(code)
        return prov.code if prov is not None and (level == "省" or prov.name.endswith("自治区")) else None
    if level == "市":
        if r.level in ("city", "county") and r.name.endswith("市"):
            return code
        city = gaz.city_of(code) if r.level == "county" else None
        return city.code if city is not None and city.name.endswith("市") else None
    if level in ("区", "县"):
        return code if r.level == "county" and r.name.endswith(level) else None
    if level in ("州", "自治州") and r.level in ("city", "county"):
        city = r if r.level == "city" else gaz.city_of(code)
        return city.code if city is not None and city.name.endswith(level) else None
    return None


class RegionContext:
    """Region mentions of an article in order: they resolve 市/区/县 and pick among namesakes."""

    def __init__(self, text: str) -> None:
        gaz = gazetteer()
        raw = gaz.find_mentions(text)
        unambiguous = Counter(m.candidates[0].code for m in raw if len(m.candidates) == 1)
        ranked = [c for c, _ in unambiguous.most_common()]
        self.text = text
        self.mentions: list[tuple[int, str]] = []
        self.spans: list[tuple[int, int]] = []
        for m in raw:
            r = gaz.choose(m.candidates, ranked)
            if r is not None:
                self.mentions.append((m.start, r.code))
                self.spans.append((m.start, m.end))
        self.counts: Counter = Counter(code for _, code in self.mentions)
        self.counties = tuple(sorted(c for c in self.counts if gaz.get(c).level == "county"))

    def add(self, pos: int, code: str) -> None:
        self.mentions.append((pos, code))
        self.mentions.sort()
        self.counts[code] += 1

    def listed_at(self, pos: int) -> bool:
        """Whether the region named at ``pos`` is one of a list (和政县、临夏县、康乐县)."""
        here = [m for m in self.spans if m[0] == pos]
        if not here:
            return False
        s, e = here[0]
        return self.text[s - 1 : s] == "、" or self.text[e : e + 1] == "、"

    def nearest_county(self, pos: int) -> str | None:
        """The county-level region named last before ``pos`` (else the article's most named one)."""
        gaz = gazetteer()
        for p, code in reversed(self.mentions):
            if p < pos and gaz.get(code).level == "county":
                return code
        ranked = self.ranked()
        return ranked[0] if ranked else None

    def ranked(self) -> list[str]:
        """Regions by how often the article names them (county level and above)."""
        gaz = gazetteer()
        return [c for c, _ in self.counts.most_common() if gaz.get(c).level != "township"]

    def resolve_level(self, level: str, pos: int) -> str | None:
        """The region a bare 市/区/县/省 at ``pos`` stands for: the nearest suitable one named before it."""
        before = [(p, code) for p, code in self.mentions if p < pos]
        placed = [r for _p, code in before if (r := level_region(level, code)) is not None]
        if before and self.listed_at(before[-1][0]) and (len(placed) < 2 or placed[-2] != placed[-1]):
            # 和政县、临夏县、康乐县…县医院: which county is not said (unlike 金寨县A、金寨县B…县医院医共体)
            return None
        for _p, code in reversed(before):
            found = level_region(level, code)
            if found is not None:
                return found
        return None


def region_label(code: str) -> str:
    return gazetteer().get(code).name


@cache
def _written_forms() -> dict[str, list[str]]:
    """Canonical suffix -> the other ways news writes it (卫生健康委员会 -> 卫生健康委, 卫健委)."""
    forms: dict[str, list[str]] = {}
    for written, (_, canonical) in lexicon().org_suffixes.items():
        if written != canonical:
            forms.setdefault(canonical, []).append(written)
    return forms


def _suffix_variants(name: str) -> list[str]:
    """Other ways to write the same ending: 卫生健康委员会 -> 卫生健康委, 卫健委."""
    out = []
    for canonical, writtens in _written_forms().items():
        if name.endswith(canonical):
            out += [name[: -len(canonical)] + w for w in writtens]
    return out


def _prefixed_variants(label: str, code: str) -> set[str]:
    """The label with its higher regions spelled out: 阳新县中医医院 -> 黄石市阳新县中医医院, 湖北省黄石市…"""
    gaz = gazetteer()
    chain = [r for r in gaz.ancestors(code) if r.level != "township"]
    if not chain or not label.startswith(chain[0].name):
        return set()
    tail = label[len(chain[0].name) :]
    out = set()
    for k in range(1, len(chain)):
        out.add("".join(r.name for r in reversed(chain[: k + 1])) + tail)
    return out


@cache
def _known_full_names() -> dict[str, tuple[str, frozenset[str]]]:
    """The adcode and the short names of each well-known institution, by its full name."""
    known = [k for v in lexicon().known_orgs.values() for k in v]
    unique = [v[0] for v in lexicon().known_orgs.values() if len(v) == 1]  # (协和医院 names three)
    return {k.name: (k.adcode, frozenset(o.alias for o in unique if o.name == k.name)) for k in known}


def org_identity(m: OrgMention, ctx: RegionContext) -> tuple[OrgKey, str, set[str], str | None] | None:
    """Key, canonical label, aliases and region of a mention; None for a name that identifies nothing."""
    gaz = gazetteer()
    lex = lexicon()
    codes = list(m.regions)
    surface = m.surface
    aliases = {surface}
    if m.context_level:
        code = ctx.resolve_level(m.context_level, m.start)
        if code is None:
            return None
        codes = [code]
        label = region_label(code) + m.rest
        # 县医院 names this hospital only in this article: not an alias (the region-prefixed form is)
        aliases = {region_label(code) + surface[len(m.context_level) :]}
        if any(gaz.townships(m.rest[:k], [code]) for k in range(2, min(6, len(m.rest)))):
            aliases.add(m.rest)  # 该县永兴镇中心卫生院: a township's centre is named by its township
    else:
        known = lex.known_orgs.get(surface)
        if known is None and surface in lex.known_names:
            # 重庆医科大学附属第一医院 written in full (inside its alliance's name too) is the one
            # known by a short name (重医附一院), not 重庆 + a 医科大学附属第一医院
            code, short_names = _known_full_names()[surface]
            return ("", surface), surface, aliases | short_names, code
        if known is None:
            known = lex.known_orgs.get(m.rest)
        elif codes and all(
            p not in gaz.lookup_full_names(gaz.get(c)) for p, c in zip(m.pieces, codes, strict=False)
        ):
            codes = []  # 中山医院 is the well-known hospital, not a hospital of 中山市
        if known and codes:  # 北京天坛医院: the region written before a well-known name must agree
            known = tuple(
                k for k in known if gaz.is_within(k.adcode, codes[-1]) or gaz.is_within(codes[-1], k.adcode)
            )
        if known:
            choice = _choose_known(known, [*codes[-1:], *ctx.ranked()])
            if choice is not None:
                aliases.add(choice.alias)
                return ("", choice.name), choice.name, aliases, choice.adcode
        if not codes:
            code = m.heads[0] if m.heads else (_university_region(surface) or _known_region(surface))
            return ("", surface), surface, aliases, code
        last = gaz.get(codes[-1])
        if last.level == "township":
            county = next((c for c in reversed(codes) if gaz.get(c).level != "township"), last.parent)
            town = m.pieces[-1] if m.pieces else last.name
            label = region_label(county) + town + m.rest
            aliases.add(town + m.rest)
            if town != last.name:
                aliases |= {last.name + m.rest, region_label(county) + last.name + m.rest}
            aliases |= _prefixed_variants(label, county)
        else:
            written_full = not m.pieces or m.pieces[-1] == last.name
            label = last.name + m.rest if written_full else surface  # 浙江大学 stays 浙江大学
            aliases |= _prefixed_variants(last.name + m.rest, last.code) if written_full else set()
    for name in list(aliases | {label}):
        aliases.update(_suffix_variants(name))
    return (codes[-1], m.rest), label, aliases, codes[-1]


def _university_region(name: str) -> str | None:
    """浙江大学医学院附属妇产科医院 -> 330000: a university named after its province or city places it."""
    if "大学" not in name and "学院" not in name:
        return None
    for length in (3, 2):
        for r in gazetteer().lookup(name[:length]):
            if r.level in ("province", "city") and name[:length] in (*r.shorts, r.name):
                return r.code
    return None


@cache
def _known_regions() -> dict[str, str]:
    """Official names of the well-known institutions and their regions (one region per name)."""
    regions: dict[str, set[str]] = {}
    for entries in lexicon().known_orgs.values():
        for k in entries:
            regions.setdefault(k.name, set()).add(k.adcode)
    return {name: codes.pop() for name, codes in regions.items() if len(codes) == 1}


def _known_region(name: str) -> str | None:
    """华中科技大学同济医学院附属同济医院 written in full: where the lexicon knows it is."""
    return _known_regions().get(name)


def _choose_known(known, ranked: list[str]):
    """Among readings of a well-known short name (协和医院), the one in the article's region, else
    in its province (同济医院 in an article about 巴东县: Wuhan's, not Shanghai's)."""
    gaz = gazetteer()
    for code in ranked:
        for k in known:
            if gaz.is_within(code, k.adcode) or gaz.is_within(k.adcode, code):
                return k
    provinces = {p.code for code in ranked if (p := gaz.province_of(code)) is not None}
    in_province = [k for k in known if (p := gaz.province_of(k.adcode)) is not None and p.code in provinces]
    if len({k.name for k in in_province}) == 1:
        return in_province[0]
    return known[0] if len(known) == 1 or not ranked else None


@cache
def _name_pieces() -> list[str]:
    lex = lexicon()
    pieces = {*lex.name_parts, *lex.org_suffixes, *(c for _, c in lex.org_suffixes.values())}
    return sorted(pieces, key=len, reverse=True)


_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}")


def _generic_rest(rest: str) -> bool:
    """Whether a name without its regions is only a kind of institution (人民医院, 疾病预防控制中心),
    perhaps numbered (第一医院: a city and its counties may each have one)."""
    rest = _ORDINAL.sub("", rest)
    parts = _name_pieces()
    while rest:
        part = next((p for p in parts if rest.startswith(p)), None)
        if part is None:
            return False
        rest = rest[len(part) :]
    return True


def _in_order(chars: str, name: str) -> bool:
    """Whether ``chars`` occur in ``name`` in this order (中国医大 in 中国医科大学)."""
    it = iter(name)
    return all(c in it for c in chars)


_BECAME_BRANCH = re.compile(r"(?:正式)?(?:成为|挂牌为|挂牌成为)[^，,。；;]{0,14}?的?(?:分院|院区)")
# 静乐县中心医院原名静乐县人民医院: the second name is the first institution's former one
_FORMER_NAME = ("原名", "原称", "前身为", "前身是", "又名", "又称", "亦称", "也称")  # (or another name)
_RENAMED = re.compile(
    r"(?:[，,]?(?:并|后|随后|后来))?(正式)?(成为|更名为|挂牌为|挂牌成为|加挂|即|"
    + "|".join(_FORMER_NAME) + ")"
)
DEPARTMENTS = ("所", "科", "室", "部")  # endings of a unit inside an institution
_GENERAL_HOSPITALS = ("中心医院", "第一人民医院", "总医院")  # what a place's 县医院 may be called
_GROUP_HEADS = ("医共体总医院", "医联体总医院", "医共体总院", "医疗集团", "总医院", "医共体", "医联体")


@cache
def _code_prefix(adcode: str) -> str:
    """What the codes of the divisions inside ``adcode`` start with: 110000 -> 11, 110100 -> 1101."""
    while len(adcode) > 2 and adcode.endswith("00"):
        adcode = adcode[:-2]
    return adcode


def _ends_longer_name(org: LocalOrg, other: LocalOrg) -> bool:
    """Whether ``org`` is ``other`` named by the end of its name: without a region or in the same
    one, its label ends one of the other's names; placed inside the other's region, one of its names
    does (东宁分院 in the 东宁 township is 东宁市人民医院, which hangs 牡丹江市第一人民医院东宁分院)."""
    code = org.key[0]
    if not code or code in (other.key[0], other.adcode):
        label, longer = org.label, len(org.label) + 1
        return (other.label.endswith(label) and len(other.label) > longer) or any(
            a.endswith(label) and len(a) > longer for a in other.aliases)
    if not other.adcode or code == other.adcode or not code.startswith(_code_prefix(other.adcode)):
        return False  # (a division's code opens with its parent's, less the zeros of the levels below)
    return any(
        a.endswith(n) and len(a) > max(len(n), len(org.label)) + 1 for a in other.aliases for n in org.aliases
    )


def split_branch(m: OrgMention) -> tuple[str, str] | None:
    """武穴市医共体总医院石佛寺卫生院 -> (医共体总医院, 石佛寺卫生院): a member named after its group's head.

    A university before a hospital (华中科技大学协和江北医院) is one name, not a branch.
    """
    for head in _GROUP_HEADS:
        i = m.rest.find(head)
        if i >= 0 and i + len(head) < len(m.rest) - 2:
            member = m.rest[i + len(head) :]
            if member in ("医院", "总院", "分院") or any(h.endswith(member) for h in _GROUP_HEADS):
                continue  # 医共体 + 总医院 is the head itself, not a member
            return m.rest[: i + len(head)], member
    return None


_THEN_SHORT = re.compile(r"[，,;；]\s*(?:以下简称|以下称|下称|简称)")
# 上海交通大学医学院附属第六人民医院（上海六院）, …医院（以下简称“贵医附院”）: a short name declared in
# parentheses right after the full one
_DECLARED = re.compile(
    r"[(（](?:[^()（）]{0,40}?[，,;；])?(?:以下简称|以下称|下称|简称)?[“\"]?([\u4e00-\u9fff0-9]{2,8})[”\"]?[)）]"
)
_BRANCH_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}(?:分院|院区)")
_LISTED_IN_BRACKETS = re.compile(r"[(（]([^()（）。；;]{4,60}?[、，,][^()（）。；;]{2,60}?)[)）]")
_BARE_LEVELS = ("省", "市", "县", "区", "州", "自治区", "自治州")  # 市一院, 省人医: named by their level


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` takes its characters from ``name`` in order (上海六院 from 上海交通大学医学院
    附属第六人民医院, 省人医 from 江苏省人民医院): an abbreviation, not another name or a note. Two
    characters must start as the name does; a suffix alone (医院) abbreviates nothing."""
    if short == name or short in lexicon().org_suffixes or (len(short) < 3 and short[0] != name[0]):
        return False
    return _in_order(short, name)


def _same_kind_elsewhere(short: str, name: str) -> bool:
    """Whether ``short`` and ``name`` are the same kind of institution of two places: 江苏省人民医院
    and 江苏省灌南县人民医院 (the province's, the county's), unlike 南京鼓楼医院 and 南京大学医学院附属鼓楼
    医院."""
    codes, rest = parse_name(short)[:2]
    if not codes:
        return False
    other_codes, other_rest = parse_name(name)[:2]
    return bool(other_codes) and other_rest == rest and other_codes[-1] != codes[-1]


class OrgTable:
    """The organisations of one article, merged when the article shows two names are one."""

    def __init__(self) -> None:
        self.orgs: dict[OrgKey, LocalOrg] = {}
        self.parent: dict[OrgKey, OrgKey] = {}

    def find(self, key: OrgKey) -> OrgKey:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def add(
        self,
        key: OrgKey,
        label: str,
        etype: EntityType,
        adcode: str | None,
        aliases: set[str],
        span: tuple[int, int],
    ) -> OrgKey:
        root = self.find(key)
        org = self.orgs.get(root)
        if org is None:
            org = self.orgs[root] = LocalOrg(root, label, etype, adcode, set())
            self.parent[root] = root
        org.aliases |= aliases
        org.spans.append(span)
        if adcode and (not org.adcode or gazetteer().is_within(adcode, org.adcode)):
            org.adcode = adcode
        return root

    def union(self, keep: OrgKey, other: OrgKey) -> OrgKey:
        """Merge ``other`` into ``keep`` (whose label stays); a key with a region wins over one without."""
        a, b = self.find(keep), self.find(other)
        if a == b:
            return a
        oa, ob = self.orgs.pop(a), self.orgs.pop(b)
        oa.aliases |= ob.aliases | {ob.label}
        oa.spans += ob.spans
        if ob.adcode and (not oa.adcode or gazetteer().is_within(ob.adcode, oa.adcode)):
            oa.adcode = ob.adcode
        new = a if a[0] or not b[0] else b
        oa.key = new
        self.orgs[new] = oa
        self.parent[a] = new
        self.parent[b] = new
        self.parent[new] = new
        return new

    def merge_declared_short_names(self, text: str, spans: list[tuple[int, int, OrgKey]]) -> None:
        """Short names an article declares in parentheses: one found by its suffix (贵医附院) is the
        institution from there on; one that no suffix finds (上海六院 ends in neither 医院 nor 中心)
        is a mention wherever the article writes it (added to ``spans``)."""
        taken = [(s, e) for s, e, _ in spans]
        declared: dict[str, OrgKey] = {}
        for s0, e0, k in list(spans):
            m = _DECLARED.match(text, e0)
            org = self.orgs.get(self.find(k))
            if m is None or org is None:
                continue
            short = m.group(1)
            if not (_abbreviates(short, org.label) or _abbreviates(short, text[s0:e0])):
                continue
            inner = [k1 for s1, e1, k1 in spans if (s1, e1) == m.span(1)]
            if inner:
                self.union(k, inner[0])
            else:
                declared.setdefault(short, org.key)
        for short, key in declared.items():
            for found in re.finditer(re.escape(short), text):
                s1, e1 = found.span()
                if any(a < e1 and s1 < b for a, b in taken):
                    continue
                org = self.orgs[self.find(key)]
                # 市一院, 省人医 mean this institution only in this article: mentions, not aliases
                alias = set() if short.startswith(_BARE_LEVELS) else {short}
                spans.append((s1, e1, self.add(key, org.label, org.type, org.adcode, alias, (s1, e1))))
                taken.append((s1, e1))
        spans.sort()

    def merge_parenthesised(self, text: str, spans: list[tuple[int, int, OrgKey]]) -> None:
        """武汉市第一医院(武汉市中西医结合医院): one hospital, two names. The role name of a group head
        (医共体总医院) yields to the hospital's own name in parentheses."""
        by_start: dict[int, tuple[int, OrgKey]] = {}
        for s, e, k in spans:
            if s not in by_start or e > by_start[s][0]:
                by_start[s] = (e, k)
        for _s, e, k in spans:
            if text[e : e + 1] not in "(（":
                continue
            inner = by_start.get(e + 1)
            # 江苏省人民医院（南京医科大学第一附属医院，以下简称“省人医”）: the second name may be
            # followed by the short one
            if inner is None or not (text[inner[0] : inner[0] + 1] in ")）"
                                     or _THEN_SHORT.match(text, inner[0])):
                continue
            outer = self.orgs.get(self.find(k))
            if outer is not None and any(w in outer.label for w in ("医共体", "医联体", "总院", "分院")):
                self.union(inner[1], k)
            else:
                self.union(k, inner[1])
        self._merge_listed_names(text, spans)
        for (_s1, e1, a), (s2, _e2, b) in pairwise(sorted(spans)):
            # 四川省医学科学院·四川省人民医院: one institution under both its names, the academy's and the
            # hospital's, which stays (two hospitals so joined are two: 黄山市人民医院·祁门县人民医院医联体)
            first, second = self.orgs.get(self.find(a)), self.orgs.get(self.find(b))
            if (text[e1:s2] == "·" and first is not None and second is not None
                    and {first.type, second.type} == {EntityType.HOSPITAL, EntityType.ACADEMIC}):
                if first.type is EntityType.HOSPITAL:
                    self.union(a, b)
                else:
                    self.union(b, a)

    def _merge_listed_names(self, text: str, spans: list[tuple[int, int, OrgKey]]) -> None:
        """山西白求恩医院（山西医学科学院、同济山西医院）: every name listed in the brackets is the
        first one's; a name inside a longer item (暨南大学 of 暨南大学第二临床医学院) is part of
        another of its names, no institution of the sentence."""
        for _s, e, k in list(spans):
            if text[e : e + 1] not in "(（":
                continue
            close = _LISTED_IN_BRACKETS.match(text, e)
            if close is None:
                continue
            items, pos = [], e + 1
            for piece in re.split("[、，,]", close.group(1)):
                items.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            inside = [(s1, e1, k1) for s1, e1, k1 in spans if e < s1 and e1 <= close.end()]
            whole = [x for x in inside if (x[0], x[1]) in items]
            if len(items) < 2 or not whole:
                continue
            for _s1, _e1, k1 in whole:
                self.union(k, k1)
            spans[:] = [x for x in spans if x not in inside or x in whole]

    def merge_renamed(self, text: str, spans: list[tuple[int, int, OrgKey]]) -> None:
        """淳安县第一人民医院成为浙医一院淳安分院, X更名为Y, X加挂Y牌子: one hospital, two names."""
        ordered = sorted(spans)
        for (_s1, e1, a), (s2, e2, b) in pairwise(ordered):
            link = _RENAMED.fullmatch(text[e1:s2].rstrip("“\"「"))  # 加挂“…分院”牌子
            if link is None or _BRANCH_AFTER.match(text, e2):
                continue  # (加挂“浙大一院仙居分院”: a branch of the one named, not that one)
            other = self.orgs.get(self.find(b))
            if link.group(2) in ("更名为", "加挂", *_FORMER_NAME) or (
                other is not None and other.label.endswith(("分院", "院区"))
            ):
                self.union(a, b)
        # 原八里岔乡卫生院正式成为息县人民医院的分院: the article's 息县八里岔乡分院
        for _s1, e1, a in ordered:
            if not _BECAME_BRANCH.match(text, e1) or a not in self.orgs:
                continue
            place = re.sub(r"(卫生院|社区卫生服务中心|医院)$", "", self.orgs[a].label)
            branches = {self.find(o.key) for o in self.orgs.values()
                        if o.label.endswith(("分院", "院区")) and o.label[:-2] == place}
            if len(branches) == 1:
                self.union(branches.pop(), a)

    def merge_abbreviated(self) -> None:
        """复旦儿科安徽医院 is 复旦大学附属儿科医院安徽医院: a name of six characters or more, made of
        the longer one's characters in order, with its first two and last four, when only one name of
        the article fits."""
        for org in list(self.orgs.values()):
            short = org.label
            if org.key not in self.orgs or len(short) < 6:
                continue
            # (江苏省人民医院 is no short 江苏省灌南县人民医院: a place's own hospital, named in full)
            fits = {
                self.find(o.key)
                for o in self.orgs.values()
                if o is not org
                and (not org.key[0] or not o.key[0] or o.key[0] == org.key[0])
                and any(len(n) > len(short) and n[:2] == short[:2] and n[-4:] == short[-4:]
                        and _in_order(short, n) and not _same_kind_elsewhere(short, n)
                        for n in o.aliases | {o.label})
            }
            if len(fits) == 1:
                self.union(fits.pop(), org.key)

    def merge_units(self) -> None:
        """西京医院消化病医院 is a unit of 西京医院: a hospital's name followed by a specialty and
        医院/中心 names a part of that hospital, not another institution (a place there instead,
        北京儿童医院保定医院, names a branch, which stays apart); so is a department (…所, …科)
        after a hospital's or centre's name."""
        specialties = lexicon().specialties
        for org in list(self.orgs.values()):
            if org.key not in self.orgs:
                continue
            for other in list(self.orgs.values()):
                if other is org or other.key not in self.orgs:
                    continue
                for name in other.aliases | {other.label}:
                    if not (name.endswith(("医院", "中心")) and org.label.startswith(name)):
                        continue
                    tail = org.label[len(name):]
                    field = tail[:-2] if tail.endswith(("医院", "中心")) else tail
                    # 疾病预防控制中心结核病防治所: a department of the centre
                    department = len(tail) >= 3 and tail.endswith(DEPARTMENTS) and "医院" not in tail
                    if tail and ((field != tail and field in specialties and name.endswith("医院"))
                                 or department):
                        self.union(other.key, org.key)
                        break
                if org.key not in self.orgs:
                    break

    def merge_affiliated_names(self) -> None:
        """暨南大学附属广州红十字会医院 is 广州市红十字会医院: a university's affiliated hospital named
        after 附属 by its place and kind, the article's organisation of that place and kind."""
        for org in list(self.orgs.values()):
            if org.key not in self.orgs or "附属" not in org.label:
                continue
            tail = org.label.split("附属", 1)[1]
            codes, rest, _heads, _pieces = parse_name(tail)
            if not codes or len(rest) < 4:
                continue  # (附属第一医院: no place; 附属南京医院: no more than a place)
            same = [o for o in self.orgs.values() if o is not org and o.key == (codes[-1], rest)]
            if len(same) == 1:
                self.union(org.key, same[0].key)

    def merge_branch_plaques(self) -> None:
        """山西省人民医院岢岚分院 is 岢岚县人民医院: a branch named after its parent and a place, when
        the article names one other hospital in that place, is the plaque hung on that hospital."""
        for org in list(self.orgs.values()):
            if org.key not in self.orgs:
                continue
            if not org.label.endswith("分院"):
                self._merge_named_after_parent(org)
                continue
            if not org.adcode:
                continue
            # the place after the parent's name: 山西省人民医院|岢岚|分院
            word = re.split("医院|集团", org.label[:-2])[-1]
            within = [r.code for r in gazetteer().lookup(word) if gazetteer().is_within(r.code, org.adcode)]
            place = within[0] if len(within) == 1 else org.adcode
            if gazetteer().get(place).level != "county":
                continue  # placed no closer than its parent: which hospital it is, the name does not say
            here = [o for o in self.orgs.values()
                    if o is not org and o.adcode == place and o.type is EntityType.HOSPITAL
                    and not o.label.endswith(("分院", "院区"))
                    and not any(org.label.startswith(n) for n in o.aliases | {o.label})]
            if len(here) == 1:
                self.union(here[0].key, org.key)

    def _merge_named_after_parent(self, org: LocalOrg) -> None:
        """兰州大学第一医院景泰医院 is 景泰县人民医院: a hospital named after another of the article and
        a county, when the article names one other hospital in that county."""
        if not org.label.endswith("医院"):
            return
        parent = next((n for o in self.orgs.values() if o is not org for n in (o.label, *o.aliases)
                       if n.endswith("医院") and org.label.startswith(n)), None)
        if parent is None:
            return
        counties = [r for r in gazetteer().lookup(org.label[len(parent) : -2]) if r.level == "county"]
        if len(counties) != 1:
            return
        here = [o for o in self.orgs.values()
                if o is not org and o.adcode == counties[0].code and o.type is EntityType.HOSPITAL]
        if len(here) == 1:
            self.union(here[0].key, org.key)

    def merge_county_community(self) -> None:
        """The head and branches of a county medical community named by their role: 天台县人民医院医共体
        总院 is 天台县人民医院, 琼中县医共体总院 the county's one general hospital, and 天台县人民医院医共体
        平桥分院 the one township centre the article names in 平桥."""
        gaz = gazetteer()
        for org in list(self.orgs.values()):
            if org.key not in self.orgs or not org.key[0]:
                continue
            code, rest = org.key
            head = re.fullmatch(r"(.*?)医共体总(?:医)?院", rest)
            if head is not None:
                named = (code, head.group(1)) if head.group(1) else self._general_hospital(code)
                if named in self.orgs:
                    self.union(named, org.key)
                continue
            region = gaz.get(code)
            if rest == "分院" and region is not None and region.level == "township":
                centres = [o for o in self.orgs.values()
                           if o.adcode == code and o.type is EntityType.PRIMARY_CARE and o is not org]
                # (the township's 卫生院, not one of its village clinics: 杏树梁村卫生室)
                centres = [o for o in centres if "卫生院" in o.key[1]] or centres
                if len(centres) == 1:
                    self.union(centres[0].key, org.key)

    def _general_hospital(self, code: str) -> OrgKey | None:
        """The place's general hospital the article names: its 人民医院, else its one 中心医院 (第一人民医院,
        总医院)."""
        if (code, "人民医院") in self.orgs:
            return (code, "人民医院")
        general = [k for k in self.orgs if k[0] == code and k[1] in _GENERAL_HOSPITALS]
        return general[0] if len(general) == 1 else None

    def merge_spoken_forms(self) -> None:
        """市三医院 is 市第三人民医院 and 县医院 is 县人民医院 (or the place's 中心医院, when that is
        its one general hospital) when the article names just one such hospital in that place."""
        for org in list(self.orgs.values()):
            if org.key not in self.orgs or not org.key[0]:
                continue
            code, rest = org.key
            m = re.fullmatch(r"(第[一二三四五六七八九十]+)?医院", rest)
            if not m:
                continue
            # 静乐县中心医院 … 县医院: the place's one general hospital, whatever its name
            full = (code, m.group(1) + "人民医院") if m.group(1) else self._general_hospital(code)
            if full in self.orgs:
                self.union(full, org.key)

    def merge_shortened(self) -> None:
        """A name without a region that ends a longer name of the article is that organisation
        (协和江北医院 -> 华中科技大学协和江北医院, 第一师医院 -> 新疆生产建设兵团第一师医院)."""
        for org in list(self.orgs.values()):
            if org.key not in self.orgs:
                continue
            # a placed name too, when its region is the longer one's (保定医院 -> 北京儿童医院保定医院)
            longer = [o for o in self.orgs.values() if o is not org and _ends_longer_name(org, o)]
            if len(longer) == 1:
                self.union(longer[0].key, org.key)
        # 河北省燕郊人民医院 with 三河市燕郊人民医院: a name placed only by its province or city is the
        # article's organisation inside that region whose name, without regions, is the same
        gaz = gazetteer()
        for org in list(self.orgs.values()):
            code, rest = org.key
            region = gaz.get(code)
            if org.key not in self.orgs or region is None or region.level not in ("province", "city"):
                continue
            if _generic_rest(rest):
                continue  # 随州市疾病预防控制中心 is not 曾都区疾控中心
            inside = [
                o
                for o in self.orgs.values()
                if o is not org
                and o.key[0]
                and o.key[0] != code
                and gaz.is_within(o.key[0], code)
                and any(a.endswith(rest) and len(rest) >= 4 for a in o.aliases | {o.label})
            ]
            if len(inside) == 1:
                self.union(inside[0].key, org.key)

    def merge_abbreviations(self) -> None:
        """兰大一院 -> 兰州大学第一医院 when the article also gives the full name: the short name's
        characters appear in order in the full name, with the same ordinal."""
        for org in list(self.orgs.values()):
            if org.key not in self.orgs or org.key[0]:
                continue
            m = ABBREVIATION.fullmatch(org.label) or city_ordinal_pattern().fullmatch(org.label)
            if not m:
                continue
            ordinal = m.group(2)
            head = m.group(1).replace("附", "")
            fits = [
                o
                for o in self.orgs.values()
                if o is not org
                and any(
                    f"第{ordinal}" in name and _in_order(head, name.split(f"第{ordinal}")[0] + "大学医学院")
                    for name in o.aliases | {o.label}
                )
            ]
            if len(fits) == 1:
                self.union(fits[0].key, org.key)

    def roots(self) -> dict[OrgKey, LocalOrg]:
        return dict(self.orgs)

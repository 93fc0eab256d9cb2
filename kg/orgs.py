"""Organisation mentions: names anchored on an institution suffix, extended left over the name.

A name is found from its end: the suffix (医院, 卫生院, 疾控中心, 卫健委 …, see
``data/lexicon/org_suffixes.tsv``), then the words before it, right to left, while they can be part
of a name: regions (武汉市, 阳新县, 石佛寺), name parts (第一, 人民, 中医, 附属), proper names
(协和, 荣华街), nested institutions (华中科技大学 | 协和江北医院). A verb, a function word or a
common noun ends it. A bare level (市第一人民医院) marks a name whose region comes from context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache

from .lexicon import lexicon
from .model import EntityType
from .regions import CONJUNCTIONS, gazetteer
from .segment import pos_tag, words

__all__ = ["ANAPHORS", "OrgMention", "find_anaphors", "find_org_mentions", "parse_name", "said_short"]

ORDINAL = re.compile(r"第?[一二三四五六七八九十百零〇两\d]+(?:附属|人民|师)?")
_LEVELS = set("省市县区州旗盟镇乡")
# 自治区人民医院 in Xinjiang or Ningxia, 自治州人民医院 in Yanbian: the autonomous region's (or
# prefecture's) hospital, named by its level as 市第一人民医院 is
_AUTONOMOUS_LEVELS = {"自治区", "自治州"}
_NAMED_WHOLE = ("香港", "澳门", "台湾")  # regions whose everyday name is their full one
_FULL_REGION_ENDS = ("省", "市", "县", "区", "旗", "盟", "自治州")  # a place named whole, with its level
_PROPER_TAGS = {"ns", "nr", "nz", "nt", "j", "nrt", "nrfg", "ng"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_CHARS = re.compile(r"[\u3400-\u9fff\u30070-9A-Za-z“”\"]")  # (\u3007: 〇, as in 第九〇〇医院)
ANAPHORS = re.compile(r"(该院|我院|本院|该中心|该医院|院方|该所|该局|该委)")
_MAX_NAME = 32
_FUNCTION_CHARS = set(
    "的了着著过在与和是被把将从向对到为就都也还又并而且或让使经及下上其该这那各每所做作用给叫要会能可应需由原以于"
)  # (著: 着 as traditional texts write it, 跟著衛生所)
_DIRECTIONS = set("东西南北")
_COUNTING_CHARS = set("多个有各每全该这那几数些")
_NUMERALS = set("0123456789一二三四五六七八九十两几多数")
_COUNTED = re.compile(r"[\d一二三四五六七八九十两几多数]+(?:余|多)?[家个所名种批支县市区]")
_CONTEXT_ORDINAL = re.compile(r"^([省市县区])(第?[一二三四五六七八九十]+)(.*)$")
# 市立医院, 省立医院 with no place before them: the city's (province's) own, named in context
_COUNT_OF_HOSPITALS = re.compile(r"[两二三四五六七八九十]医院")
_CONTEXT_RUN_BY = re.compile(r"^([省市县区])立")


@dataclass(frozen=True, slots=True)
class OrgMention:
    """One organisation name as written, with what its parts say.

    ``regions`` are the codes of the divisions the name starts with, most general first;
    ``rest`` is the name after them (suffix in canonical form); ``context_level`` is the bare
    level (市, 区, 县, 省) a context-dependent name starts with.
    """

    start: int
    end: int
    surface: str
    type: EntityType
    regions: tuple[str, ...]
    rest: str
    pieces: tuple[str, ...] = ()  # the regions as written (石佛寺, 随州)
    context_level: str | None = None
    specific: bool = True
    heads: tuple[str, ...] = ()  # region codes implied by proper name heads (新疆生产建设兵团)
    former: bool = False  # preceded by 原 (a former affiliation)

    @property
    def is_alliance(self) -> bool:
        return self.type is EntityType.ALLIANCE


@cache
def _suffix_pattern() -> re.Pattern[str]:
    suffixes = sorted(lexicon().org_suffixes, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, suffixes)))


@cache
def _brands() -> frozenset[str]:
    """Proper names of well-known institutions without their suffix (协和, 同济, 湘雅 …), and the
    names of hospital groups and brands (和睦家, 京东方)."""
    found = set(lexicon().brands)
    for alias in lexicon().known_orgs:
        for suffix in ("医院", "二院", "三院", "一院", "附院"):
            if alias.endswith(suffix) and len(alias) > len(suffix) + 1:
                found.add(alias[: -len(suffix)])
    return frozenset(found)


# districts whose names are words for a kind of area (阳泉市郊区, 大同市矿区): places only after their city
_DISTRICTS_NAMED_BY_KIND = frozenset({"郊区", "城区", "矿区"})


def _region_word(piece: str) -> list:
    """Regions called ``piece``: any full name, or the short name of a province or prefecture.

    County short names (新建, 南华, 江汉) collide with ordinary words and other names, so they count
    only after their parent region (see :func:`parse_name`).
    """
    if piece in _DISTRICTS_NAMED_BY_KIND:
        return []  # 郊区医院 is a suburb's hospital; 阳泉市郊区 is read after its city
    return [
        r
        for r in gazetteer().lookup(piece)
        if r.name == piece or r.level in ("province", "city") or piece in gazetteer().lookup_full_names(r)
    ]


def _classify(tok: str, counties: tuple[str, ...]) -> str:
    lex = lexicon()
    if (
        tok in lex.org_suffixes
        or tok in lex.name_parts
        or ORDINAL.fullmatch(tok)
        or _QUOTED_NUMBER.fullmatch(tok)
    ):
        return "part"
    if len(tok) > 2 and tok[-1] == "病" and tok[:-1] in lex.name_parts:
        return "part"  # 心血管病医院: the field with 病, as 传染病医院 is
    if tok in lex.name_heads:  # (a head may stand for no place: 武警, 解放军)
        return "head"
    if tok in lex.partnership_verbs or tok in lex.dispatch_cues:
        # 桑植县人民医院共建专科联盟: the verb ends the alliance's name; so does one of sending or
        # serving (带教县医院医生)
        return "stop"
    if tok in lex.generic_words:
        return "generic"
    if _region_word(tok) or (counties and gazetteer().townships(tok, counties)):
        return "region"
    if tok in _brands() or tok.endswith(_ZONES):
        return "proper"  # (a brand's name; 前海蛇口自贸区, 平潭综合实验区: a zone a government set up)
    if (len(tok) == 1 and tok in _LEVELS) or tok in _AUTONOMOUS_LEVELS:
        return "level"
    if tok in lex.stop_words:
        return "stop"
    if not _CJK.search(tok):  # (〇, the zero of 第九〇〇医院, is a digit here)
        return "part" if tok.isdigit() or set(tok) <= {"〇"} else "stop"
    if len(tok) == 1:
        return "proper"
    if len(tok) in (3, 4) and tok[-1] == "任" and (tok[:1] in lex.surnames or tok[:2] in lex.surnames):
        return "stop"  # 王伟任, 郝振军任资阳市第一人民医院院长: jieba glues 任 (serve as) to the name
    if len(tok) == 2 and tok[1] in "村镇乡" and tok[0] in _COUNTING_CHARS:
        return "stop"  # 更 / 多村 / 卫生室, 120 / 个村: how many villages, not one named 多村
    tag = pos_tag(tok)
    if tag is None or tag in _PROPER_TAGS:
        if any(ch in _FUNCTION_CHARS for ch in tok) and not _ends_with_suffix(tok) \
                and not (len(tok) >= 3 and tok[-1] in "镇乡村" and tok[0] not in _FUNCTION_CHARS
                         and not tok.endswith("乡镇")):
            # (an institution jieba knows whole, 首都医科大学, is a name even with 都; so is a
            # township's name with its level: 七都镇)
            return "stop"
        return "proper"
    return "stop"


def parse_name(
    name: str, counties: Iterable[str] = (), boundaries: set[int] | None = None
) -> tuple[list[str], str, list[str], list[str]]:
    """Split a name into its leading regions and the rest: ``湖北省黄石市阳新县中医医院`` ->
    (["420000", "420200", "420222"], "中医医院", [], ["湖北省", "黄石市", "阳新县"]).

    Each region must lie inside the one before it; townships are recognised inside the county
    just parsed, or inside the ``counties`` given when the name starts with one. The third value
    holds the codes of proper name heads (新疆生产建设兵团 -> 650000); the fourth, the regions as written.
    """
    gaz = gazetteer()
    lex = lexicon()
    context = list(counties)
    codes: list[str] = []
    heads: list[str] = []
    pieces: list[str] = []
    i = 0
    while i < len(name):
        parent = gaz.get(codes[-1]) if codes else None
        if parent is not None and parent.level == "township":
            break
        hit: tuple[int, str, bool] | None = None
        for length in range(min(12, len(name) - i), 1, -1):
            if boundaries is not None and i + length not in boundaries:
                continue  # a region name must end where a word ends (汉中心 is not 汉中 + 心)
            piece = name[i : i + length]
            if not codes and not heads and lex.name_heads.get(piece):
                hit = (length, lex.name_heads[piece], True)
                break
            if parent is not None:
                cands = [
                    c
                    for c in gaz.lookup(piece)
                    if c.rank > parent.rank and gaz.is_within(c.code, parent.code)
                ]
            else:
                cands = _region_word(piece)
                if not cands and heads:  # 卫生福利部金门医院: a county's short name after a name's head
                    cands = [r for r in gaz.lookup(piece) if r.level == "county"]
            chosen = gaz.choose(cands, context) if cands else None
            if chosen is not None:
                hit = (length, chosen.code, False)
                break
            within = context if parent is None else ([parent.code] if parent.level == "county" else [])
            towns = gaz.townships(piece, within) if within else []
            if len(towns) == 1:
                hit = (length, towns[0].code, False)
                break
        if hit is None:
            break
        length, code, is_head = hit
        if is_head:
            heads.append(code)
        else:
            codes.append(code)
            pieces.append(name[i : i + length])
        i += length
    return codes, name[i:], heads, pieces


def _stretch_start(text: str, s: int) -> int:
    j = s
    while j > 0 and s - j < _MAX_NAME and _NAME_CHARS.match(text[j - 1]):
        j -= 1
    return j


_ZONES = ("自贸区", "新区", "开发区", "高新区", "保税区", "实验区", "试验区", "示范区", "合作区", "经开区")
_BRACKETED_CITY = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")
_QUOTED_NUMBER = re.compile(r"[“\"]\d{2,4}[”\"]")
_PLACE_WORDS = {"街道", "街", "镇", "乡", "村", "社区", "路"}
_NOT_PLACE_TAGS = {"v", "vd", "vn", "d", "p", "c", "ad", "t"}  # 现在镇卫生院: 现在 (now) is no place
_NOT_VILLAGE_TAGS = _NOT_PLACE_TAGS | {"b", "r", "m", "q"}  # 所有村, 各村: which villages, not one
_TOPICAL_SUFFIXES = ("研究中心", "研究所", "研究院", "协会", "学会", "基金会", "联盟", "专科联盟", "医疗联盟")


def _split_glued_levels(toks: list[str]) -> list[str]:
    """[市中心] -> [市, 中心]: jieba reads 市中心 (downtown) in 市中心医院, a level and a name part;
    [至县] -> [至, 县]: a word before a level glued to it."""
    parts = lexicon().name_parts
    out: list[str] = []
    stops = lexicon().stop_words
    for tok in toks:
        if len(tok) >= 3 and tok[0] in "省市县区" and tok[1:] in parts:
            out.extend((tok[0], tok[1:]))
        elif len(tok) == 2 and tok[1] in "省市县区州" and tok[0] in stops and not _region_word(tok):
            out.extend((tok[0], tok[1]))  # 转运 / 至县 / 医院: 至 and the level of 县医院 (not 台州)
        elif len(tok) >= 3 and tok[-1] in "省市县区" and tok[:-1] in lexicon().dispatch_cues:
            out.extend((tok[:-1], tok[-1]))  # 带教县 / 医院: the verb of 带教 and the level of 县医院
        elif (len(tok) >= 2 and tok[0] == "任" and out and out[-1] in ("原", "曾", "现", "历")
              and pos_tag(tok) in ("nr", "nrfg", "nrt", None)):  # (not 任职, 任教: verbs of their own)
            out.extend((tok[0], tok[1:]))  # 原 / 任国立 / 台湾大学…: 原任 (formerly served at), then the name
        else:
            out.append(tok)
    return out


def _join_runs(toks: list[str], longest: int, joins: Callable[[list[str]], bool]) -> list[str]:
    """The tokens with each run of at most ``longest`` of them that ``joins`` accepts made one (the
    longest run first, from the left)."""
    out: list[str] = []
    k = 0
    while k < len(toks):
        m = next((m for m in range(min(len(toks), k + longest), k + 1, -1) if joins(toks[k:m])), None)
        out.append("".join(toks[k:m]) if m else toks[k])
        k = m or k + 1
    return out


def _join_brands(toks: list[str]) -> list[str]:
    """[美中宜, 和, 妇儿] -> [美中宜和, 妇儿]: a brand the tokenizer cut (or glued a neighbour to) is one
    word of the name."""
    brands = lexicon().brands
    if not brands or not any(t[:1] in _brand_initials() for t in toks):
        return toks
    return _join_runs(toks, 4, lambda run: "".join(run) in brands)


def _join_townships(toks: list[str], counties: tuple[str, ...]) -> list[str]:
    """[八, 都, 分院] -> [八都, 分院]: a township of the article's counties that the tokenizer cut into
    a number and a function word (龙泉市人民医院八都分院)."""
    if not counties:
        return toks
    stops = lexicon().stop_words
    if not any(len(t) == 1 and t not in _LEVELS and t not in stops and _CJK.match(t) for t in toks):
        return toks  # (only a cut word has a piece of one character, not a level or a word of its own)

    def cut_township(run: list[str]) -> bool:
        piece = "".join(run)
        return (len(piece) <= 4 and any(len(t) == 1 for t in run) and all(len(t) <= 2 for t in run)
                and bool(gazetteer().townships(piece, counties)))

    return _join_runs(toks, 3, cut_township)


@cache
def _brand_initials() -> frozenset[str]:
    return frozenset(b[0] for b in lexicon().brands)


def _join_quoted_numbers(toks: list[str]) -> list[str]:
    """[“, 120, ”] -> [“120”]: a quoted number inside a name (市“120”急救中心)."""
    out: list[str] = []
    for tok in toks:
        if tok in '”"' and len(out) >= 2 and out[-1].isdigit() and out[-2] in '“"':
            number = out.pop()
            out[-1] = out[-1] + number + tok
            continue
        out.append(tok)
    return out


def _ends_with_suffix(text: str) -> bool:
    """Whether ``text`` ends with an institution suffix (大学, 医疗中心 …): on every name's tokens."""
    return _suffix_at_end().search(text) is not None


@cache
def _suffix_at_end() -> re.Pattern[str]:
    return re.compile("(?:" + _suffix_pattern().pattern + ")$")


def _left_edge(text: str, s: int, counties: tuple[str, ...]) -> tuple[int, list[tuple[str, str]]]:
    """Start of the name ending with the suffix at ``s``, and its tokens with their classes."""
    city = _BRACKETED_CITY.search(text, max(0, s - 8), s) if text.startswith("医院", s) else None
    if city is not None and city.end() == s and _region_word(city.group(1)):
        # 树兰（杭州）医院: a brand's hospital with its city in brackets, one name
        start, kept = _left_edge(text, city.start(), counties)
        if kept and kept[-1][1] == "proper":
            return start, [*kept, (city.group(), "part")]
    j = _stretch_start(text, s)
    if j == s:
        return s, []
    toks = _split_glued_levels(_join_quoted_numbers(words(text[j:s])))
    toks = _join_townships(_join_brands(toks), counties)
    at, following = j, None
    for k, tok in enumerate(toks):
        # 詹雨薇随县医院医共体巡诊队来到…: 随 (with) and the 县 of 县医院, unless a place comes first
        # (湖北随县) or nothing does (随县人民医院开展义诊); so for each county whose name opens with a
        # word that joins (和县, as the gazetteer reads them in running text)
        if len(tok) == 2 and tok[0] in CONJUNCTIONS and tok[1] == "县" and at > 0 \
                and _CJK.match(text[at - 1]) and text[at - 1] not in _LEVELS \
                and not (k and _region_word(toks[k - 1])):
            toks[k : k + 1] = [tok[0], "县"]
            following = k
            break
        at += len(tok)
    kept: list[tuple[str, str]] = []
    classes = [_classify(tok, counties) for tok in toks]
    if following is not None:
        classes[following] = "stop"
    for k in range(len(toks) - 1):
        # the word before 街道/镇/乡/村/社区 is a place name (温泉街道, 韩家墩街)
        if (classes[k] == "stop" and toks[k + 1] in _PLACE_WORDS and toks[k] not in lexicon().stop_words
                and pos_tag(toks[k]) not in _NOT_VILLAGE_TAGS and toks[k] not in lexicon().lead_cues):
            classes[k] = "proper"  # (实现街道…, 指导镇卫生院医生: a verb, not a place)
        # 牛角 / 山村 / 卫生室: jieba reads the village's last character with 村 (山村, a word); a noun
        # before it is the village's name
        elif (classes[k] == "stop" and len(toks[k + 1]) == 2 and toks[k + 1][-1] in "村镇乡"
              and pos_tag(toks[k]) in ("n", "ns", "nz") and toks[k] not in lexicon().stop_words
              and toks[k] not in lexicon().generic_words
              and all(c == "part" for c in classes[k + 2 :])):
            classes[k] = "proper"
    for k in range(1, len(toks)):
        # 天津市环湖医院, 十堰市太和医院, 北京世纪坛医院, 北京老年医院: a noun or a field between a place
        # and the name's kind (and its parts) is the name's own word
        if (classes[k] == "stop" and classes[k - 1] == "region" and all(c == "part" for c in classes[k + 1 :])
                and 2 <= len(toks[k]) <= 3 and toks[k] not in lexicon().stop_words
                and (pos_tag(toks[k]) in ("n", "nz") or toks[k] in lexicon().specialties)):
            classes[k] = "proper"
    for k in range(1, len(toks) - 1):
        # 中国人民解放军西部战区总医院: after a name's head, nouns and words of direction before the
        # name's kind are its own
        if classes[k - 1] == "head" and classes[k] == "stop" and pos_tag(toks[k]) in ("n", "f", "nz") \
                and all(c in ("stop", "part") for c in classes[k + 1 :]):
            rest = range(k, next((i for i in range(k, len(toks)) if classes[i] == "part"), len(toks)))
            if len(rest) <= 2 and all(pos_tag(toks[i]) in ("n", "f", "nz") for i in rest):
                for i in rest:
                    classes[i] = "proper"
    for k in range(1, len(toks) - 1):
        # 河北北方学院: a word of direction between a place and the name's kind is part of the name
        if classes[k] == "stop" and classes[k - 1] == "region" and classes[k + 1] == "part" \
                and pos_tag(toks[k]) == "f":
            classes[k] = "proper"
    for k, tok in enumerate(toks):
        # 社会办医院, 访锦州医科大学附属第一医院, 自厦门长庚医院: a verb, preposition, adverb or conjunction
        # of one character opening the stretch (or after a word that is no name) is not a name's first
        # word, unlike 立 of 青岛市立医院
        if len(tok) == 1 and classes[k] == "proper" and (k == 0 or classes[k - 1] == "stop") \
                and pos_tag(tok) in ("v", "p", "d", "c", "r"):
            classes[k] = "stop"
    for k, tok in enumerate(toks):
        # 深圳市前海蛇口自贸区医院 (jieba: 前 / 海蛇 / 口 / 自贸区): between a place and a zone, the zone's
        # own name
        if tok.endswith(_ZONES) and k > 1:
            opened = next((j for j in range(k - 1, -1, -1) if classes[j] == "region"), None)
            between = toks[opened + 1 : k] if opened is not None else []
            if between and len("".join(between)) <= 6 and all(
                    _CJK.match(t) and not any(ch in _FUNCTION_CHARS for ch in t) for t in between):
                classes[opened + 1 : k] = ["proper"] * len(between)
    for k in range(1, len(toks)):
        if toks[k] in _DISTRICTS_NAMED_BY_KIND and classes[k - 1] == "region":
            classes[k] = "region"  # 阳泉市郊区人民医院: after its city, 郊区 is the district
    for k in range(1, len(toks)):
        # 卫生福利部金门医院: after a name's head, a county's short name is that place
        if classes[k - 1] == "head" and classes[k] == "stop" and any(
                r.level == "county" for r in gazetteer().lookup(toks[k])):
            classes[k] = "region"
    if text.startswith(_TOPICAL_SUFFIXES, s):
        # research centres, societies and alliances are named by their field: 卫生发展研究中心,
        # 社区卫生协会, 胸痛专科联盟
        n = len(toks)
        for k in range(n - 1, max(-1, n - 5), -1):
            field_word = toks[k] in lexicon().specialties and classes[k] in ("stop", "proper")
            # (a field may be qualified: 严重创伤救治联盟, 危重孕产妇救治联盟)
            qualified = pos_tag(toks[k]) in ("a", "b") and k < n - 1 and classes[k + 1] == "part"
            if field_word or (classes[k] == "stop" and (pos_tag(toks[k]) in ("n", "vn") or qualified)):
                classes[k] = "part"
            elif classes[k] == "stop":
                break
    for k in range(len(toks) - 1, -1, -1):
        tok, cls = toks[k], classes[k]
        if kept and kept[-1][1] in ("proper", "head", "region") and _ends_with_suffix("".join(toks[: k + 1])):
            left = classes[: k + 1]
            opened = next((j for j in range(len(left) - 1, -1, -1) if left[j] == "stop"), -1)
            if not any(c in ("region", "proper", "head", "level") for c in left[opened + 1 :]):
                break  # 国家区域医疗中心复旦大学…: a designation ending in 中心 before the name
            if kept[-1][0] in lexicon().brands:
                break  # 上海台资医院禾新医院: a description, then the brand's hospital
        if cls == "stop" and not kept[1:] and (
                (k > 0 and toks[k - 1] == "附属")
                or (k > 1 and toks[k - 2] == "附属" and classes[k - 1] == "region")):
            # 三峡大学附属仁和医院, 长治医学院附属和平医院, 青岛大学附属烟台毓璜顶医院: the hospital's own
            # name after 附属 (and its city)
            cls = "proper"
        if cls == "stop":
            if len(tok) >= 2 and tok[-1] in _LEVELS and tok[-2] in _FUNCTION_CHARS:
                kept.append((tok[-1], "level"))  # 及市卫生健康委: jieba glued 及 to the level
            break
        if tok in ("“", "”", '"') and not kept:
            break
        if (cls == "proper" and kept and kept[-1][1] == "region"
                and (kept[-1][0].endswith(_FULL_REGION_ENDS) or kept[-1][0] in _NAMED_WHOLE)
                and (len(tok) > 1 or pos_tag(tok) in _NOT_PLACE_TAGS or kept[-1][0] in _NAMED_WHOLE)
                and tok not in _brands() and not _ends_with_suffix(tok)):
            # 扎根化德县医院, 使皮山县人民医院: a word before a place's full name is not its name (扎根
            # is no place; nor is 使, a verb of one character); 营运方澳门协和医院: nor 方 before 澳门
            break
        kept.append((tok, cls))
        if cls == "level" and (k == 0 or classes[k - 1] not in ("proper", "region", "head")) and (
            k == 0 or toks[k - 1] != "附属"
        ):
            break  # a bare 市/区/县 opens a context-dependent name (市第一人民医院), unless 附属省立医院
    kept.reverse()
    # a name does not open with a bare 医院 or 中心 (受援医院单县中心医院: 受援医院 is a description)
    while len(kept) > 1 and kept[0][0] in lexicon().org_suffixes and kept[1][1] in ("region", "level"):
        kept.pop(0)
    # a quote may open the name only if it closes inside it (市“120”急救中心)
    while kept and kept[0][0] in '“”"':
        kept.pop(0)
    # digits before a place are another field (电话：0851-86832057贵州省卫生健康委员会), unlike 301医院
    while len(kept) > 1 and kept[0][0].isdigit() and kept[1][1] in ("region", "head"):
        kept.pop(0)
    # leading generic words are not part of the name (三甲医院 stays generic; 全国 is dropped)
    start = s - sum(len(t) for t, _ in kept)
    return start, kept


def find_org_mentions(text: str, counties: Iterable[str] = ()) -> list[OrgMention]:
    """All organisation names in ``text``, generic ones flagged ``specific=False``.

    ``counties`` are county codes the article is about, used to recognise township names (荣华街).
    """
    counties = tuple(counties)
    lex = lexicon()
    found: list[OrgMention] = []
    for m in _suffix_pattern().finditer(text):
        s, e = m.span()
        suffix = m.group()
        if suffix.endswith(("大学", "学院")) and text[e : e + 1] in ("生", "派", "路", "街", "城"):
            continue
        if suffix in ("联盟",) and not text[max(0, s - 2) : s]:
            continue
        if suffix.startswith("分") and s > 0 and _word_across(text, s):
            continue  # 江西省中医院部分院内制剂: 部分 (some), not a 分院
        if suffix == "医院" and text.endswith("医院", 0, s):
            continue  # 屯门医院医院行政总监: a post after the name (医院行政总监), not a 医院医院
        start, toks = _left_edge(text, s, counties)
        if toks and toks[0][0][0] == "原" and len(toks[0][0]) > 1 and toks[0][1] != "region":
            # (原阳县 is a county, not 原 + 阳县)
            # 原江苏省人民医院: 原 (former) is not part of the name
            first = toks[0][0][1:]
            if first in lex.stop_words or pos_tag(first) in _NOT_PLACE_TAGS:
                start += len(toks[0][0])  # 原任国立台湾大学医学院附设医院: 原任 (formerly served at)
                toks = toks[1:]
            else:
                toks[0] = (first, _classify(first, counties))
                start += 1
        surface = text[start:e]
        classes = [c for _, c in toks]
        etype, canonical_suffix = lex.org_suffixes[suffix]
        if etype is EntityType.ALLIANCE:
            specific = any(c in ("region", "head", "level") for c in classes)
            if text[max(0, start - 1) : start] in ("与", "和", "同"):
                specific = False  # A与B医联体签约: the alliance of the two, not one named B医联体
        else:
            specific = any(c in ("region", "proper", "head", "level") for c in classes)
        if toks and all(t in lex.specialties or c == "part" for t, c in toks):
            specific = False  # 卒中防治中心, 胸痛中心: a field's centre inside a hospital, not which one
        level = toks[0][0] if toks and toks[0][1] == "level" else None
        if level and len(classes) > 1 and classes[1] == "generic":
            specific = False  # 区县级医院
        if etype is not EntityType.ALLIANCE and "generic" in classes and (all(
            c in ("region", "generic") or (c == "proper" and gazetteer().lookup(t)) for t, c in toks
        ) or not any(c in ("region", "head", "level") for c in classes)):
            # 紫金乡镇卫生院, 石家庄市三甲医院: a kind of institution of the place; 创成三级乙等综合医院:
            # a kind, after a verb jieba does not know
            specific = False
        body = surface[: len(surface) - len(suffix)]
        if body in _DIRECTIONS and start > 0 and _CJK.match(text[start - 1]):
            specific = False  # 新界西医院联网: a direction cut from a longer name is no name of its own
        if body.endswith("区县"):
            specific = False  # 粤东山区县医院: the hospitals of (mountain) districts and counties
        ordinal = _CONTEXT_ORDINAL.match(body)
        if not level and ordinal and toks[0][1] not in ("region", "head"):
            level = ordinal.group(1)  # 市四医院
            specific = True
        run_by = _CONTEXT_RUN_BY.match(body)
        if not level and run_by and toks[0][1] not in ("region", "head"):
            level = run_by.group(1)  # 市立医院: the level stays in the name (青岛 + 市立医院)
            specific = True
        former = start > 0 and text[start - 1] == "原"
        if suffix == "分院" and surface[: -len(suffix)].endswith(("医院", "总院")):
            specific = False  # 南丰县医共体总医院分院建设: the head hospital's branches, not one of them
        counted = start >= 2 and text[start - 1] in "家个所名种批支" and text[start - 2] in _NUMERALS
        counted_list = _COUNTED_TAIL.search(text, max(0, start - 6), start) if counted else None
        if counted or _COUNTED.search(surface):
            specific = False  # 12家镇卫生院, 5个专科联盟
        if level:
            kept_level = 0 if run_by and run_by.group(1) == level else len(level)
            codes, rest, heads, pieces = [], surface[kept_level : -len(suffix)] + canonical_suffix, [], []
        else:
            bounds, pos = set(), 0
            for tok, _ in toks:
                pos += len(tok)
                bounds.add(pos)
            codes, rest, heads, pieces = parse_name(body, counties, bounds)
            if rest.startswith("立") and pieces and pieces[-1][-1] in "省市县区":
                # 青岛市立医院, 福建省立医院: the level belongs to 市立/省立, after the place's short name
                rest, pieces = pieces[-1][-1] + rest, [*pieces[:-1], pieces[-1][:-1]]
            rest = rest + canonical_suffix
            branch_place = re.split("医院|集团", body)[-1]
            if not heads and branch_place and branch_place != body:
                # 复旦大学附属儿科医院安徽医院, 南京鼓楼医院集团宿迁医院: a branch is where its name
                # says after its parent's 医院 or 集团, not where the parent is
                chosen = gazetteer().choose(_region_word(branch_place), counties)
                if chosen is not None and not (codes and gazetteer().is_within(chosen.code, codes[-1])):
                    if codes:  # the whole name stays the name; the place after the parent places it
                        codes, pieces, rest = [], [], body + canonical_suffix
                    heads = [chosen.code]
        if etype is EntityType.HOSPITAL and ("社区医院" in surface):
            etype = EntityType.PRIMARY_CARE
        if "妇幼保健" in surface:
            etype = EntityType.PUBLIC_HEALTH
        if codes and _COUNT_OF_HOSPITALS.fullmatch(rest) and gazetteer().get(codes[-1]).level == "province":
            specific = False  # 澳门三医院首批加盟: three of Macau's hospitals, not one named so
        rest = _normalise_rest(re.sub(r"[“”\"]", "", rest))
        if not specific and counted_list is not None:
            if not any(t for t, c in toks if c == "generic"):
                # 高昌区、鄯善县、托克逊县三家县级医院: a kind (县级), not each place's named hospital
                found.extend(_listed(text, start, e, rest, etype, counties))
            continue
        found.append(
            OrgMention(
                start,
                e,
                surface,
                etype,
                tuple(codes),
                rest,
                tuple(pieces),
                level,
                specific,
                tuple(heads),
                former,
            )
        )
    # 明年起仁伯爵综合医院 (jieba: 起仁 / 伯爵): a character glued before a well-known name is not part of it
    found = [_without_glued_head(m) for m in found]
    # 西南医科大学附属医院儿科专科联盟: an alliance named after an institution is that one's, a specific
    # one (A与B医联体 stays the alliance of the two)
    named_from = {m.start for m in found if m.specific and not m.is_alliance}
    found = [replace(m, specific=True) if m.is_alliance and not m.specific and m.start in named_from
             and text[max(0, m.start - 1) : m.start] not in ("与", "和", "同") else m for m in found]
    # 一师医院, 十四师医院: a division of 新疆生产建设兵团 and its hospital (第一师医院); 师医院 alone is
    # a kind
    divisions = [OrgMention(m.start(), m.end(), m.group(), EntityType.HOSPITAL, (), f"第{m.group(2)}师医院")
                 for m in _DIVISION_HOSPITAL.finditer(text)]
    # (新疆生产建设兵团第一师医院 is read whole already; 挂任三师医院 is not)
    divisions = [d for d in divisions
                 if not any(m.start < d.start and d.end <= m.end and m.specific and (m.regions or m.heads)
                            for m in found)]
    found = [m for m in found if m.rest != "师医院" and not any(
        d.start <= m.start < d.end or d.start < m.end <= d.end for d in divisions)] + divisions
    known = _known_mentions(text, found)
    if known:  # 中日联谊医院 is one name, not 中日 and a 联谊医院
        found = [m for m in found if not any(
            k.start <= m.start and m.end <= k.end and k.end - k.start > m.end - m.start for k in known)]

    found.extend(known)
    return sorted(found, key=lambda m: (m.start, -m.end))


def _without_glued_head(m: OrgMention) -> OrgMention:
    if m.regions or m.heads or m.surface in lexicon().known_orgs:
        return m
    for cut in (1, 2):
        rest = m.surface[cut:]
        if rest in lexicon().known_orgs and m.surface[:cut] in lexicon().stop_words:
            return OrgMention(m.start + cut, m.end, rest, m.type, (), rest)
    return m


ABBREVIATION = re.compile(  # 兰大一院, 郑大一附院, 中国医大四院; 福医大附一 (附 and the number, no 院)
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,4}?(?:医大|大|医)附?)([一二三四五六七八九十])"
    r"(?:附?院|(?<=附[一二三四五六七八九十])(?![院医]))"
)
_COUNTED_TAIL = re.compile(r"[\d一二三四五六七八九十两]+[家所个]$")
_LIST_SEPARATORS = ("、", "和", "及", "与", "，")


def _listed(text: str, start: int, end: int, rest: str, etype: EntityType, counties) -> list[OrgMention]:
    """和政县、临夏县、康乐县3家人民医院: one mention per region listed before the count."""
    j = start - 1  # before the classifier 家
    while j > 0 and text[j - 1] in _NUMERALS:
        j -= 1
    names: list[tuple[int, int, str]] = []
    pos = j
    gaz = gazetteer()
    while pos > 0:
        hit = None
        for length in range(min(12, pos), 1, -1):
            piece = text[pos - length : pos]
            regions = [r for r in gaz.lookup(piece, full_only=True)]
            if regions:
                hit = (pos - length, pos, regions)
                break
        if hit is None:
            break
        names.append(hit)
        pos = hit[0]
        if pos > 0 and text[pos - 1] in _LIST_SEPARATORS:
            pos -= 1
        else:
            break
    if len(names) < 2:
        return []
    out = []
    context = list(counties)
    for s0, e0, regions in reversed(names):
        region = gaz.choose(regions, context) or regions[0]
        out.append(OrgMention(s0, end, text[s0:e0] + rest, etype, (region.code,), rest, (text[s0:e0],)))
    return out


@cache
def _known_pattern() -> re.Pattern[str] | None:
    aliases = sorted(lexicon().known_orgs, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, aliases))) if aliases else None


def _word_across(text: str, s: int) -> bool:
    """Whether jieba reads a word that runs across ``s`` (部分|院内: 部分 crosses 分院's start)."""
    lo = max(0, s - 3)
    pos = lo
    for tok in words(text[lo : s + 3]):
        if pos < s < pos + len(tok):
            return True
        pos += len(tok)
    return False


def _leading_words(head: str) -> int:
    """How many characters before an abbreviation's head are words of the sentence, not of the name
    (依托郑大一附院, 由哈医大二院牵头: 依托 and 由)."""
    cut = 0
    for tok in words(head)[:-1]:
        # (用好南大一附院的技术资源: 好 completes the verb before it)
        sentence_word = pos_tag(tok) in _NOT_PLACE_TAGS or tok in lexicon().stop_words
        if not sentence_word and not (cut and tok == "好"):
            break
        cut += len(tok)
    return cut


@cache
def city_ordinal_pattern() -> re.Pattern[str]:
    """A prefecture-level city's short name, a number and 院 (深圳二院, 苏州九院): how local news
    names the city's numbered hospitals; groups: the city, the number. Resolved against the full
    name the article gives (:meth:`kg.localorgs.OrgTable.merge_abbreviations`)."""
    shorts = {s for r in gazetteer().by_code.values() if r.level == "city" for s in r.shorts if len(s) >= 2}
    alternation = "|".join(map(re.escape, sorted(shorts, key=len, reverse=True)))
    return re.compile("(" + alternation + ")([一二三四五六七八九十])院(?!区|长)")


@cache
def _abbreviation_heads() -> frozenset[str]:
    """The heads of the well-known abbreviations (吉大 of 吉大一院, 哈医大 of 哈医大二院): an
    abbreviation of the same university's other hospitals (吉大三院) starts there."""
    return frozenset(m.group(1) for alias in lexicon().known_orgs if (m := ABBREVIATION.fullmatch(alias)))


def _abbreviation_start(head: str) -> int:
    """Where the abbreviation starts in ``head`` (the text matched before its number): at the
    longest well-known head that ends it (经吉大, 这是哈医大: jieba glues the words before it to
    the name), else after the words of the sentence (:func:`_leading_words`)."""
    for k in range(len(head) - 1):
        if head[k:] in _abbreviation_heads():
            return k
    if len(head) >= 3 and head[0] in _PREPOSITIONS:
        return 1 + _leading_words(head[1:])  # 由赣医一附院派出专家 (jieba: 由赣医 / 一 / 附院)
    return _leading_words(head)


_PREPOSITIONS = "由经在与对向从自把被将为是让及据"  # one-character words jieba may glue to a name after them


def _known_mentions(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """Well-known short names without an institution suffix (兰大一院, 浙医一院, 北大人民医院)."""
    pattern = _known_pattern()
    if pattern is None:
        return []
    spans = [(m.start, m.end) for m in found if m.specific]
    out = []
    abbreviations = set()
    for m in ABBREVIATION.finditer(text):  # 兰大二院, 中国医大四院, 郑大一附院: resolved against full names
        s, e = m.start() + _abbreviation_start(m.group(1)), m.end()
        surface = text[s:e]
        if not any(a <= s and e <= b for a, b in spans) and surface not in lexicon().known_orgs:
            out.append(OrgMention(s, e, surface, EntityType.HOSPITAL, (), surface))
            spans.append((s, e))
            abbreviations.add(surface)
    for surface in sorted(abbreviations, key=len, reverse=True):
        # the same abbreviation again, inside a clause (首批团队由包医一附院心血管内科副主任医师…)
        s = text.find(surface)
        while s >= 0:
            e = s + len(surface)
            if not any(a < e and s < b for a, b in spans):
                out.append(OrgMention(s, e, surface, EntityType.HOSPITAL, (), surface))
                spans.append((s, e))
            s = text.find(surface, e)
    for m in _PEOPLES_SHORT.finditer(text):  # 省人医, 江苏省人医: a place's 人民医院 said short
        level = 1 if m.group(1) else 2
        s, e = m.start(level), m.end()
        if any(a <= s < b or a < e <= b for a, b in spans):
            continue
        start, codes = _place_before(text, m.end(level))
        if codes:
            out.append(OrgMention(start, e, text[start:e], EntityType.HOSPITAL, codes, "人民医院",
                                  (text[start : m.end(level)],)))
        else:
            out.append(OrgMention(s, e, m.group(), EntityType.HOSPITAL, (), "人民医院",
                                  context_level=m.group(level)))
        spans.append((start if codes else s, e))
    for m in _LEVEL_ORDINAL.finditer(text):  # 省六院, 市一院: the Nth hospital of the province, city, county
        s, e = m.start(1), m.end()
        if not any(a <= s < b or a < e <= b for a, b in spans):
            out.append(OrgMention(s, e, m.group()[m.start(1) - m.start():], EntityType.HOSPITAL, (),
                                  _numbered_kind(text, m.group(2)), context_level=m.group(1)))
            spans.append((s, e))
    for m in city_ordinal_pattern().finditer(text):  # 深圳二院, 厦门一院: a city's Nth hospital
        s, e = m.span()
        if not any(a <= s < b or a < e <= b for a, b in spans) and m.group() not in lexicon().known_orgs:
            out.append(OrgMention(s, e, m.group(), EntityType.HOSPITAL, (), m.group()))
            spans.append((s, e))
    for m in pattern.finditer(text):
        s, e = m.span()
        if any(a <= s and e <= b for a, b in spans):
            continue
        full = next((k.name for k in lexicon().known_orgs[m.group()]
                     if k.name.endswith(m.group()) and text.endswith(k.name[: -len(m.group())], 0, s)
                     and k.name != m.group()), None)
        if full is not None:  # 吉林大学中日联谊医院: the well-known name written in full
            out.append(OrgMention(e - len(full), e, full, EntityType.HOSPITAL, (), full))
            continue
        start, codes = _region_before(text, s, m.group())
        pieces = (text[start:s],) if codes else ()
        out.append(OrgMention(start, e, text[start:e], EntityType.HOSPITAL, codes, m.group(), pieces))
    return out


_DIVISION_HOSPITAL = re.compile(r"(第?)([一二三四五六七八九十]{1,3})师医院")


# 省人医, 市人医 (not 病人医疗, 老人医保, 工人医院); 省医, as Guangdong says its 省人民医院 (not 省医保局,
# 省医学会, 由省医院, 广东省医科大学)
_PEOPLES_SHORT = re.compile(
    r"([省市县区州])人医(?![疗保务生学院])|(?<![\u4e00-\u9fff])(省)医(?![疗保务生学院科药师护大改养])"
)


def said_short(surface: str) -> bool:
    """Whether a name with a bare level is one of the short forms above (省人医, 市一院), which the
    article's institution of that level named in full stands behind wherever the story is."""
    return bool(_PEOPLES_SHORT.fullmatch(surface) or _LEVEL_ORDINAL.fullmatch(surface))


# 省六院, 市一院, 县二院 (not 深圳市一院区, 市二院长): a place's Nth hospital, said with its level only,
# after no word or after a preposition or a verb of going (到市一院; not inside a word: 城市一院)
_LEVEL_ORDINAL = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[" + _PREPOSITIONS + "到赴和]))"
    r"([省市县区])([一二三四五六七八九十])院(?![区长士内外办])"
)


def _numbered_kind(text: str, ordinal: str) -> str:
    """The kind the article calls its Nth hospital in full (第六人民医院, 第一医院), else 第N人民医院."""
    m = re.search(f"第{ordinal}(人民|中心|中医)?医院", text)
    return m.group() if m else f"第{ordinal}人民医院"


def _place_before(text: str, s: int) -> tuple[int, tuple[str, ...]]:
    """The longest name of a place ending at ``s`` with its level (甘肃省, 扬州市): its start and codes;
    else ``(s, ())``."""
    for length in range(min(s, 8), 1, -1):
        codes, rest, _heads, _pieces = parse_name(text[s - length : s])
        if codes and not rest and text[s - 1] in _LEVELS:
            return s - length, tuple(codes)
    return s, ()


def _region_before(text: str, s: int, alias: str) -> tuple[int, tuple[str, ...]]:
    """香港威尔斯亲王医院: the place written right before a well-known name, when it is where that
    institution is (the name then includes it); else ``(s, ())``."""
    gaz = gazetteer()
    for length in (4, 3, 2):
        if s - length < 0:
            continue
        codes, rest, _heads, _pieces = parse_name(text[s - length : s])
        if codes and not rest and any(
            gaz.is_within(k.adcode, codes[-1]) or gaz.is_within(codes[-1], k.adcode)
            for k in lexicon().known_orgs[alias]
        ):
            return s - length, (codes[-1],)
    return s, ()


_ORDINAL_HOSPITAL = re.compile(r"^([一二三四五六七八九十]+)(医院|人民医院|中医医院)$")


def _normalise_rest(rest: str) -> str:
    """``四医院`` -> ``第四医院`` (the 第 is dropped in speech: 市四医院 is 市第四医院)."""
    m = _ORDINAL_HOSPITAL.match(rest)
    if m:
        return "第" + rest
    return rest


def find_anaphors(text: str) -> list[tuple[int, int]]:
    """Spans of 该院, 我院, 本院 and the like: they refer to the institution the passage is about."""
    return [m.span() for m in ANAPHORS.finditer(text)]

"""Person mentions: named experts, clinicians and officials, found next to their titles.

News names an expert with a title right before the name (副院长张国芬, 主任医师田黎明) or right after
it (舒磊教授); several names can share one title (院士付小兵、蒋建新). Reporters, editors and
photographers (记者王松, 通讯员何娇) and patients (张先生, 古丽(化名)) are left out: a byline cue
before the name or a patient cue after it vetoes the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .lexicon import lexicon
from .regions import gazetteer
from .segment import LIST_ITEM, pos_tag, table_cells, word_frequency, words

__all__ = ["SPEECH_VERBS", "PersonMention", "find_persons"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
# what may follow a name directly: punctuation, or a word that starts the rest of the clause
# words of when: they end a name (蔡明哲上月已率) and are no given name (专家于去年12月到岗)
_TIME_WORDS = ("去年", "今年", "明年", "上月", "本月", "下月", "当天", "当日", "今天", "昨天", "明天", "昨日",
               "次日", "近日", "日前", "月底", "年底", "年初")
_AFTER_NAME = [
    "说",
    "表示",
    "介绍",
    "指出",
    "认为",
    "强调",
    "称",
    "告诉",
    "坦言",
    "感慨",
    "回忆",
    "解释",
    "提醒",
    "建议",
    "透露",
    "谈到",
    "作",
    "所说",
    "所在",
    "等",
    "一行",
    "带队",
    "带领",
    "主刀",  # 主任蒋天福主刀: the work a clinician does, right after the name
    "驻点",
    "常驻",  # 柯子谦常驻龙川县人民医院
    "自",  # 邝启铭自协议签署起便挂任…
    "当即",
    "同批",
    "现任",
    "扎根",
    "坐诊",
    "查房",
    "会诊",
    "领衔",
    "到",  # 桑文哲到高唐县人民医院后发现…
    "来到",
    "赴",
    "随队",
    "率",
    "率领",
    "团队",
    "为",
    "在",
    "的",
    "和",
    "与",
    "及",
    "是",
    "也",
    "又",  # 马文涛又被选派到…
    "除",  # 温雅楠除在县医院查房外
    "来自",  # 蔡佩绮来自高雄长庚纪念医院 (jieba: 蔡佩 / 绮 / 来自)
    "过去",  # 黄士维过去是高医附院心脏科医师 (formerly)
    "刚刚",  # 黎桐新刚刚完成一例手术 (jieba: 黎桐 / 新 / 刚刚)
    "还",
    "就",
    "都",
    "对",
    "向",
    "从",
    "被",
    "将",
    "把",
    "已",
    "曾",
    "于",
    "以",
    "亲自",
    "亲临",
    "立即",
    "马上",
    "始终",
    "一直",
    "经常",
    "每周",
    "每月",
    "定期",
    "正在",
    "先后",
    "主动",
    "创新",
    "应用",
    "使用",
    "开展",
    "完成",
    "接到",
    "接诊",
    "拨通",
    "隔空",
    "上门",
    "巡诊",
    "持续",
    "作为",
    "担任",
    "挂职",
    "挂任",
    "出任",
    "兼任",
    "获",
    "获得",
    "荣获",
    "处",
    "同志",
    "医生",
    "教授",
    "主任",
    "博士",
    "专家",
    "院士",
    "副院长",
    "院长",
    "书记",
    "认真",
    "耐心",
    "仔细",
    "迅速",
    "第一时间",
    "深耕",
    "扎根",
    "全职",
    "共同",
    "分别",
    "出席",
    "当选",
    "代表",
    "主持",
    "致辞",
    "宣读",
    "签署",
    "参加",
    "一起",
    "现场",
    "受聘",
    "获聘",
    "走进",
    "来到",
    "赴",
    "任",
    "则",
    "再次",
    "目前",
    "此次",
    "此前",
    "每天",
    "同时",
    "随后",
    "笑着",
    "一边",
    "正式",  # 熊立新正式到岗: an adverb jieba keeps apart from the verb
    "带着",  # 姚慕青带着3台仪器 (jieba: 姚慕 / 青带 / 着)
    *_TIME_WORDS,  # 迪丽拜尔·阿不力孜当天, 蔡明哲上月已率: when, after the name
]
_AFTER_KNOWN_NAME = ("成为", "成了", "结束")
_LOOSE_TITLES = {"专家", "医生", "医师", "队员"}  # words for any doctor, not titles of one person
_NAME_TAGS = (None, "nr", "nrfg", "nrt")
# what a speaker does after the name (the relations read what follows as reported, not done)
SPEECH_VERBS = ("介绍", "表示", "说", "指出", "强调", "认为", "称", "坦言", "透露", "告诉")
_GLUED_VERBS = "作说等为在将已曾还即则除"  # one-character words jieba glues to a given name (魏力作, 沈浩将)
_PUNCT = set("，,。、；;：:！!？?）)（(“”\"' \n…—")


@dataclass(frozen=True, slots=True)
class PersonMention:
    start: int
    end: int
    name: str
    title: str  # the title right next to the name
    title_start: int  # where the title (and its department) begins


@cache
def _titles_pattern() -> re.Pattern[str]:
    titles = sorted(lexicon().titles, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, titles)))


@cache
def _postnominal_pattern() -> re.Pattern[str]:
    titles = sorted(lexicon().postnominal_titles, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, titles)) + ")")


def _surname_len(text: str, i: int) -> int:
    lex = lexicon()
    if text[i : i + 2] in lex.surnames:
        return 2
    if text[i : i + 1] in lex.surnames:
        return 1
    return 0


def _boundary_after(text: str, j: int) -> bool:
    if j >= len(text) or text[j] in _PUNCT or not _CJK.match(text[j]):
        return True
    return _after_name_pattern().match(text, j) is not None


@cache
def _org_suffixes() -> tuple[str, ...]:
    """How institution names end (医院, 卫生院, 疾控中心 …): one tuple for ``str.endswith``."""
    return tuple(lexicon().org_suffixes)


@cache
def _after_name_pattern() -> re.Pattern[str]:
    """:data:`_AFTER_NAME` as one pattern: one match in C instead of a startswith per word."""
    return re.compile("|".join(map(re.escape, sorted(_AFTER_NAME, key=len, reverse=True))))


def _minority_name(text: str, i: int) -> int:
    """Length of a name of two or more Tibetan or Mongolian name elements at ``i`` (才让多杰), 0 if none."""
    parts = lexicon().minority_name_parts
    j, count = i, 0
    while j < len(text):
        step = next((n for n in (4, 3, 2) if text[j : j + n] in parts), 0)
        if not step:
            break
        j, count = j + step, count + 1
    if count and j - i <= 4 and text[j : j + 1] in "吉图" and _boundary_after(text, j + 1):
        j += 1  # 拉毛吉, 才让吉: the ending of many Amdo women's names; 宝音图: a Mongolian one
    elif count == 1 and j - i == 2 and _boundary_after(text, j + 2) and _own_element(text[j : j + 2]):
        j += 2  # 扎西翁加: a known element and one the list lacks, the name ending there
    if j - i > 6 or count == 0 or (count == 1 and j - i < 3):
        return 0  # one element is a name only when long enough to be one (其木格, 巴特尔), not 扎西 alone
    after = words(text[j : j + 6])
    if _boundary_after(text, j) or (after and pos_tag(after[0]) in _ENDS_NAME):
        return j - i
    return 0


def _own_element(chars: str) -> bool:
    """Whether two characters after a Tibetan name element may be another element: not a word of
    another kind (扎西表示, 扎西主任, 扎西带领; 白音仓说: jieba's 仓说 ends with the verb)."""
    return (all(_CJK.match(c) for c in chars) and not chars.endswith(SPEECH_VERBS)
            and not _titles_pattern().fullmatch(chars) and pos_tag(chars) in (*_NAME_TAGS, "nz"))


def _unsurnamed_name(text: str, i: int) -> int:
    """Names without a Han surname after a title (尼玛次仁, 古丽努尔): Tibetan or Mongolian name
    elements, or one unknown word of 2-4 characters that a speech verb or punctuation follows."""
    minority = _minority_name(text, i)
    if minority:
        return minority
    toks = words(text[i : i + 10])
    if (
        len(toks) > 1
        and 2 <= len(toks[0]) <= 4
        and all(_CJK.match(c) for c in toks[0])
        and _transliterated_tail(text, i + len(toks[0]))
    ):
        return len(toks[0])  # 买买提·艾力 (买买提 is also a dictionary noun): the · says it is a name
    length, k = 0, 0
    while (
        k < len(toks)
        and length + len(toks[k]) <= 4
        and all(_CJK.match(c) for c in toks[k])
        and pos_tag(toks[k]) in (None, "nr", "nrfg", "nrt")
    ):
        length += len(toks[k])
        k += 1
    if (
        length == 0
        and len(toks) > 1
        and 2 <= len(toks[0]) <= 4
        and toks[1] in SPEECH_VERBS
        and pos_tag(toks[0]) in ("ns", "nz")
        and all(_CJK.match(c) for c in toks[0])
    ):
        return len(toks[0])  # 主任扎西表示: jieba reads 扎西 as a place, the speech verb says it is a person
    if length < 2 or k >= len(toks):
        return 0
    if toks[k] in (*SPEECH_VERBS, "，", "、", "。", ","):
        return length
    return 0


def _name_at(text: str, i: int) -> int:
    """Length of the person's name starting at ``text[i]`` (0 if none): surname + one or two characters."""
    translit = _TRANSLITERATED_HEAD.match(text, i)
    if translit and _titles_pattern().match(text, i):
        translit = None  # 主任医师迪丽拜尔·阿不力孜 read from 主任: the name starts after 医师
    if translit and _transliterated_tail(text, translit.end()):
        return translit.end() - i  # 巴合提江·吾拉孜汗, 古丽娜尔·沙吾提: not 巴 or 古 as a surname
    minority = _minority_name(text, i)
    if minority >= 4:
        return minority  # 索南扎西: two Tibetan name elements, whatever surname 索 may be
    sl = _surname_len(text, i)
    if not sl:
        return _unsurnamed_name(text, i)
    if text[i + sl + 1 : i + sl + 2] == "和" and _CJK.match(text[i + sl]) and _closes_name(text, i + sl + 2):
        return sl + 2  # 卜庆和表示: 和 ends the name, it does not join two
    # jieba's view first: a name it segments as one word (王立会, 居行行)
    toks = words(text[i : i + 8])
    if (len(toks) > 1 and len(toks[0]) == sl + 3 and not word_frequency(toks[0])
            and (toks[0][-1] in "到赴" or (toks[0][-1] in "原曾现" and toks[1] in ("是", "任", "在")))):
        # 邱德懋原是… (jieba: 邱德懋原 / 是), 戴书恒到英山县人民医院驻点 (戴书恒到 / 英山县): 原 (formerly),
        # 到 (to) begin what follows the name
        return sl + 2
    if toks and len(toks[0]) > sl + 2 and word_frequency(toks[0]) and pos_tag(toks[0]) not in _NAME_TAGS:
        return 0  # 医师普遍认为: a longer dictionary word starts here, not a name (普 is a surname too)
    if toks and sl + 1 <= len(toks[0]) <= sl + 2 and all(_CJK.match(c) for c in toks[0]):
        length = len(toks[0])
        if _boundary_after(text, i + length) and not _boundary_after(text, i + length - 1):
            return length
        if length == sl + 2 and _boundary_after(text, i + sl + 1) and text[i + sl + 1] in _GLUED_VERBS:
            return sl + 1  # 魏力作交流发言, 沈浩将每周坐诊: 作, 将 start the verb
        if length == sl + 2 and text[i + sl + 1] == "任" and not _boundary_after(text, i + length):
            return sl + 1  # 王伟任资阳市第一人民医院院长: 任 (serve as) and its post follow the name
        if (
            length == sl + 1
            and len(toks) > 2
            and len(toks[1]) <= 2
            and not _boundary_after(text, i + length)
            and _boundary_after(text, i + length + 1)
        ):
            return length + 1  # 赵国 / 华 / 表示, 樊梓 / 航挂 / 任: the given name goes on
        if (
            length == sl + 1
            and len(toks) > 1
            and len(toks[1]) == 2
            and toks[1][1] in _GLUED_VERBS + "任"
            and _boundary_after(text, i + length + 1)
        ):
            return length + 1  # 陈家 / 明说, 覃业 / 强为: jieba glued the name's last character to a verb
        if (
            length == sl + 1
            and len(toks) > 2
            and len(toks[1]) == 1
            and _CJK.match(toks[1])
            and pos_tag(toks[1]) in ("g", "zg", "nr", "nrt", "nrfg")
            and pos_tag(toks[2]) in _ENDS_NAME
            and (pos_tag(toks[1]) in ("g", "zg") or pos_tag(toks[0]) in _NAME_TAGS)  # (not 代表 / 詹)
        ):
            # 伍静 / 姝 / 出现, 黄涵 / 梓 / 来: a character no word of its own (a morpheme, or one the
            # dictionary knows only in names) ends the name
            return length + 1
        if _boundary_after(text, i + length) or pos_tag(toks[0]) in (None, "nr", "nrfg", "nrt"):
            return length
    # jieba split the surname from the given name (吴 / 云林 / 再次, 马 / 宏伟 / 共同): the name ends
    # where a verb, adverb or preposition the dictionary knows begins
    if (
        len(toks) > 2
        and toks[0] == text[i : i + sl]
        and 1 <= len(toks[1]) <= 2
        and all(_CJK.match(c) for c in toks[1])
        # (a two-character adjective is a given name as often as not: 鞠 / 明远 / 留)
        and (pos_tag(toks[1]) not in _NOT_NAMES or (len(toks[1]) == 2 and pos_tag(toks[1]) == "a"))
        # (鞠 / 卫东 / 每季度; 骆 / 剑锋 / 正带: an adverb or verb jieba glued to what follows)
        and (pos_tag(toks[2]) in _ENDS_NAME or toks[2][0] in "每正" + _GLUED_VERBS)
        # (吉史 / 木 / 呷 / 表示: a one-character word then a boundary is the name's last character)
        and not (len(toks[1]) == 1 and len(toks[2]) == 1 and _boundary_after(text, i + sl + 2)
                 and text[i + sl + 1] not in _GLUED_VERBS)
    ):
        if len(toks[1]) == 2 and toks[1][1] in _GLUED_VERBS and pos_tag(toks[2]) in _ENDS_NAME:
            return sl + 1  # 司徒 / 敏即 / 在: 即 (then) starts what follows the name
        return sl + len(toks[1])
    for length in (sl + 1, sl + 2):
        if i + length > len(text) or not all(_CJK.match(c) for c in text[i : i + length]):
            continue
        if (
            length == sl + 1
            and _boundary_after(text, i + length)
            and not _boundary_after(text, i + length + 1)
        ):
            return length
    if text[i + sl + 1 : i + sl + 2] == "说" and _boundary_after(text, i + sl + 2):
        return sl + 1  # 陈文说，: 说 is the verb (jieba: 陈 / 文说)
    after = text[i + sl + 2 : i + sl + 4]
    if (text[i + sl + 1 : i + sl + 2] in ("任", "则") and _CJK.match(text[i + sl])
            and after[:1] not in _PUNCT and not after.startswith(SPEECH_VERBS)):
        return sl + 1  # 司马骏任副院长 (jieba: 司马 / 骏任): 任 (serve as) follows the name
    step = _after_name_pattern().match(text, i + sl + 1)
    if step and len(step.group()) > 1 and _CJK.match(text[i + sl]):
        return sl + 1  # 司马婧挂任 (jieba: 司马 / 婧 / 挂 / 任): a word that follows names starts at once
    for length in (sl + 2, sl + 1):
        if (
            i + length <= len(text)
            and all(_CJK.match(c) for c in text[i : i + length])
            and _boundary_after(text, i + length)
        ):
            return length
    return 0


# 派驻人员：栾绍棠（神经外科主任医师，挂职副院长）、苑青禾（麻醉科副主任医师）: a listed name, its title in
# brackets right after it
_TITLE_IN_BRACKETS = re.compile(
    r"(?:^|(?<=[：:、，,；;]))(?P<name>[\u4e00-\u9fff]{2,4})(?=[（(][^）)\n]{0,16}?"
    r"(?:医师|主任|院长|技师|护师|护士长|专家|教授)[^）)\n]{0,16}[）)])"
)
_CLAUSE_ENDS = ("。", "，", ",", "；", ";", "！", "？")
# a credit line in brackets, closing a hospital's news: （医务处 钱思彤 宣传中心 于淼）, （党委宣传部 供稿）
_CREDIT_LINE = re.compile(
    r"[（(][^（）()\n。，]{0,40}(?:宣传|党办|办公室|医务|通讯|供稿|撰稿|新闻中心)[^（）()\n。，]{0,40}[）)]"
)
_COMMON_NOUN = 1000  # how often in jieba's dictionary a noun is too common to be a name (单位, 时间)
_VILLAGE_OFFICER = re.compile(
    r"(?:村|居委会)(?:党支部|党总支|委会|民委员会)?(?:书记|支书|主任|干部|委员|会计)$"
)


def _vetoed(text: str, start: int, end: int, name: str) -> bool:
    lex = lexicon()
    if name[1:] in _TIME_WORDS or name[2:] in _TIME_WORDS:
        return True  # 专家于去年12月到岗: 于 and a time, not a name
    before = text[max(0, start - 8) : start]
    # a byline cue right before: 记者王松, 通讯员 何娇, (通讯员陈德军)
    if any(before.rstrip().endswith(cue) for cue in lex.byline_cues):
        return True
    clause = re.split(r"[，,。；;！!？?\n]", before)[-1]
    if any(cue in clause for cue in ("记者", "通讯员", "编辑", "摄影", "主持人", "设计", "撰稿")):
        return True
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    if _CREDIT_LINE.fullmatch(text[line_start : line_end if line_end >= 0 else len(text)].strip()):
        return True  # （医务处 钱思彤　宣传中心 于淼）: who wrote the article, by their offices
    lead = re.split(r"[，,。；;！!？?\n]", text[max(0, start - 8) : end - len(name)])[-1]
    if _VILLAGE_OFFICER.search(lead):
        return True  # 陈塘村党支部书记巫建华: a village's officer, not a health worker
    after = text[end : end + 6]
    if after.startswith(("(化名)", "（化名）", "化名")):
        return True
    if any(name.endswith(cue) for cue in lex.patient_cues):
        return True
    if len(name) == 2 and pos_tag(name) == "n" and word_frequency(name) >= _COMMON_NOUN:
        return True  # 常务理事单位：: 单 is a surname, but 单位 a common noun
    if _minority_name(name, 0) == len(name):
        return False  # 巴图孟和: name elements, whatever characters they share with function words
    if _inside_place(text, end - len(name)):
        return True  # 距省会长沙约600公里: 沙 ends a place's name here, it starts no name

    inner = name[1:-1] if name.endswith("和") and _closes_name(text, end) else name[1:]
    return any(ch in "的了着过是在与和" for ch in inner)


def _inside_place(text: str, start: int) -> bool:
    """Whether ``text[start]`` ends the name of a city or province begun before it (距省会长沙约600公里),
    as the dictionary reads the words around it (院长沙永昆 is 院长 / 沙永昆)."""
    if not any(r.level in ("province", "city") for n in (2, 3) if start - n + 1 >= 0
               for r in gazetteer().lookup(text[start - n + 1 : start + 1])):
        return False  # (no city's name ends here: no need to read the words around)
    pos = max(0, start - 6)
    for tok in words(text[pos : start + 4]):
        if pos <= start < pos + len(tok):
            return (pos < start and pos + len(tok) == start + 1
                    and any(r.level in ("province", "city") for r in gazetteer().lookup(tok)))
        pos += len(tok)
    return False


def _closes_name(text: str, end: int) -> bool:
    """邓永和表示, 卜庆和，, 陶景和教授说: a name's last 和 is its own when a speech verb, punctuation
    or a title with no name after it follows, not the 和 that joins it to the next name (王主任和李主任,
    王伟和副院长李明)."""
    if end >= len(text) or text[end] in _PUNCT or text.startswith(SPEECH_VERBS, end):
        return True
    if text[end] in "将已曾还也是":  # 骆清和将每周到怀柔出诊, 涂钧和是…副主任医师
        return True
    if text.startswith(("出席", "在讲话", "主持", "致辞"), end):  # 萧景和出席会议并讲话
        return True
    title = _postnominal_pattern().match(text, end)
    return title is not None and _boundary_after(text, title.end())


_NOT_NAMES = {"v", "vn", "vd", "d", "a", "ad", "p", "c", "m", "q", "f", "t", "r", "u"}
_ENDS_NAME = {"v", "vn", "vd", "d", "ad", "p", "c", "t"}  # what may follow a name (再次, 担任, 在, 今年)
_TRANSLITERATED = re.compile(r"[·•・．][\u4e00-\u9fff]{1,6}")
_TRANSLITERATED_HEAD = re.compile(r"[\u4e00-\u9fff]{2,6}(?=[·•・．])")


def _transliterated_tail(text: str, j: int) -> int:
    """Length of the ·-joined rest of a transliterated name (艾尔肯·吾买尔, 阿不都·热合曼)."""
    m = _TRANSLITERATED.match(text, j)
    if not m:
        return 0
    for end in range(j + 3, m.end() + 1):  # the shortest rest that a boundary follows
        if _boundary_after(text, end) and not text.endswith("阿不", 0, end):  # 阿不都外力: Abdu-
            return end - j
    return 0


def find_persons(text: str) -> list[PersonMention]:
    """Every named expert, clinician or official in ``text``, in order of appearance."""
    found: dict[int, PersonMention] = {}
    title_spans: list[tuple[int, int]] = []
    for m in _titles_pattern().finditer(text):
        title, ts, te = m.group(), m.start(), m.end()
        title_spans.append((ts, te))
        # 主任　韦启航: a full-width space between the title and the name (read as one space)
        i = te + 1 if text[te : te + 1] == " " and _CJK.match(text[te + 1 : te + 2] or " ") else te
        # 挂职拜泉县人民医院执行院长的庞立新。: a post, 的, and the name that closes the clause
        described = text[te : te + 1] == "的" and title not in _LOOSE_TITLES and _surname_len(text, te + 1)
        if described:
            i = te + 1
        while True:
            length = _name_at(text, i)
            if (not length or length == 3) and text[i : i + 2] in lexicon().minority_name_parts \
                    and _boundary_after(text, i + 2):
                length = 2  # 主任医师宝音挂职, 主任医师萨仁、: one Mongolian or Tibetan element after a title
            if not length:
                break
            if described and text[i + length : i + length + 1] not in _CLAUSE_ENDS:
                break
            if (title in _LOOSE_TITLES and not _surname_len(text, i) and not _minority_name(text, i)
                    and text[i : i + 2] not in lexicon().minority_name_parts
                    and not _TRANSLITERATED_HEAD.match(text, i)
                    and not text.startswith(SPEECH_VERBS, i + length)):
                break  # 专家带教, 医生考走: after the loosest titles, a name needs a surname (or 扎西表示)
            if i > te and not _boundary_after(text, i + length):
                break  # 医师沈浩、康复医学科主治医师蒋丽萍: after 、 the next one's department, not a name
            length += _transliterated_tail(text, i + length)  # 艾尔肯·吾买尔
            name = text[i : i + length]
            if pos_tag(name) in _NOT_NAMES and word_frequency(name) >= 10:
                break  # 专家常驻和田, 全科医生查房: a common word, not a name (付强, a rare entry, is one)
            if title in _LOOSE_TITLES and _common_word(name):
                break  # 医生查房, 专家常驻三都
            if title == "专家" and pos_tag(name) == "n" and word_frequency(name) >= 100:
                break  # 与省二医专家连线: after the loosest title, a common noun is not a name
            if not _vetoed(text, ts, i + length, name) and i not in found:
                found[i] = PersonMention(i, i + length, name, title, ts)
            # 院士付小兵、蒋建新: more names sharing the title
            if text[i + length : i + length + 1] == "、" and _surname_len(text, i + length + 1):
                i = i + length + 1
                continue
            break
    for m in _postnominal_pattern().finditer(text):
        title, ts = m.group(), m.start()
        for length in (3, 2, 4):
            i = ts - length
            if i < 0 or not all(_CJK.match(c) for c in text[i:ts]):
                continue
            sl = _surname_len(text, i)
            if not sl or length - sl not in (1, 2):
                continue
            prev = text[i - 1] if i > 0 else "\n"
            prev_ok = (
                prev in _PUNCT
                or prev in "的科"
                or not _CJK.match(prev)
                or any(text[:i].endswith(t) for t in lexicon().titles)
                # 潍坊市中医院周光明主任说: the institution, then the name and the title
                or text.endswith(_org_suffixes(), 0, i)
            )
            if not prev_ok:
                continue
            name = text[i:ts]
            if title == "团队" and pos_tag(name) not in (None, "nr"):
                continue
            if prev.isdigit() or prev in "一二三四五六七八九十百千万两几":
                break  # 30余名专家: a count, not 余名
            if prev in "「“\"『" and text[m.end() : m.end() + 1] in "」”\"』":
                break  # 被称为「苗寨院长」: a nickname in quotes, no name
            if name.endswith(("科", "室", "部", "所", "处", "院")):
                continue  # 医院普外科主任: a department, not 普外科 the person
            if name in lexicon().org_suffixes:
                continue  # 卫生院医生: the institution's doctor, not 卫生院 the person
            if title in _LOOSE_TITLES and _common_word(name):
                continue  # 安徽专家, 麻醉医生: where they come from or what they do, not who
            if any(i in range(p.start, p.end) for p in found.values()):
                break
            if any(a < ts and i < b for a, b in title_spans if (a, b) != (ts, m.end())):
                break  # 常务副院长, 顾问医生: the start of a longer title, not a name
            if not _vetoed(text, i, ts, name):
                found.setdefault(i, PersonMention(i, ts, name, title, i))
            break
    for m in _ROSTER_LINE.finditer(text):  # 蒋立波，哈医大二院普外科副主任，挂职抚远市人民医院副院长；
        i = m.end()
        if not _ROSTER_NAME.match(text, i):
            continue  # (most lines: no short name and a comma right after; not worth reading the name)
        length = _name_at(text, i)
        if not length or i in found or text[i + length : i + length + 1] not in "，,":
            continue
        clause = _CLAUSE.match(text, i + length + 1)
        titles = list(_titles_pattern().finditer(clause.group())) if clause else []
        if not titles or titles[-1].end() != len(clause.group()):
            continue  # the clause after the name must end with its title
        name = text[i : i + length]
        # the title with its department: what follows the institution's name (普外科副主任)
        described = clause.group()
        cut = max((described.rfind(e) + len(e) for e in _org_suffixes() if e in described), default=0)
        title = described[cut:].lstrip("）)") if cut <= titles[-1].start() else titles[-1].group()
        if not _vetoed(text, i, i + length, name):
            found[i] = PersonMention(i, i + length, name, title or titles[-1].group(), i)
    # the lines of a list that give each name with its post: 韦振霖（心血管内科　主任医师）, 佟丽娟　秦皇岛市
    # 第一医院儿科主任医师, 1. 姜沐阳　神经内科　主任医师（挂任业务副院长）, 栾秋实｜心血管内科｜主任医师｜…
    for m in _NAME_THEN_POST.finditer(text):
        post = re.sub(r"\s", "", m.group("post"))
        _add_listed(text, found, m, post if _ends_with_title(post) else None)
    for m in _NAME_SPACE_POST.finditer(text):
        post = re.sub(r"\s|[（(][^（）()]*[）)]$", "", m.group("post"))
        placed = m.group("item") is not None or any(x in post for x in _org_suffixes())
        _add_listed(text, found, m, post if placed and _ends_with_title(post) else None)
    for m in _NAME_ROW.finditer(text):
        cells = [text[a:b].strip() for a, b in table_cells(text, m.end("name"), m.end())]
        _add_listed(text, found, m, next((c for c in cells if _titles_pattern().fullmatch(c)), None))
    _add_name_column(text, found)
    candidates = [_captioned(text, m.start()) for m in _CAPTION_PLACE.finditer(text)]
    candidates += [m.span("name") for m in _LISTED_WITH_HOME.finditer(text)]
    candidates += [m.span("name") for m in _DESCRIBED.finditer(text) if _described_by_title(text, m.end())]
    candidates += [m.span("name") for m in _TITLE_IN_BRACKETS.finditer(text)]
    for i, end in candidates:
        if i == end or i in found or any(p.start <= i < p.end for p in found.values()):
            continue
        name = text[i:end]
        if _name_at(text, i) != end - i or _common_word(name) or _vetoed(text, i, end, name):
            continue
        found[i] = PersonMention(i, end, name, "", i)
    # 执行院长涂钧和一边看化验单 (read as 涂钧 and 和…), where 图为涂钧和（右） says the name is 涂钧和
    names = {p.name for p in found.values()}
    for k, p in list(found.items()):
        if p.name + "和" in names and text.startswith("和", p.end):
            found[k] = replace(p, end=p.end + 1, name=p.name + "和")
    _add_repeated(text, found, title_spans)
    return [found[k] for k in sorted(found)]


def _ends_with_title(post: str) -> bool:
    titles = list(_titles_pattern().finditer(post))
    return bool(titles) and titles[-1].end() == len(post)


def _add_listed(text: str, found: dict[int, PersonMention], m: re.Match, title: str | None) -> None:
    """Add the name (group ``name`` of ``m``) of a list's line with its ``title``, when it has one and
    reads as a whole name."""
    i, name = m.start("name"), m.group("name")
    if title is None or i in found:
        return
    length = _name_at(text, i)
    if length == len(name) and not _vetoed(text, i, i + length, name):
        found[i] = PersonMention(i, i + length, name, title, i)


def _add_name_column(text: str, found: dict[int, PersonMention]) -> None:
    """A table cut by bars with a column headed 姓名 (序号｜派出单位｜姓名｜职称｜派驻单位): the names in
    that column, each with the title its row gives (a cell that ends with one: 心血管内科主任医师)."""
    if "姓名" not in text:
        return
    column = None
    for line in re.finditer(r"[^\n]+", text):
        cells = table_cells(text, line.start(), line.end())
        heads = [re.sub(r"\s", "", text[a:b]) for a, b in cells]
        if "姓名" in heads:
            column = heads.index("姓名")
            continue
        if column is None or len(cells) <= column:
            column = None if not cells else column
            continue
        a, b = cells[column]
        i = a + len(text[a:b]) - len(text[a:b].lstrip())
        name = text[i:b].strip()
        title = next((c for c in heads if c != name and _ends_with_title(c)), None)
        if title and i not in found and 2 <= len(name) <= 9 and _name_at(text, i) == len(name) \
                and not _vetoed(text, i, i + len(name), name):
            found[i] = PersonMention(i, i + len(name), name, title, i)


def _occurrences(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where the names occur, left to right and not overlapping, the longest at each place: what
    one pattern of them all (A|B|…) would find, without compiling one for each article."""
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append((at, -len(name)))
            at = text.find(name, at + 1)
    spans, last_end = [], 0
    for at, minus_length in sorted(found):
        if at >= last_end:
            spans.append((at, at - minus_length))
            last_end = at - minus_length
    return spans


def _add_repeated(text: str, found: dict[int, PersonMention], title_spans: list[tuple[int, int]]) -> None:
    """A name read once (with its title, in a caption) is the same person wherever the article writes
    it again: “…”冼嘉禾说, 在冼嘉禾指导下, 挂职业务副院长的冼嘉禾."""
    names = sorted({p.name for p in found.values() if len(p.name) >= 2}, key=len, reverse=True)
    if not names:
        return
    taken = {i for p in found.values() for i in range(p.start, p.end)}
    taken.update(i for a, b in title_spans for i in range(a, b))
    for i, end in _occurrences(text, names):
        if i in taken or end - 1 in taken:
            continue
        name = text[i:end]
        # (a verb that may also close a name read anew, 庄玉 / 成为, follows a name known already:
        # 谭永康成为首批派驻专家)
        if not (_boundary_after(text, end) or text.startswith(_AFTER_KNOWN_NAME, end)) or (
                i > 0 and text[i - 1] in lexicon().surnames and _name_at(text, i - 1) > len(name)):
            continue  # 李明华 is not 李明
        if _vetoed(text, i, end, name):
            continue
        found[i] = PersonMention(i, end, name, "", i)
        taken.update(range(i, end))


# names no title stands next to, told by the shape around them:
# 图为蒯建平（中）在病房查房, 皇甫立恒（右一）和陶一帆（右二）: a caption's people, placed in the picture
_CAPTION_PLACE = re.compile(r"[（(](?:前排|后排|中排|左|右|中)[左右中]?[一二三四五六七八九]?[）)]")
_BEFORE_CAPTIONED = ("图为", "和", "与", "及", "、", "，", "是", "向", "为")


def _captioned(text: str, end: int) -> tuple[int, int]:
    """The name that ends at ``end`` (before its place in the picture), the longest that a name
    reading allows and that starts after punctuation or 图为/和/与 (empty span if none)."""
    for length in (4, 3, 2):
        i = end - length
        if i >= 0 and _name_at(text, i) == length and (i == 0 or text.endswith(_BEFORE_CAPTIONED, 0, i)):
            return i, end
    return end, end
# 神经外科（复旦大学附属华山医院　陶一帆）: a list of people each given with their home
# (the space between them is gone once the text is read: 华山医院陶一帆)
_LISTED_WITH_HOME = re.compile(
    r"[（(][^（）()，,。]{2,30}?(?:医院|中心|卫生院)[ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,9})(?=[）)])"
)
# 应晓峰是宁波大学附属第一医院儿科主任医师, 邱德懋原是…: at a clause's start, a name that 是 describes by
# its post
_DESCRIBED = re.compile(
    r"(?:^|(?<=[。！？!?；;，,\n”]))(?P<name>[\u4e00-\u9fff]{2,4}?)(?:原|曾|现|也)?是(?=[^，,。；;！!？?\n]{4,40})",
    re.MULTILINE,
)


def _described_by_title(text: str, start: int) -> bool:
    """Whether the clause from ``start`` names an institution and ends with a title (…医院儿科主任医师)."""
    clause = re.match(r"[^，,。；;！!？?\n]{4,40}", text[start:])
    if clause is None:
        return False
    words_ = clause.group()
    ends = [m.end() for m in _titles_pattern().finditer(words_)]
    names_one = any(x in words_ for x in (*_org_suffixes(), "我院", "该院", "本院"))
    # …主任医师、博士生导师: more honours may follow the title after 、
    return names_one and any(e == len(words_) or words_[e] == "、" for e in ends)


def _common_word(name: str) -> bool:
    """安徽, 麻醉, 查房, 常驻三: dictionary words that are not names, or a name-long span that one
    starts (a rare entry like 付强 can be a name)."""
    if name in lexicon().specialties:
        return True  # 麻醉 (jieba tags it as a name)
    if pos_tag(name) not in _NAME_TAGS and word_frequency(name) >= 10:
        return True
    if len(name) == 2:
        if word_frequency(name) >= 500:
            return True  # 医生晋升: a common word, though jieba tags it as a name
        parts = words(name)
        # 省级专家常来: an adverb and a verb jieba keeps apart, not a surname and a name
        return len(parts) == 2 and pos_tag(parts[1]) in ("v", "d", "p", "c", "u")
    head = name[:2]
    return len(name) == 3 and pos_tag(head) in _NOT_NAMES and word_frequency(head) >= 50


# a line of a roster that gives each name with its department and title in brackets (after the
# department as a label: 妇产科：韦婧（主治医师）)
_NAME_THEN_POST = re.compile(
    r"^[ \t]*(?:" + LIST_ITEM.pattern + r")?[ \t]*(?:[\u4e00-\u9fff]{2,12}[：:][ \t]*)?"
    r"(?P<name>[\u4e00-\u9fff·]{2,9})[（(](?P<post>[^（）()\n]{2,30})[）)]",
    re.MULTILINE,
)
# a line of a list: a name, a space, then its institution and title
_NAME_SPACE_POST = re.compile(
    r"^[ \t\u3000]*(?P<item>" + LIST_ITEM.pattern + r")?[ \t\u3000]*(?P<name>[\u4e00-\u9fff·]{2,9})"
    r"[ \t\u3000]+(?P<post>[^\s][^\n]{3,50}?)[ \t\u3000]*$",
    re.MULTILINE,
)
# a row of a table cut by bars that opens with a name and gives a title in a cell (栾秋实｜主任医师｜…)
_NAME_ROW = re.compile(r"^[ \t]*(?P<name>[\u4e00-\u9fff·]{2,9})[ \t]*[|｜](?P<cells>[^\n]+)$", re.MULTILINE)
# the start of a line of a roster: a name, then its institution and title (a list's number, or the
# member's part in the team, first: 队长：简伯彦，福建医科大学附属第一医院普外科副主任医师，挂职…)
_ROSTER_LABEL = r"(?:副?队长|领队|副?组长|队员|成员)[:：]"
_ROSTER_LINE = re.compile(
    r"(?:^|(?<=[\n;；]))[ \t]*(?:" + LIST_ITEM.pattern + r")?[ \t]*(?:" + _ROSTER_LABEL + r")?[ \t]*",
    re.MULTILINE,
)
_ROSTER_NAME = re.compile(r"[\u4e00-\u9fff·]{2,12}[，,]")
_CLAUSE = re.compile(r"[^，,；;。\n]{2,40}")  # (long: 原X大学附属Y医院（Y医院）消化内科主任、主任医师)

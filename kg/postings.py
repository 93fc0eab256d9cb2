"""Where people belong and where they are sent: the home institution of each expert a sentence
names, and the institution they are posted to, seconded to or visit.

Rules read how Chinese news writes these facts: apposition (武汉市第一医院麻醉科副主任医师张力),
来自X的 for the home institution, 挂职/任命为/坐诊 for postings, a phrase before the name
(挂职X院长的…), a list of people sent 分别 to as many places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from .lexicon import lexicon
from .model import EntityType
from .persons import SPEECH_VERBS, PersonMention
from .regions import gazetteer
from .segment import CLAUSE_BREAK, LIST_ITEM, Span, table_cells

__all__ = [
    "TAKES_POST",
    "affiliation_and_host",
    "after_group_opening",
    "batch_cue",
    "enumeration_groups",
    "is_a",
    "is_academic",
    "org_at_place",
    "respective_hosts",
    "role_phrase",
    "sender_nearby",
    "team_places",
]

_ROLE_STOP = re.compile(r"[，,。；;：:！!？?\s“”（）()的由]")  # 派驻的常务副院长: the role starts after 的
_SOURCE_CUES = ("来自",)
_DEST_CUES = (
    "赴",
    "到",
    "前往",
    "来到",
    "任命为",
    "挂职",
    "挂任",
    "派驻",
    "进修",
    "转诊",
    "转入",
    "送往",
    "奔赴",
    "援助",
    "常驻",
    "驻点",
    "进驻",
)
# 刘振华任(担任, 出任, 兼任)陵城区人民医院执行院长: 任 (serve as) before an institution makes it where the
# person goes, but 现任/曾任/历任 an institution's post is the person's own job
_SERVE = r"(?<![现曾历原主责信])任"
_SERVES_AS = re.compile(_SERVE + "$")
TAKES_POST = ("挂职", "挂任", "担任", "出任", "兼任")  # … a post at another institution
_APPOINTED = ("任", *TAKES_POST, "被聘为", "受聘为", "获聘为", "被聘任为", "现任")
_BEFORE_THE_VERB = re.compile(r"(?:当天|当日|同日|随即|随后|正式|同时|已经|已|将|也|还|即|均|则)*")
_APPOINTING = re.compile("(?:" + "|".join(sorted(_APPOINTED, key=len, reverse=True)) + ")?")
_SEND_VERBS = "派驻|选派|派出|下派|外派|委派"
_SENDS = re.compile(_SEND_VERBS + "|将派|派遣")
_CLINICAL_WORK = r"义诊|查房|手术|带教|培训|会诊|讲座|诊疗|实训|授课|坐诊"
_POSTED_THERE = re.compile(
    r"[^，,。；;]{0,2}(挂职|挂任|担任|任职|坐诊|出诊|工作|支援|帮扶|援助|开设|查房|带教|报到|到岗|应诊)"
    # 到深圳市人民医院眼科门诊应诊: seeing patients in one of its clinics
    r"|[^，,。；;]{0,8}?(?:门诊|病房|科)(?:坐诊|出诊|应诊|查房)"
    # at clinical work there (visiting is a dispatch; a survey or a meeting is not): 开展了义诊和教学查房,
    # 为居民义诊
    rf"|(?:开展|进行|为)了?[^，,。；;]{{0,12}}?(?:{_CLINICAL_WORK})"
    r"|(?:备案|完成|注册|开展)?多点执业"  # 在X备案多点执业, 在X完成多点执业备案: a second place of practice
    # 结束了在X两年半的挂职: a posting there
    r"|[^，,。；;]{0,8}?的(?:挂职|派驻|驻点|帮扶|支援|援疆|援藏|援青)"
)
_POSTED_AFTER_COMMA = re.compile("[，,](?:" + "|".join(_APPOINTED) + ")")
# the person's own clause says where they work: 柏松涛正式在元阳县人民医院…, 陶晓勤也已在元阳县人民医院…
# (…带领心内科专家团队在沁源县人民医院…; 与…郝瑞雪一起，在卓资县医院…: leading or joined by others)
_WORKS_AT = re.compile(
    r"(?:[^，,。；;]{0,4}?(?:带领|率领|带着)[^，,。；;]{0,24}?|与[^。；;]{0,40}?一起[，,]?|[^，,。；;]{0,6}?)在"
)
_POSTED_EXPERT = re.compile(r"(?:驻点|派驻|下派|挂职|帮扶)(?:专家|医生|队员)[、，,]?$")
_SPEAKS_THEN = re.compile(r"[^，,。；;“”]{1,12}?(?:" + "|".join(SPEECH_VERBS) + r")[，,:：]")
_SERVES_AT = re.compile("(?:" + "|".join(TAKES_POST) + "|" + _SERVE + ")$")
_HOLDS_POST = re.compile("(?:" + "|".join((*TAKES_POST, "现任")) + ")$")  # (现任: holds now)
_HELD_BEFORE = re.compile(r"([^，,。；;、]{1,12}?)的")
_HIRES = ("聘请", "聘任", "特聘", "返聘", "柔性引进")
_AND_SENDS = re.compile(r"[，,](?:并|还|同时|随即)(?:先后)?(?:" + _SEND_VERBS + ")(?:了)?")
_SENT_BY = re.compile("(?:" + _SEND_VERBS + ")的")
# 其中普外科主任医师汪涛, 并派出副院长栾海鹏: who is named, not how
_ROLE_LEAD = re.compile(r"^(其中|包括|还有|以及|特别是|尤其是|(?:并|还|同时)?(?:" + _SEND_VERBS + ")了?)")
_SENT_TO_PLACE = re.compile(
    r"(?:派驻|选派到|派到|派往|下派到|派驻到|赴|前往)([\u4e00-\u9fff]{2,6}?)(?:驻诊|驻点|坐诊|帮扶|支援)?的"
)
_HOSTLESS_CUES = ("坐诊", "带教", "查房", "来院", "到院", "下沉", "驻点", "定期来院", "每周坐诊", "驻诊")
_ARRIVES = re.compile(r"(?:今年\d{1,2}月|去年\d{1,2}月)?(?:到|来到|到达|抵达)")
_AFTER = ("后", "以后", "之后", "的第")
# 在X挂职的，是 (the one serving at X is): what comes between the place and the home of the one named
_CLEFT_HOST = re.compile(
    r"(?:挂职|驻点|坐诊|派驻|帮扶|支援|任职|常驻)[^，,。；;]{0,6}?的(?:专家|医生|人)?[，,]?(?:就|正|则|也)?是"
)
_BECOMES_ONE_SENT = re.compile(
    r"(?:也|又|便|就)?(?:成为|成了)[^，,。；;]{0,4}?(?:派驻|驻点|下沉|帮扶|援疆|援藏|援青|挂职)(?:专家|医生|队员|干部)"
)
# 挂职麻醉科主任, 挂任业务副院长: a post away from home, the institution unsaid
_POST_AWAY = re.compile(
    r"(挂职|挂任)([\u4e00-\u9fff]{0,8}?(?:科|部|中心|病区)(?:副)?(?:主任|护士长)|(?:业务|常务|执行)?副?院长)"
    r"(?=[，,。；;]|$)"
)
_HELP_VERBS = ("帮扶", "支援", "托管", "援助", "帮助")  # …对口帮扶X: X is where help goes
_POSTED_NEXT = re.compile(r"[^，,。；;]{0,6}?(?:挂职|挂任|派驻|驻点|下沉|常驻)")
_SCHEDULE_OPENS = re.compile(r"(?:坐诊|出诊|巡诊|下沉|排班|轮诊)[^。！？\n]{0,20}[:：]")  # …坐诊：周一，A在X
_LEARNS = re.compile(r"(?:跟随|跟着)[^，,。；;]{0,8}(?:学习|进修|跟岗|培训)")
_DELEGATION = re.compile(r"一行(?:[\d一二三四五六七八九十]+人)?$")
_DOES_WORK = re.compile(r"帮扶|坐诊|查房|带教|手术|驻点|指导|出诊")
_TO_A_TEAM = re.compile(r"(?<!作)[向给为][^，,。；;]{0,6}$")
_TEAM_NOUN = re.compile(r"(?:小)?(?:分队|医疗队|团队|队员|专家|医生)")
_POST = re.compile(
    r"[\u4e00-\u9fff、]{0,10}?(?:副院长|院长|副主任|主任|书记|科长|处长|局长|主任医师|专家|负责人)"
)




def named_most(keys: Iterable) -> object | None:
    """The institution named most often among ``keys``, if more often than any other."""
    ranked = Counter(keys).most_common(2)
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def role_phrase(text: str, pm: PersonMention, org_at, name_ends: Iterable[int] = ()) -> str:
    """The title as written, with its department: 麻醉科副主任医师, 党委副书记、院长.

    It goes back from the title to punctuation, an organisation or another person's name (in
    神经内科主任医师陈勇、普外科副主任医师黄磊 黄磊's title starts after 陈勇、).
    """
    if pm.title_start == pm.start:  # post-nominal: 舒磊教授
        return pm.title
    role = text[_role_start(text, pm, org_at, name_ends) : pm.start].strip("、")
    return _ROLE_LEAD.sub("", role)


def _role_start(text: str, pm: PersonMention, org_at, name_ends: Iterable[int] = ()) -> int:
    """Where the role before a name begins (see :func:`role_phrase`)."""
    j = pm.title_start
    limit = max(0, j - 14)
    stops = {e for _, e, _, _ in org_at} | {e + 1 for e in name_ends if text[e : e + 1] == "、"}
    stops |= set(name_ends)
    while j > limit and not _ROLE_STOP.match(text[j - 1]) and j not in stops:
        j -= 1
    return j


def affiliation_and_host(
    text: str, pm: PersonMention, sent: Span, org_at, topic: Callable, orgs: dict, para: Span | None = None,
    name_ends: Iterable[int] = (), home=None, trust_home: bool = False,
):
    """(home organisation, organisation the person is sent to, post held there, confidence) of a mention.

    Confidence: 4 来自X的, 3 apposition (X医院副院长Y), 2 named before in the sentence, 1 in the paragraph
    or the street, 0 only the institution the section is about. ``home``, when another mention of the
    person gave it, stands for a home this mention only guesses (confidence 1 or 0; or 2, the
    institution named before in the sentence, with ``trust_home``).
    """
    in_sent = [(s, e, k, ana) for s, e, k, ana in org_at if sent.start <= s and e <= sent.end]
    before = [x for x in in_sent if x[1] <= pm.start]
    after = [x for x in in_sent if x[0] >= pm.end]

    def is_dest(s: int) -> bool:
        pre = text[max(sent.start, s - 4) : s]
        return any(pre.endswith(c) for c in _DEST_CUES) or _SERVES_AS.search(pre) is not None

    def is_former(s: int) -> bool:
        return s > 0 and text[s - 1] == "原"

    going = {k for s, _e, k, _ in after if is_dest(s)}  # where this sentence sends the person

    affiliation, confidence = None, 0
    for s, _e, k, _ in reversed(before):  # 来自X的 … NAME
        if text[max(sent.start, s - 2) : s].endswith(_SOURCE_CUES):
            affiliation, confidence = k, 4
            break
    apposition = None
    if before:
        s, e, k, _ = before[-1]
        gap = text[e : pm.title_start] if pm.title_start >= e else ""
        # a name without a title next to it (read from a caption, or again after its first mention)
        # stands in apposition only right after the institution (华山医院陶一帆)
        if len(gap) <= (14 if pm.title else 0) and not re.search(r"[，,。；;：:]", gap) and not is_former(s):
            apposition = k
            # 港大深圳医院妇产科顾问医生、香港大学临床副教授梁颖仪: the hospital of a double title
            # is the home in a graph of health institutions, not the university
            if len(before) > 1 and is_academic(orgs, k):
                _s0, e0, k0, _ = before[-2]
                between = text[e0:s]
                if (len(between) <= 14 and not re.search(r"[，,。；;：:]", between)
                        and not is_academic(orgs, k0) and not is_former(_s0)):
                    apposition = k0
    held_post = None
    if (apposition is not None and text.endswith("的", 0, pm.start)
            and _HOLDS_POST.search(text, max(sent.start, before[-1][0] - 2), before[-1][0])):
        # 挂任永春县医院业务副院长的甘棠月, 现任张家口市第二医院执行院长的宋继磊: a post held at X,
        # whose home another clause tells (…，是北京积水潭医院创伤骨科主任医师)
        held_post = (apposition, text[before[-1][1] : pm.start - 1])
        apposition = None
    elif apposition is not None and len(before) > 1:
        # 贵州医科大学附属医院普外科主任医师、从江县人民医院执行院长岑国栋: two titles, the first at home,
        # the second a head's post at the institution it names
        s0, e0, k0, _ = before[-2]
        between, post = text[e0 : before[-1][0]], text[before[-1][1] : pm.start]
        if (k0 != apposition and _CLINICAL_TITLE_THEN.search(between) and len(between) <= 14
                and not re.search(r"[，,。；;：:]", between) and _HEAD_POST.fullmatch(post)
                and not any(e0 < end <= before[-1][0] for end in name_ends)  # (A院长X、B院长Y: two people)
                and not is_academic(orgs, k0) and not is_former(s0)):
            held_post, apposition = (apposition, post), k0
    if affiliation is None and len(before) >= 2 and _AND_SENDS.fullmatch(text, before[-1][1], pm.title_start):
        # 菏泽市立医院全面托管东明县人民医院，并派出副院长栾海鹏担任执行院长: the one sent belongs to
        # the sentence's subject, and goes to the institution it named last
        subject, last = before[0][2], before[-1][2]
        if subject != last and not is_dest(before[0][0]):
            m = _POST.match(re.sub(r"^(挂职|担任|任职|出任|任)", "", text[pm.end : sent.end]))
            return subject, last, (m.group() if m else None), 2
    if affiliation is None:
        if apposition is not None and not is_dest(before[-1][0]):
            affiliation, confidence = apposition, 3
        else:
            affiliation = next(
                (k for s, _e, k, _ in reversed(before) if not is_dest(s) and not is_former(s)
                 and (held_post is None or k != held_post[0])), None
            )
            confidence = 2
    described_until = None  # where a description of the person's home after 是 ends
    roster = pm.title_start == pm.start and text[pm.end : pm.end + 1] in "，, （("  # 蒋立波，<home>…副主任，
    is_at = pm.end + (1 if held_post is not None and text[pm.end : pm.end + 1] in "，," else 0)
    if confidence < 3 and (text[is_at : is_at + 1] == "是" or roster):
        # 主刀医生林志鹏是厦门大学附属第一医院肝胆胰外科副主任医师，…挂职东乡族自治县人民医院副院长:
        # the home, named after 是; what they do elsewhere comes after that clause
        # (我院 there is the publishing institution: 伏海燕是我院消化内科主任医师)
        named = next(((k, e) for s, e, k, ana in after
                      if s == is_at + 1 and (not ana or text[s:e] in ("我院", "本院"))), None)
        if named is not None:
            affiliation, confidence = named[0], 3
            clause = CLAUSE_BREAK.search(text, named[1], sent.end)
            described_until = clause.end() if clause else sent.end
    if affiliation is None and para is not None:  # the institution named earlier in the paragraph
        earlier = [k for s, e, k, _ in org_at if para.start <= s and e <= sent.start and not is_former(s)]
        # (…燕秋实挂职绥化市疾控中心副主任；…邰文博…: where another was sent is not this one's home;
        # nor is where this sentence sends this one: …郁沛川挂职城口县人民医院副院长)
        # (…钟世平任寻乌县人民医院院长；赖文斌任业务副院长: nor where one before was appointed)
        # (周一，A在X卫生院；周三，B在Y卫生院, in a timetable: where the one before sits in, not B's home)
        scheduled = _SCHEDULE_OPENS.search(text, para.start, sent.start) is not None
        # (nor, for one posted away, the one a sentence before says is helped: A对口帮扶B。…X挂任…)
        cues = (*_DEST_CUES, *_HELP_VERBS) if _POSTED_NEXT.match(text, pm.end) else _DEST_CUES
        sent_to = {k for s, e, k, _ in org_at if para.start <= s < sent.start
                   and (any(text[max(para.start, s - 4) : s].endswith(c) for c in cues)
                        or _SERVES_AT.search(text, max(para.start, s - 3), s)
                        or (scheduled and text[s - 1 : s] == "在"
                            and (text[e : e + 1] in "；;" or _POSTED_THERE.match(text, e) is not None)))}
        earlier = [k for k in earlier if k not in sent_to and k not in going] or earlier
        # 院长冉从军表示: a 院长 heads a 院, not the 卫生健康局 named last (if the paragraph names one)
        head = pm.title[-2] if len(pm.title) >= 2 and pm.title.endswith("长") else None
        fitting = [k for k in earlier if head and k in orgs and orgs[k].label.endswith(head)]
        if head and not fitting:  # none in the paragraph: the article's own (我院), else its subject
            own = next((k for s, e, k, ana in org_at if ana and text[s:e] in ("我院", "本院")), None)
            fitting = [k for k in (own, topic(pm.start)) if k in orgs and orgs[k].label.endswith(head)][:1]
        affiliation, confidence = ((fitting or earlier)[-1] if fitting or earlier else None), 1
    if affiliation is None:  # 古田街万人社区，张华团队…: the article's centre in that street
        affiliation, confidence = org_at_place(text, sent.start, pm.start, orgs, anywhere=True), 1
    if affiliation is None and topic(pm.start) not in going:
        # (第七批医疗队…芮思邈挂职镇安县医院副院长, in an article about 镇安县医院: not home)
        affiliation, confidence = topic(pm.start), 0

    # (a guess, or where the sentence is set: another mention knows the home)
    set_there = confidence == 2 and affiliation == _scene(text, sent, in_sent)
    if home is not None and (confidence <= 1 or set_there or (trust_home and confidence == 2)):
        affiliation, apposition = home, None
    if held_post is not None and affiliation == held_post[0] and confidence < 3:
        affiliation, confidence = None, 0  # (only a guess: the paragraph's or the article's institution)
    host, post_role = held_post if held_post is not None and held_post[0] != affiliation else (None, None)
    if apposition is not None and apposition != affiliation:  # 援疆专家、X医院生殖医学中心副主任陈希婧
        host = apposition
        post_role = text[before[-1][1] : pm.title_start + len(pm.title)].strip("、") or pm.title
        post_role = post_role.rstrip("的")
    if host is None:
        # 过去一年挂职日喀则市人民医院院长的第十批领队、瑞金医院消化内科主任医师郁文涛: the post the
        # phrase before the name gives, at the institution it names
        breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, pm.start)]
        phrase_start = max([sent.start, *breaks])
        for s, e, k, _ in before:
            held = _HELD_BEFORE.match(text, e, pm.start)
            serves = _SERVES_AT.search(text, max(sent.start, s - 3), s) or (
                # 现任元阳县人民医院执行院长的昆医大附一院普外科副主任医师钟岚: a post away from home
                apposition is not None and apposition != k and text.endswith("现任", 0, s)
            )
            if s >= phrase_start and k != affiliation and serves and held is not None:
                return affiliation, k, held.group(1), confidence
    if text.startswith("为", pm.end) and text.endswith(_HIRES, 0, pm.start):
        # 吐鲁番市人民医院聘请蒯建平为该院内分泌科名誉主任: hired for a post there
        there = next(((e, k) for s, e, k, _ in after if s == pm.end + 1), None)
        if there is not None:
            m = _POST.match(text, there[0], sent.end)
            if there[1] == affiliation:  # the one who hires is not the home (another sentence says it)
                affiliation, confidence = None, 0
            return affiliation, there[1], (m.group() if m else None), confidence
    role_start = _role_start(text, pm, org_at, name_ends)
    sent_by = _SENT_BY.search(text, max(sent.start, role_start - 4), role_start)
    sent_by = sent_by is not None and sent_by.end() == role_start
    # (首批赴兰屿驻诊的台北马偕家庭医学科医师孔德玮: the home may stand between)
    home_named_at = before[-1][0] if apposition is not None else role_start
    for described_from in dict.fromkeys((role_start, home_named_at)):
        placed = _SENT_TO_PLACE.search(text, max(sent.start, described_from - 14), described_from)
        if host is None and placed is not None and placed.end() == described_from:
            # 海南省人民医院派驻白沙的麻醉科副主任医师羊春花: the article's institution at 白沙
            there = org_at_place(text, placed.start(1), placed.end(1), orgs)
            if there is not None and there != affiliation:
                return affiliation, there, None, confidence
    for s, e, k, _ in before[:-1] if apposition is not None else ():
        if (host is None and k != affiliation and text[s - 1 : s] == "在"
                and _CLEFT_HOST.fullmatch(text, e, home_named_at)):
            # 目前在于都县人民医院挂职的，是南大一附院心血管内科副主任医师胡卫东: who serves there, told
            # before the home and the name
            return affiliation, k, None, confidence
    there = _team_named_by_place(text, sent, pm, orgs)
    if host is None and there is not None and there != affiliation:
        # 久治医疗队的队长，是青海省人民医院检验科主任技师喇海燕: a team named after where it serves
        return affiliation, there, None, confidence
    scene = _scene(text, sent, in_sent)
    clause_end = CLAUSE_BREAK.search(text, pm.end, sent.end)
    if host is None and scene is not None and scene != affiliation and (confidence >= 3 or home is not None) \
            and _WORKS_THERE.search(text, pm.end, clause_end.start() if clause_end else sent.end):
        # 在太平镇卫生院，梧州市红会医院妇产科主治医师甘晓蔓每周坐诊四天: at work in the place the
        # sentence opens with, away from the home named with the name
        return affiliation, scene, None, confidence
    posted = False  # 驻点专家、湘雅医院心血管内科副主任医师谭宁: an expert posted away, named with their home
    if apposition is not None and apposition == affiliation:
        s0 = before[-1][0]
        posted = _POSTED_EXPERT.search(text, max(sent.start, s0 - 8), s0) is not None
    given = _HEAD_POST_GIVEN.search(text, max(sent.start, home_named_at - 16), home_named_at)
    given = given if given is not None and given.end() == home_named_at else None
    if host is None and given is not None and _TAKES_IT.match(text, pm.end):
        # 首任执行院长由湖州市中心医院医务部主任沈国良担任: the head of the institution the clause
        # names before the post, else of the one the article is most about besides home
        # (福田河镇卫生院的业务院长，就由该院…殷卫东担任: the one named with 的 before the post)
        named = next((k for s, e, k, _ in before
                      if e <= given.start() and text[e : given.start()] in ("", "的")), None)
        there = named if named != affiliation else None
        if named is None:
            there = named_most(k for _s, _e, k, _ in org_at if k != affiliation)
        if there is not None:
            return affiliation, there, given.group(1), confidence
    if host is None and _BECOMES_ONE_SENT.match(text, pm.end):
        # 重医附一院与城口县人民医院签订对口帮扶协议，谭永康成为首批派驻专家: one sent to the other party
        # of the sentence
        # (with a home only guessed, the sentence's subject sends, as in A与B签订…协议)
        named = list(dict.fromkeys(k for _s, _e, k, _ in before if not is_a(orgs, k, EntityType.AUTHORITY)))
        home_of = affiliation if confidence >= 3 or home is not None else (named[0] if named else None)
        others = [k for k in named if k != home_of]
        if home_of is not None and len(others) == 1:
            return home_of, others[0], None, max(confidence, 2)
    if host is None and (sent_by or posted):
        # 浙大二院派驻的常务副院长蒋晨阳: sent to the institution the article is most about besides home
        there = named_most(k for _s, _e, k, _ in org_at if k != affiliation)
        if there is not None:
            post = _POST.match(text, role_start) if sent_by else None  # the post there, if named
            return affiliation, there, (post.group() if post else None), confidence
    tail_start = pm.end
    if pm.title_start == pm.start and text.startswith(pm.title, pm.end):
        tail_start += len(pm.title)  # 欧阳明主任医师介绍: what follows the title
    if described_until is not None:
        tail_start = described_until
    tail = text[tail_start : sent.end]
    if tail.startswith((*SPEECH_VERBS, "：", ":")) or _SPEAKS_THEN.match(tail):
        # 蒋俊介绍，医院将选派专家到桑植坐诊; 段晓鹏在揭牌仪式上说，我院长期对口帮扶…: what follows is
        # reported, not done by the speaker; so is what follows a colon (专访院长葛振宇：让…扎根长白山下)
        tail = ""
    # 齐鲁医院派驻普外科主任医师刘振华任陵城区人民医院执行院长: sent, and appointed to a post there
    # (…将派驻专家团队常驻X，其中Y任X执行院长: the sending may open the sentence); with the home
    # named right before the title (省人医普外科主任医师欧阳立新任贵德县人民医院执行院长), no sending
    # needs saying
    sends = _SENDS.search(text, sent.start, pm.start) is not None
    # (贠志刚当天被聘任为…, 浦俊现任…: when, and how, before the verb)
    verb_start = _BEFORE_THE_VERB.match(text, tail_start).end()
    appointed = text.startswith(_APPOINTED, verb_start)
    if sends or appointed:
        for s, e, k, _ in after:
            verb = text[verb_start:s]
            # (with a home only guessed, a post that is always held by one from elsewhere: 执行院长)
            sure = sends or confidence >= 3 or text.startswith("执行院长", e)
            if verb in _APPOINTED and k != affiliation and sure:
                m = _POST.match(text[e : sent.end])
                return affiliation, k, (m.group() if m else None), confidence
    among = text.rfind("其中", sent.start, pm.start)
    if among >= 0 and (sends or appointed):
        # …将派专家常驻静海区医院，其中副主任医师曹颖担任中心执行主任: one of those sent there;
        # 其中，A任贵德县人民医院执行院长，B任副院长: each of those listed after 其中
        dests = [k for s, _e, k, _ in before if is_dest(s) and k != affiliation]
        if dests and (re.fullmatch(r"其中[^，,。；;]*", text[among : pm.start]) or appointed):
            m = _POST.match(text, _APPOINTING.match(text, verb_start).end(), sent.end)
            return affiliation, dests[-1], (m.group() if m else None), confidence
    if appointed and not any(s == _APPOINTING.match(text, verb_start).end() for s, _e, _k, _ in after):
        # 由A担任大宁县人民医院院长，医务处副处长B担任常务副院长: a post with no institution after the
        # verb is at the one an earlier clause of the sentence gave the one before
        # (or, in a list cut by semicolons, of the sentence before in the paragraph: A任X院长；B任副院长)
        listed = para is not None and text[sent.start - 1 : sent.start] in "；;"
        opening = para.start if listed else sent.start
        # (a home that is only the passage's institution may be where the post is)
        posts = [k for s, _e, k, _ in org_at if opening <= s < pm.start
                 and (k != affiliation or confidence == 0)
                 and _SERVES_AT.search(text, max(opening, s - 3), s)]
        if posts:
            m = _POST.match(text, _APPOINTING.match(text, verb_start).end(), sent.end)
            home_of = affiliation if posts[-1] != affiliation else None
            return home_of, posts[-1], (m.group() if m else None), confidence
    post_away = _POST_AWAY.match(text, verb_start)
    if post_away is not None and not any(s == post_away.end(1) for s, _e, _k, _ in after):
        # 本批队员中，中山一院麻醉科副主任医师冼慧敏挂职麻醉科主任: a post away from home at the
        # institution the passage is about (挂职 is never at home)
        # (the institution the article names most as where people go or help goes)
        # (or the one the sentence sends people to: 派驻盘州市中医医院的专家中，…鞠昊然挂任康复科主任)
        here = [k for s, _e, k, _ in before if is_dest(s)]
        there = here[-1] if here else named_most(
            k for s, _e, k, _ in org_at if text.endswith((*_DEST_CUES, *_HELP_VERBS), 0, s))
        if there is not None and (there != affiliation or confidence == 0):
            return (affiliation if there != affiliation else None), there, post_away.group(2), confidence
    if _SENDS.search(tail):
        # 作为首批派驻专家，已在修水县第一人民医院工作一周: where the one sent works now
        for s, e, k, _ in after:
            if k != affiliation and text[s - 1 : s] == "在" and _POSTED_THERE.match(text, e, sent.end):
                return affiliation, k, None, confidence
    if tail and para is not None and _SCHEDULE_OPENS.search(text, para.start, pm.start):
        # …每周安排专家到成员单位坐诊：周一，普外科主任医师A在天堂寨镇中心卫生院；: a timetable's item
        for s, e, k, _ in after:
            if k != affiliation and _WORKS_AT.fullmatch(text, tail_start, s) and text[e : e + 1] in "；;。":
                return affiliation, k, None, confidence
    # 到和政县人民医院挂职副院长: a destination named before the posting verb (not in what a
    # speaker reports: 院长林佑明表示，医院将派出专家到长泰区医院开设专家门诊)
    for s, e, k, _ in after:
        if (
            tail
            and k != affiliation
            and (is_dest(s) or _WORKS_AT.fullmatch(text, tail_start, s))
            and (_POSTED_THERE.match(text, e, sent.end) or _POSTED_AFTER_COMMA.match(text, e, sent.end))
        ):
            # 来到察布查尔锡伯自治县人民医院，挂职副院长; 柏松涛正式在元阳县人民医院开设专家门诊
            m = _POST.match(re.sub(r"^[，,]?[^，,。；;]{0,2}?(挂职|担任|任职)", "", text[e : sent.end]))
            return affiliation, k, (m.group() if m else None), confidence
        if k != affiliation and _ARRIVES.fullmatch(text, tail_start, s) and text.startswith(_AFTER, e):
            # 她到南乐县人民医院后，推动成立了…: what one did after arriving there, where one was sent
            return affiliation, k, None, confidence
    # the cues of the clause in the order they come (驻点城口开展诊疗和带教: 驻点 says where), longest first
    found_cues = sorted((i, -len(cue), cue) for cue in lexicon().dispatch_cues
                        if 0 <= (i := tail.find(cue)) <= 30)
    for i, _, cue in found_cues:
        cue_end = tail_start + i + len(cue)
        if _TO_A_TEAM.search(tail, 0, i) and _TEAM_NOUN.match(text, cue_end):
            continue  # 院长冯志远向4支驻点小分队授旗: a team sent, not the one who sees it off
        if text.startswith("的", cue_end):
            continue  # 郁沛霖和同批驻点的西南医院…詹雨薇: 驻点的 describes who comes next
        if _DELEGATION.search(tail, 0, i) and not _DOES_WORK.search(tail, i):
            # 山大二院党委副书记程婉秋一行12人来院: a delegation on a visit, not a posting (unless it
            # comes to work: 一行6人来到我院，开展为期一周的技术帮扶)
            continue
        target = next(((s, e, k) for s, e, k, _ in after if s >= cue_end and s - cue_end <= 3), None)
        if target is not None:
            host = target[2]
            m = _POST.match(text[target[1] : sent.end])
            post_role = m.group() if m else None
            break
        place = org_at_place(text, cue_end, sent.end, orgs)  # 奔赴龙坪: the article's centre at 龙坪
        if place is None and text.startswith(("分院", "院区"), cue_end):
            # 常驻分院: the article's one branch
            ending = text[cue_end : cue_end + 2]
            branches = [k for k, o in orgs.items() if o.label.endswith(ending) and k != affiliation]
            place = branches[0] if len(branches) == 1 else None
        if place is not None:
            host = place
            break
        if cue in _HOSTLESS_CUES:
            if _LEARNS.search(tail):
                break  # 在西南医科大学附属医院急诊抢救室跟随带教老师学习: the one taught, not sent
            # 每月到葫芦岛查房, 每周三天在藤田坐诊: the article's institution at the place
            to = max(tail.rfind(c, 0, i) for c in ("到", "在", "去", "赴", "来"))  # (每月去类乌齐坐诊)
            place = org_at_place(text, tail_start + to + 1, sent.end, orgs) if to >= 0 else None
            if place is not None and place != affiliation:
                host = place
                break
            dests = [k for s, _e, k, _ in in_sent if is_dest(s) and k != affiliation]
            others = list(dict.fromkeys(k for _s, _e, k, _ in in_sent if k != affiliation))
            # 天坛医院将对该院实行全面托管，并派驻…专家定期坐诊: the one other institution of the sentence
            host = dests[-1] if dests else (others[0] if len(others) == 1 else None)
            if host is None:
                t = topic(pm.start)
                host = t if t != affiliation else None
            break
    if host is not None and host == affiliation and confidence == 2:
        # 哈医大二院将绥棱县妇幼保健院纳入对口支援范围，儿科主治医师鞠若楠被派驻到该院: not from where
        # she is sent, but from the institution the sentence names first, which sends her
        sender = next((k for _s, _e, k, ana in before if k != host and not ana), None)
        if sender is not None and not is_a(orgs, sender, EntityType.AUTHORITY):
            affiliation = sender
    return affiliation, host, post_role, confidence


# a studio named after its expert: 和晓燕名医工作室, 鄢祖澄教授专家工作站, 甘怀德名老中医传承工作室
_STUDIO = re.compile(
    r"[”\"」』]?(?:教授|主任|院士)?[\u4e00-\u9fff]{0,4}?(?:名医|名中医|名老中医|专家|院士|劳模|大师)"
    r"[\u4e00-\u9fff]{0,4}?(?:工作室|工作站)"
)
_SET_UP_AT = ("在", "落户", "入驻", "设在", "落地", "落户于", "设于")


def studio_host(text: str, sent: Span, name_end: int, org_at, home) -> object | None:
    """Where a studio named after an expert (whose name ends at ``name_end``: 沐春燕名医工作室, where
    the name is no mention of its own) is, away from the expert's ``home``: the institution it is set up at
    (“沐春燕名医工作室”在宁蒗彝族自治县人民医院揭牌), else the one other institution of the sentence
    (宣武医院与阜平县医院签约，建立“鞠卫东专家工作站”). An expert's studio at another hospital is a
    posting there: the expert comes to work in it."""
    m = _STUDIO.match(text, name_end)
    if m is None:
        return None
    after = [(s, k) for s, e, k, _ana in org_at if m.end() <= s and e <= sent.end]
    at = next((k for s, k in after if text[max(sent.start, s - 3) : s].endswith(_SET_UP_AT)), None)
    if at is not None:
        return at if at != home else None
    others = {k for s, e, k, _ana in org_at if sent.start <= s and e <= sent.end and k != home}
    return others.pop() if len(others) == 1 else None


_HEAD_POST = re.compile(r"(?:执行|常务|业务)?副?院长|党委(?:副)?书记")
_CLINICAL_TITLE_THEN = re.compile(r"(?:医师|教授|技师|护师|专家)、$")
# a hospital's head post given to one from elsewhere: (首任)执行院长由…担任
_HEAD_POST_GIVEN = re.compile(r"((?:执行|常务|业务)?副?院长|党委书记)[，,]?(?:就|则|均|将)?由")
_TAKES_IT = re.compile(r"(?:担任|出任)[，,。；;]")
_SCENE_TAIL = re.compile(r"[^，,。；;“”]{0,8}?(里|内|中)?[，,]")
_WORKS_THERE = re.compile(r"坐诊|接诊|查房|施针|手术|诊疗|带教|开设|正在为|正为|驻")


_PLACE_TEAM = re.compile(r"(?:医疗队|帮扶队|分队)的?(?:队长|队员|领队)")


def _team_named_by_place(text: str, sent: Span, pm: PersonMention, orgs: dict):
    """The article's institution at the place a team before the name is named after (久治医疗队的队长，
    是…; 丰顺医疗队队长佟瀚文), or None."""
    for m in _PLACE_TEAM.finditer(text, sent.start, pm.start):
        for length in (2, 3, 4):
            if m.start() - length >= sent.start:
                there = org_at_place(text, m.start() - length, m.start(), orgs)
                if there is not None:
                    return there
    return None


def scene(text: str, sent: Span, org_at) -> object | None:
    """:func:`_scene` of a sentence, from all the mentions of the article."""
    return _scene(text, sent, [x for x in org_at if sent.start <= x[0] and x[1] <= sent.end])


def _scene(text: str, sent: Span, in_sent) -> object | None:
    """The institution a sentence opens with as where what follows happens: 在X，…; X外科诊室里，…"""
    if not in_sent:
        return None
    s0, e0, k, ana = in_sent[0]
    opening = text[sent.start : s0]
    tail = _SCENE_TAIL.match(text, e0, sent.end)
    if ana or tail is None or opening not in ("", "在") or (not opening and not tail.group(1)):
        return None
    return k


def respective_hosts(text: str, sents: list[Span], mentions, org_at) -> dict[int, tuple]:
    """诸葛衡、宁思远将分别驻点拉孜县人民医院和萨迦县人民医院: people listed, then 分别 and as many
    places: the first goes to the first, the second to the second. ``{person's start: host key}``."""
    out: dict[int, tuple] = {}
    for sent in sents:
        at = text.find("分别", sent.start, sent.end)
        if at < 0:
            continue
        clause = max([sent.start, *(m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, at))])
        named = [p for p in mentions if clause <= p.start and p.end <= at]
        places = [m for m in org_at if at < m[0] and m[1] <= sent.end]
        if len(named) < 2 or not places:
            continue
        cue = text[at + 2 : places[0][0]]
        if len(cue) > 6 or not any(c in cue for c in (*_DEST_CUES, "在", "驻", "挂职", "担任")):
            continue
        first = enumeration_groups(text, places, joiners=("、", "，", ",", "和", "及", "与"))[0]
        if len(first) == len(named):
            out.update({p.start: k for p, k in zip(named, first, strict=True)})
    return out


# 派驻融水苗族自治县人民医院（7人）：, the heading of a roster of those sent there
_ROSTER_HEADING = re.compile(
    r"^[ \t]*(?:" + _SEND_VERBS + r"|派往|分赴|赴|前往|支援|驻点|进驻)[^\n:：]{2,40}[:：][ \t]*$",
    re.MULTILINE,
)


# 各单位帮扶责任人如下：¶吉康街道社区卫生服务中心——全科医学科主任滕文静: each line pairs a place
# with the one sent there
_ASSIGNMENT_HEADING = re.compile(
    r"^[^\n]*(?:帮扶|派驻|下沉|驻点|支援|责任人|专家)[^\n]*[:：][ \t]*$", re.MULTILINE
)
_ASSIGNMENT_DASH = re.compile(r"[ \t]*(?:——|—|--|－)[ \t]*")


def _assignment_hosts(text: str, mentions, org_at) -> dict[int, tuple]:
    """Lines that each pair a place with those sent there, under a heading that says so: X——A, or
    (numbered, in groups under sub-headings) 1.阳城镇卫生院：平舆县人民医院普外科副主任医师A、儿科主治医师B,
    where a colon follows a primary care institution or the line names the home after it."""
    out: dict[int, tuple] = {}
    for m in _ASSIGNMENT_HEADING.finditer(text):
        at = m.end() + 1
        while at < len(text):
            if text[at] == "\n":  # a blank line between the items
                at += 1
                continue
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            item = LIST_ITEM.match(text, at)
            start = item.end() if item else at
            place = next(((e, k) for s, e, k, ana in org_at if s == start and not ana), None)
            separator = _ASSIGNMENT_DASH.match(text, place[0]) if place else None
            by_colon = (
                separator is None and place is not None and text[place[0] : place[0] + 1] in ":："
                and (place[1][1].endswith(_PRIMARY_CARE_KINDS)
                     or any(place[0] < s < end and not ana for s, _e, _k, ana in org_at))
            )
            if by_colon:
                separator = _ASSIGNMENT_COLON.match(text, place[0])
            if separator is None:
                if _SUBHEADING.match(text, at, end) and not any(at <= p.start < end for p in mentions):
                    at = end + 1  # 一、平舆县人民医院医共体: a group's heading within the list
                    continue
                break
            named = [p for p in mentions if separator.end() <= p.start and p.end <= end]
            # (a name the reader does not know leaves its line out; a dash pairs the place with one)
            for person in named if by_colon else named[:1]:
                out[person.start] = place[1]
            at = end + 1
    return out


_ASSIGNMENT_COLON = re.compile(r"[:：][ \t]*")
_PRIMARY_CARE_KINDS = ("卫生院", "卫生服务中心", "卫生服务站", "卫生室")
_SUBHEADING = re.compile(r"[ \t]*[一二三四五六七八九十]{1,2}、[^\n:：]{2,40}$")


# 第一组（平顺县龙溪镇中心卫生院）：, 兴街镇中心卫生院团队：: a line giving a group and the place it serves
_GROUP_LABEL = re.compile(
    r"[ \t]*(?:第[一二三四五六七八九十\d]+|[\u4e00-\u9fff]{1,4})?(?:组|小组|分队|队)[ \t]*[（(]"
)
_LINE_WITH_COLON = re.compile(r"^(?=[^\n:：]{2,40}[:：]).*$", re.MULTILINE)
_GROUP_AFTER_PLACE = re.compile(r"[）)]?[ \t]*(?:团队|小组|组|分队|医疗队)?[ \t]*[:：]")


def _group_lines(text: str, mentions, org_at) -> dict[int, tuple]:
    """Each person on a line that names a group and the place it serves (第一组（X卫生院）：A、B, X卫生院
    团队：A、B) goes to that place. ``{person's start: host key}``."""
    out: dict[int, tuple] = {}
    named_at = {s: (e, k) for s, e, k, ana in org_at if not ana}
    for line in _LINE_WITH_COLON.finditer(text):  # (only lines with a colon near their start)
        line_start, line_end = line.start(), line.end()
        label = _GROUP_LABEL.match(text, line_start, line_end)
        at = label.end() if label else line_start
        at += len(text[at:line_end]) - len(text[at:line_end].lstrip(" \t"))
        place = named_at.get(at)
        if place is not None:
            after = _GROUP_AFTER_PLACE.match(text, place[0], line_end)
            # the place alone before the colon is a home as often as a host (华西医院：张三、李四)
            named_group = after is not None and text[place[0] : after.end()].strip("）): ：")
            grouped = after is not None and (label is not None or named_group)
            if grouped:
                out.update((p.start, place[1]) for p in mentions if after.end() <= p.start < line_end)
    return out


_HOST_COLUMN = re.compile(r"派驻|驻点|下派|帮扶单位|受援|支援单位|派往")


def _table_column(text: str, mentions, org_at, heading: re.Pattern[str]) -> dict[int, tuple]:
    """A table cut by bars with a column headed 姓名 (姓名｜科室｜职称｜派驻单位, 序号｜派出单位｜姓名｜…):
    the institution each row gives in the column whose heading matches ``heading``, by the start of
    the row's person."""
    out: dict[int, tuple] = {}
    if "姓名" not in text:
        return out
    starts = {p.start for p in mentions}
    column = name_column = None
    for line in re.finditer(r"[^\n]+", text):
        cells = table_cells(text, line.start(), line.end())
        if len(cells) < 2:
            column = None
            continue
        heads = [re.sub(r"\s", "", text[a:b]) for a, b in cells]
        if "姓名" in heads:
            name_column = heads.index("姓名")
            column = next((i for i, h in enumerate(heads) if heading.search(h)), None)
            continue
        if column is None or max(column, name_column) >= len(cells):
            continue
        a, b = cells[column]
        org = next((k for s, e, k, ana in org_at if a <= s and e <= b and not ana), None)
        person = next((i for i in range(*cells[name_column]) if i in starts), None)
        if org is not None and person is not None:
            out[person] = org
    return out


_HOME_COLUMN = re.compile(r"派出单位|选派单位|所在单位|工作单位|派出医院")


def table_homes(text: str, mentions, org_at) -> dict[int, tuple]:
    """Where each person of such a table comes from (the column 派出单位): ``{person's start: key}``."""
    return _table_column(text, mentions, org_at, _HOME_COLUMN)


_HOST_COLUMN = re.compile(r"受援(?:单位|医院)|(?:派驻|驻点|挂职|帮扶)(?:单位|医院)")


def table_hosts(text: str, mentions, org_at) -> dict[int, tuple]:
    """Where each person of such a table is sent (受援医院, 派驻单位): ``{person's start: key}``."""
    return _table_column(text, mentions, org_at, _HOST_COLUMN)


# 赴睢宁县人民医院的专家为：A、B、C; 派驻X医院的队员有：…: a list of those sent to one place
_SENT_THERE_ARE = re.compile(r"(?:赴|派驻|派往|进驻|驻|到|下沉到?|支援|前往)$")
# …的专家为：A、B; 前往郜台乡卫生院的3名队员，由A带队; 与他同赴谢桥镇卫生院的，还有A和B
_ARE_LISTED = re.compile(
    r"的(?:[\d一二三四五六七八九十两]+(?:名|位|人))?(?:帮扶|驻点|派驻|下沉)?"
    r"(?:(?:专家|医生|队员|成员|人员)(?:名单)?(?:为|是|有|包括|如下)?[:：]"
    r"|(?:专家|医生|队员|成员|人员)?[，,]?(?:由|还有))"
)


_LIST_ENDS = re.compile(r"[。！？\n]")


_GOES_TO_PLACE = re.compile(r"(?:同赴|赴|前往|下沉到?)([\u4e00-\u9fff]{2,6}?)(?=" + _ARE_LISTED.pattern + ")")


def _listed_for_a_place(text: str, mentions, org_at, orgs: dict | None = None) -> dict[int, tuple]:
    """Those listed after the place they go to (赴X的专家为：A、B; 与他同赴谢桥的，还有A和B: the
    article's institution at 谢桥)."""
    places = [(s, e, k, ana) for s, e, k, ana in org_at
              if not ana and _SENT_THERE_ARE.search(text, max(0, s - 3), s)]
    if orgs:
        named = {s for s, _e, _k, _a in org_at}
        for m in _GOES_TO_PLACE.finditer(text):
            there = None if m.start(1) in named else org_at_place(text, m.start(1), m.end(1), orgs)
            if there is not None:
                places.append((m.start(1), m.end(1), there, False))
    out: dict[int, tuple] = {}
    for _s, e, k, _ana in places:
        listed = _ARE_LISTED.match(text, e)
        if listed is None:
            continue
        end = _LIST_ENDS.search(text, listed.end())
        end_at = end.start() if end else len(text)
        out.update((p.start, k) for p in mentions if listed.end() <= p.start < end_at)
    return out


# 冉晓帆、谭洪亮，到中益乡卫生院；秦雨涵，到黄水镇卫生院: items of a list cut by semicolons, each
# naming people, then where they go (or the post they take there: A，任怀集县人民医院重症医学科主任；
# B，任产科主任: the place the list names once); the items may stand a line each, all but the last
# ending with ；
_THEN_GOES = re.compile(r"[，,][ \t]*(?:到|赴|前往|驻点|常驻|进驻|下沉到|派驻到?|任|挂职|挂任|担任)")
_SEMICOLON = re.compile(r"[；;]")
_RUN_ENDS = re.compile(r"[。；;\n]")


def _semicolon_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the lists cut by semicolons: from the start of the sentence or line of the first ；
    to the 。 or line end after the last, across line breaks that follow a ；."""
    runs = []
    at = 0
    while (first := _SEMICOLON.search(text, at)) is not None:
        start = max(text.rfind("。", 0, first.start()), text.rfind("\n", 0, first.start())) + 1
        end = first.start()
        while True:
            nxt = end + 1
            while nxt < len(text) and text[nxt] in " \t\n":
                nxt += 1
            stop = _RUN_ENDS.search(text, nxt)
            if stop is None:
                end = len(text)
                break
            end = stop.start()
            if text[end] not in "；;":
                break
        runs.append((start, end))
        at = end + 1
    return runs


def _items_then_place(text: str, mentions, org_at) -> dict[int, tuple]:
    out: dict[int, tuple] = {}
    named_at = {s: k for s, _e, k, ana in org_at if not ana}
    for run_start, run_end in _semicolon_runs(text):
        items = []  # (people, where the list says they go, if it names it)
        for item in re.finditer(r"[^；;\n]+", text[run_start:run_end]):
            a, b = run_start + item.start(), run_start + item.end()
            goes = next(_THEN_GOES.finditer(text, a, b), None)
            if goes is None:
                continue
            people = [p.start for p in mentions if a <= p.start and p.end <= goes.start()]
            items.append((people, named_at.get(goes.end())))
        places = {k for _people, k in items if k is not None}
        only = next(iter(places)) if len(places) == 1 else None
        for people, k in items:
            out.update((p, k or only) for p in people if k or only)
    return out


# 镇赉县医院（5人）, a line that is a place alone, heading the people of a roster sent there
_PLACE_LINE_REST = re.compile(r"[ \t]*(?:[（(]\d+\s*[人名][）)])?[ \t]*[:：]?[ \t]*$", re.MULTILINE)
_SENT_ROSTER_TITLE = re.compile(
    r"(?:派驻|下派|下沉|驻点|帮扶|支援|援[疆藏青滇黔外]|医疗队)[^\n。]{0,20}(?:名单|如下)"
)


_NUMBERED_LINE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.、．）)]")


def _place_lines(text: str, mentions, org_at) -> dict[int, tuple]:
    """Under a heading naming a roster of people sent (第四批下沉帮扶专家名单), a line that is only a
    place (镇赉县医院（5人）) heads the numbered lines of those sent there."""
    out: dict[int, tuple] = {}
    if not _SENT_ROSTER_TITLE.search(text):
        return out
    starts = {p.start for p in mentions}
    named_at = {s: (e, k) for s, e, k, ana in org_at if not ana}
    host = None
    titled = False  # whether a line before names such a roster
    for line in re.finditer(r"[^\n]*\S[^\n]*", text):
        body = line.group().strip()
        at = line.start() + len(line.group()) - len(line.group().lstrip())
        place = named_at.get(at)
        if place is not None and _PLACE_LINE_REST.match(text, place[0], line.end()):
            host = place[1] if titled else None
            continue
        titled = titled or (len(body) <= 40 and _SENT_ROSTER_TITLE.search(body) is not None)
        if host is None:
            continue
        numbered = _NUMBERED_LINE.match(text, at)
        opening = at
        if numbered:
            opening = numbered.end() + len(text[numbered.end() : line.end()]) - len(
                text[numbered.end() : line.end()].lstrip())
        if opening in starts:
            out[opening] = host
        elif numbered is None:  # (a numbered line whose name the reader does not know goes on)
            host = None
    return out


# 一、威县梨园屯镇中心卫生院¶周一全天：妇产科副主任医师　邱桂芝: a numbered heading that is a place's name
_PLACE_HEADING = re.compile(r"^[ \t]*(?:" + LIST_ITEM.pattern + r")[ \t]*", re.MULTILINE)
_SENT_OUT = re.compile(r"坐诊|下沉|派驻|驻点|巡诊|帮扶|支援|出诊|排班|安排如下")


def _place_headings(text: str, mentions, org_at) -> dict[int, tuple]:
    """A timetable of people sent out, one numbered heading per place (一、X镇卫生院), each followed by
    the lines of those who go there (周一全天：妇产科副主任医师　A), after a passage that says they go
    out (坐诊, 下沉, 安排如下). ``{person's start: host key}``; a place's lines end at a blank line, at
    the next heading, or at a line without a name or with another institution's."""
    out: dict[int, tuple] = {}
    named_at = {s: (e, k) for s, e, k, ana in org_at if not ana}
    for m in _PLACE_HEADING.finditer(text):
        place = named_at.get(m.end())
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if place is None or text[place[0] : line_end].strip(" \t:：") or line_end == len(text):
            continue
        if not _SENT_OUT.search(text, max(0, m.start() - 400), m.start()):
            continue
        at = line_end + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            named = [p for p in mentions if at <= p.start < end]
            if (at == end or _PLACE_HEADING.match(text, at) or not named
                    or any(at <= s < end for s in named_at)):
                break
            out.update((p.start, place[1]) for p in named)
            at = end + 1
    return out


def _name_then_place(text: str, mentions, org_at) -> dict[int, tuple]:
    """周三：心血管内科主任医师施正伟——万里路街道社区卫生服务中心；: a name, a dash and the place the
    person goes to, as a timetable or a roster writes them. ``{person's start: host key}``."""
    named_at = {s: k for s, _e, k, ana in org_at if not ana}
    out: dict[int, tuple] = {}
    for p in mentions:
        dash = _ASSIGNMENT_DASH.match(text, p.end)
        if dash is not None and dash.end() > p.end and dash.end() in named_at:
            out[p.start] = named_at[dash.end()]
    return out


def roster_hosts(text: str, mentions, org_at, orgs: dict | None = None) -> dict[int, tuple]:
    """People listed line by line under a heading that sends them somewhere (派驻X医院（7人）：), each
    going there, or each after the place they go to (X卫生院——内分泌科副主任医师栾慧敏).
    ``{person's start: host key}``; the roster ends at the first line that does not open with a
    person's name (or a place and a dash)."""
    out = _assignment_hosts(text, mentions, org_at)
    out.update(_items_then_place(text, mentions, org_at))
    out.update(_listed_for_a_place(text, mentions, org_at, orgs))
    out.update(_place_lines(text, mentions, org_at))
    out.update(_group_lines(text, mentions, org_at))
    out.update(_place_headings(text, mentions, org_at))
    out.update(_name_then_place(text, mentions, org_at))
    out.update(_table_column(text, mentions, org_at, _HOST_COLUMN))  # (派驻单位)
    starts = {p.start for p in mentions}
    for m in _ROSTER_HEADING.finditer(text):
        host = next((k for s, e, k, ana in org_at if m.start() <= s and e <= m.end() and not ana), None)
        if host is None:
            continue
        line_start = m.end() + 1
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            opening = next((i for i in range(line_start, min(line_end, line_start + 4)) if i in starts), None)
            if opening is None:
                break
            out[opening] = host
            line_start = line_end + 1
    return out


# one of a group sent: 同批驻点的, 与戚晓蔓同批的, 随队; or, where the sentence (or a roster's heading)
# says the group was sent, 还有, 包括, 成员, 本批专家共6人
_SAME_BATCH = re.compile(
    r"(?:[与和跟]([\u4e00-\u9fff·]{2,8}?))?(?:同批|同期|同一批|同时到岗|一同到岗|随队"
    # 和他一同驻点的, 和于鸿飞同船上岛的: went along with the one named
    r"|(?:一同|一起|同船|同车|同机)(?:驻点|进驻|来到|前往|赴|上岛|下沉|援[疆藏青])"
    r"|(?:本|首|该|这|此)批(?:驻点|派驻|下沉|援[疆藏青])?(?:专家|医生|队员))"
)
_THE_OTHERS = re.compile(r"(?:另外|其他|其余|另)[^，,。；;]{0,4}(?:成员|队员)")
_OF_THE_GROUP = re.compile(
    r"还有|包括|成员|队员|本批|首批|这批|该批|此批|共\d+人|(?:此次|本次|这次)[^，,。；;]{0,6}的"
)
_GROUP_SENT = re.compile(
    r"驻点|派|下沉|到岗|援|帮扶|支援|医疗队|专家团队|专家组|挂职|挂任|常驻|进驻|入驻"
    r"|(?:本|首|该|这|此)批(?:专家|医生|队员)"
)


def after_group_opening(text: str, para: Span, pm: PersonMention) -> bool:
    """Whether ``pm`` comes after a colon that closes the paragraph's short opening about a group sent
    (此次进驻的4名专家各有分工：A挂职…；B负责…)."""
    colon = max(text.rfind("：", para.start, pm.start), text.rfind(":", para.start, pm.start))
    opening = text[para.start : colon] if colon >= 0 else ""
    return bool(opening) and len(opening) <= 30 and _OF_THE_GROUP.search(opening) is not None \
        and _GROUP_SENT.search(opening) is not None


def batch_cue(text: str, sent: Span, pm: PersonMention) -> str | None:
    """Whether ``pm`` is named as one of a group sent somewhere: None if not, else the name of the one
    whose batch it says (与戚晓蔓同批的) or "" for the group told about."""
    clause = max([sent.start, *(m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, pm.start))])
    same = list(_SAME_BATCH.finditer(text, clause, pm.start))
    if not same and text.startswith(("还有", "是"), clause):  # 和于鸿飞同船上岛的，还有…宫若曦
        same = list(_SAME_BATCH.finditer(text, sent.start, clause))
    if same:
        return same[-1].group(1) or ""
    opening = text[sent.start : pm.start]
    if _OF_THE_GROUP.search(opening) and _GROUP_SENT.search(opening):
        return ""
    if _THE_OTHERS.search(opening):
        return ""  # 团队另外三名成员是：…: the others of the group just told about
    if opening.startswith("队员") and _OF_THE_GROUP.search(opening):
        return ""  # 队员还包括…: the members of the team the sentence before sent
    ends = CLAUSE_BREAK.search(text, pm.end, sent.end)
    if _GOES_ALONG.search(text, pm.end, ends.start() if ends else sent.end):
        return ""  # …被任命为平利县医院执行院长，党可欣、景昊然随同进驻: with the one just sent
    heading = _roster_heading(text, pm.start)
    if heading and _OF_THE_GROUP.search(heading) and _GROUP_SENT.search(heading):
        return ""
    return None


_MEMBERS_LINE = re.compile(r"[ \t]*(?:队员|成员)[:：]")
# …随同进驻; 晏琪、甘丽娟分别进驻对口科室 (the departments of where the one before was sent)
_GOES_ALONG = re.compile(
    r"(?:随同|一同|一起|同时|同期)(?:进驻|前往|到岗|赴任|抵达|出发|入驻)|分别(?:进驻|入驻|在|到)(?:对口|相应|对应|各)"
)


def _roster_heading(text: str, at: int) -> str | None:
    """The heading (a line ending with a colon) of the list whose line holds ``at``: 本批医疗队成员及所在
    科室如下：¶心血管内科：冉博文（副主任医师，队长）¶神经外科：主治医师戚向东."""
    line_start = text.rfind("\n", 0, at) + 1
    if at - line_start > 20 and not _MEMBERS_LINE.match(text, line_start):
        return None  # (队员：A、B、C…: a line of the team's members, however long)
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line.endswith(("：", ":")):
            return line
        if len(line) > 60 or line.endswith(("。", "！", "？")):
            return None
        end = start - 1
    return None


_TEAM = re.compile(
    r"专家团队|专家组|医疗队|帮扶队|工作队|医疗组|团队|[\d一二三四五六七八九十]+名[\u4e00-\u9fff]{0,4}?(?:专家|医生|医师)"
)
_TEAM_ARRIVES = re.compile(r"(?:抵达|进驻|入驻|来到|到达|奔赴|前往|派驻|赴|驻)$")
_TEAM_NAMES = re.compile(r"(?:成员|队员)(?:包括|有|为|是)|担任(?:队长|领队|组长)")


def team_hosts(text: str, sents: list[Span], mentions, org_at) -> tuple[dict[int, tuple], dict[int, tuple]]:
    """A team told to arrive somewhere (专家团队一行5人抵达我院), then its people named (由X担任队长，
    成员包括A、B和C; 医疗队影像科医生韩嘉霖): each of them goes where the team went, and comes from
    the institution whose team it is (青海红十字医院第五批医疗队), when the arrival names one.
    ``({person's start: host key}, {person's start: home key})``."""
    hosts: dict[int, tuple] = {}
    homes: dict[int, tuple] = {}
    went, sender = None, None
    for sent in sents:
        team = _TEAM.search(sent.text)
        if team is not None:
            for s, _e, k, _ana in org_at:
                if (sent.start + team.end() <= s < sent.end
                        and _TEAM_ARRIVES.search(text, max(sent.start, s - 3), s) is not None):
                    went = k
                    opens = sent.start + team.start()
                    whose = [k0 for s0, e0, k0, _a in org_at
                             if sent.start <= s0 and e0 <= opens and _BATCH_WORDS.fullmatch(text, e0, opens)]
                    sender = whose[-1] if whose and whose[-1] != went else None
                    break
        if went is None or team is None:
            continue  # (who is named with the team: only in a sentence that names one)
        named = [p for p in mentions if sent.start <= p.start and p.end <= sent.end]
        if _TEAM_NAMES.search(sent.text):
            hosts.update((p.start, went) for p in named)
        else:  # 医疗队影像科医生韩嘉霖: one of the team, named with it
            hosts.update((p.start, went) for p in named
                         if _OF_THE_TEAM.search(text, max(sent.start, p.title_start - 10), p.title_start))
        if sender is not None:
            homes.update((p.start, sender) for p in named if p.start in hosts)
    return hosts, homes


_BATCH_WORDS = re.compile(r"[第\d一二三四五六七八九十批援疆藏青对口支援帮扶驻点派驻的]*")
_OF_THE_TEAM = re.compile(r"(?:医疗队|帮扶队|工作队|专家团队)(?:队员)?(?:[\u4e00-\u9fff]{1,6}科)?$")


_TEAM_OR_NUMBERED = re.compile(_TEAM.pattern + r"|第[一二三四五六七八九十]+(?:分队|队|组)")
_WORKS_IN = re.compile(r"(?:主要|分别|轮流)?(?:在|到|赴|驻)$")
_WORK_DONE = re.compile(r"[ \t]*(?:开展|驻点|巡诊|坐诊|工作|帮扶|服务)")


def team_places(text: str, sents: list[Span], mentions, org_at) -> dict[int, list]:
    """A team and its people named, then the places where it works (第一队由A任队长，队员有B、C等8人，
    主要在X和Y开展工作): each of them goes to each place. ``{person's start: [host keys]}``."""
    out: dict[int, list] = {}
    parts = [Span(sent.start + m.start(), sent.start + m.end(), m.group())
             for sent in sents if _TEAM_NAMES.search(sent.text)
             for m in re.finditer(r"[^；;]+", sent.text)]  # 第一队…；第二队…
    for sent in parts:
        if _TEAM_OR_NUMBERED.search(sent.text) is None or not _TEAM_NAMES.search(sent.text):
            continue
        named = [p for p in mentions if sent.start <= p.start and p.end <= sent.end]
        if not named:
            continue
        after = [(s, e, k) for s, e, k, ana in org_at if named[-1].end <= s and e <= sent.end and not ana]
        if not after or not _WORKS_IN.search(text, max(sent.start, after[0][0] - 4), after[0][0]):
            continue
        places = [after[0]]
        for s, e, k in after[1:]:
            if text[places[-1][1] : s] not in ("、", "和", "及", "与"):
                break
            places.append((s, e, k))
        if _WORK_DONE.match(text, places[-1][1]):
            keys = list(dict.fromkeys(k for _s, _e, k in places))
            out.update((p.start, keys) for p in named)
    return out


_SENDS_PEOPLE = re.compile(_TEAM.pattern + "|" + _SENDS.pattern)


def sender_nearby(text: str, paras: list[Span], at: int, org_at) -> tuple | None:
    """The institution that sends people (…医疗队, 选派…), named first in a paragraph that says so,
    among the three paragraphs up to the one holding ``at``."""
    here = max((i for i, p in enumerate(paras) if p.start <= at), default=0)
    for para in paras[max(0, here - 2) : here + 1]:
        cue = _SENDS_PEOPLE.search(text, para.start, para.end)
        if cue is None:
            continue
        first = next((k for s, _e, k, ana in org_at if para.start <= s < cue.start() and not ana), None)
        if first is not None:
            return first
    return None


def org_at_place(text: str, start: int, end: int, orgs: dict, anywhere: bool = False):
    """The article's one organisation at the place named at ``start``: a township, county or city
    (驻点城口: the article's hospital in 城口县); anywhere in the span, a township only."""
    gaz = gazetteer()
    window = text[start:end] if anywhere else text[start : min(end, start + 8)]
    found = []
    for key, org in orgs.items():
        code = org.adcode or ""
        placed = len(code) == 9 or (not anywhere and len(code) == 6 and not code.endswith("0000"))
        town = gaz.get(code) if placed else None
        names = [n for n in (town.name, *town.shorts) if len(n) >= 2] if town else []
        if any((n in window) if anywhere else window.startswith(n) for n in names):
            found.append(key)
    return found[0] if len(found) == 1 else None


def is_a(orgs: dict, key, etype: EntityType) -> bool:
    org = orgs.get(key)
    return org is not None and org.type is etype


def is_academic(orgs: dict, key) -> bool:
    return is_a(orgs, key, EntityType.ACADEMIC)


def enumeration_groups(text: str, mentioned,
                       joiners: tuple[str, ...] = ("、", "，", ",", "、与", "、和", "、同")) -> list[list]:
    """Names listed with 、 form one group (三峡大学、江汉大学、长江大学); 与/和/及 start another,
    unless 、 comes before them (先后托管A、与B组建医联体: A and B are both what the subject took on)."""
    groups: list[list] = []
    prev_end = None
    for s, e, k, _ in sorted(mentioned):
        if prev_end is not None and groups and text[prev_end:s] in joiners:
            if k not in groups[-1]:
                groups[-1].append(k)
        elif not groups or k not in groups[-1]:
            groups.append([k])
        prev_end = e
    merged: list[list] = []
    for g in groups:
        if not any(set(g) <= set(m) for m in merged):
            merged.append(g)
    return merged

"""Partnerships within an article: who partners with whom, in what kind, since when.

Rules read how Chinese news writes these facts: a partnership cue (紧密型医联体, 托管, 对口帮扶,
专科联盟) with the organisations of the same sentence, the institution a passage is about when the
sentence names only the partner (以武汉市中心医院为龙头), lists of leads and members, alliances
and their members, and the date a partnership was set up. Who works where is :mod:`kg.postings`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from .dates import DateMention, cn_number
from .lexicon import lexicon
from .model import Document, EntityType, PartnershipType, RelationType
from .postings import enumeration_groups, is_a
from .regions import gazetteer
from .segment import CLAUSE_BREAK, LIST_ITEM, Span, table_cells

__all__ = ["formation_dates", "formed_on", "partners_sent_to", "partnerships"]


def _partnership(a, b, evidence, kinds, date: str | None, lead=None) -> dict:
    """A partnership fact between the organisations ``a`` and ``b`` (keys), ``lead`` one of them."""
    return {
        "type": RelationType.PARTNER_OF,
        "source": ("org", a),
        "target": ("org", b),
        "evidence": evidence,
        "partnership_types": frozenset(kinds),
        "date": date,
        "lead": ("org", lead) if lead is not None and lead in (a, b) else None,
    }


def _membership(member, alliance, evidence) -> dict:
    """The fact that the organisation ``member`` (a key) belongs to the alliance ``alliance``."""
    return {"type": RelationType.MEMBER_OF, "source": ("org", member), "target": ("alliance", alliance),
            "evidence": evidence}


_BESIDES = ("外", "以外", "之外")  # 除深圳二院外，A也与B结对: besides the one named, not a party


def _is_authority(orgs: dict, key) -> bool:
    """Health authorities arrange, oversee and announce partnerships (按照省卫生健康委的统一部署,
    卫健委要主动对接); they are no party to one."""
    return is_a(orgs, key, EntityType.AUTHORITY)


def _span_kinds(span: Span, org_at) -> tuple[set[PartnershipType], bool]:
    """:func:`_cue_types` of a paragraph or sentence, cues inside its institutions' names left out."""
    names = [(s - span.start, e - span.start) for s, e, _k, ana in org_at
             if not ana and span.start <= s and e <= span.end]
    return _cue_types(span.text, names)


def _introduced_kinds(paras: list[Span], n: int, org_at, itself: bool) -> tuple[set[PartnershipType], Span]:
    """The kinds of partnership a list at paragraph ``n`` is of: those its paragraph (if ``itself``)
    or the nearest one before names (2024年度省级医联体建设名单如下：), and that paragraph."""
    for before in [*([paras[n]] if itself else []), *reversed(paras[:n])]:
        kinds, _ = _span_kinds(before, org_at)
        if kinds:
            return kinds, before
    return set(), paras[n]




@cache
def _verb_pattern() -> re.Pattern[str]:
    """The partnering verbs (签约, 共建 …) as one pattern."""
    return re.compile("|".join(map(re.escape, sorted(lexicon().partnership_verbs, key=len, reverse=True))))


@cache
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, tuple[PartnershipType, bool]]]:
    cues = lexicon().partnership_cues
    alternation = "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))
    return re.compile(alternation), cues


def _cue_types(sentence: str, names: list[tuple[int, int]] = ()) -> tuple[set[PartnershipType], bool]:
    """Partnership kinds a sentence names, and whether any cue is strong; cues inside the
    organisation names at ``names`` (武穴市医共体总医院) do not count. The longest cue wins."""
    pattern, cues = _cue_pattern()
    found: set[PartnershipType] = set()
    strong = False
    for m in pattern.finditer(sentence):
        if any(a <= m.start() < b for a, b in names):
            continue
        if sentence.startswith(_AFTERWARDS, m.end()) and not _JOINED_SINCE.search(sentence, 0, m.start()):
            # 托管后，专家还将…: the time after a partnership told before, not a new one (but
            # 自2019年加入山东省立医院医联体以来: the joining, told with the time since)
            continue
        ptype, is_strong = cues[m.group()]
        found.add(ptype)
        strong = strong or is_strong
    return found, strong


_TEAM_NOUNS = ("医疗队", "专家", "队员", "医生", "干部", "人才", "团队")


def _states_kind(sentence: str) -> bool:
    """Whether a strong cue of the sentence names a partnership, not the team it sends (援青医疗队一行9人
    赴久治县人民医院开展义诊: a team on a visit, whose partner the sentence does not say)."""
    pattern, cues = _cue_pattern()
    return any(cues[m.group()][1] and not sentence.startswith(_TEAM_NOUNS, m.end())
               for m in pattern.finditer(sentence))


_AFTERWARDS = ("后，", "后,", "以来", "之后", "期间")
_JOINED_SINCE = re.compile(r"(?:自|从)[^，,。；;]{0,12}?(?:加入|签订|签署|组建|建立|结成)[^，,。；;]{0,20}$")
_TAKES_IN_VERBS = ("吸纳", "纳入", "整合", "下辖", "涵盖")
_MEMBERSHIP_VERBS = (*_TAKES_IN_VERBS, "成员单位包括", "成员单位有")
_GENERIC_KINDS = {PartnershipType.MEDICAL_ALLIANCE, PartnershipType.REFERRAL, PartnershipType.TELEMEDICINE}
_SPECIFIC_ALLIANCES = {
    PartnershipType.TIGHT_MEDICAL_ALLIANCE,
    PartnershipType.COUNTY_MEDICAL_COMMUNITY,
    PartnershipType.SPECIALTY_ALLIANCE,
}


def _alliance_spans(alliances, sent: Span) -> list[tuple[int, int, object]]:
    """(start, end, key) of each alliance named in the sentence, in order."""
    return sorted((a, b, key) for key, al in alliances.orgs.items() for a, b in al.spans
                  if sent.start <= a < sent.end)


def _paragraph_date(sent: Span, sents: list[Span], paras: list[Span], dates: list[DateMention]) -> str | None:
    """The date told in the sentence's paragraph, up to the sentence."""
    para = next((p for p in paras if p.start <= sent.start < p.end), sent)
    return _date_for([x for x in sents if para.start <= x.start <= sent.start], dates)


def partnerships(
    doc: Document,
    sents: list[Span],
    paras: list[Span],
    org_at,
    topic: Callable,
    dates: list[DateMention],
    alliances,
    orgs: dict | None = None,
) -> list[dict]:
    """Partnership facts (as keyword arguments of :class:`kg.extract.Fact`), sentence by sentence."""
    text = doc.norm
    facts: list[dict] = []
    claimed: set[int] = set()  # sentences a rule has read whole (their groups' members are told)
    for n, para in enumerate(paras):
        para_types, _ = _span_kinds(para, org_at)
        para_sents = [s for s in sents if para.start <= s.start and s.end <= para.end]
        for idx, sent in enumerate(para_sents):
            names = [
                (s - sent.start, e - sent.start)
                for s, e, _k, ana in org_at
                if not ana and sent.start <= s and e <= sent.end
            ]
            types, strong = _cue_types(sent.text, names)
            by_clause = _groups_joined_by_clause(doc, sent, org_at, alliances, orgs or {},
                                                 _date_for(para_sents[: idx + 1], dates))
            if by_clause:  # (in the kinds the sentence names too: …，实现双向转诊和远程会诊)
                extra = types - {PartnershipType.MEDICAL_ALLIANCE}
                facts.extend({**f, "partnership_types": f["partnership_types"] | extra}
                             if f["type"] is RelationType.PARTNER_OF else f for f in by_clause)
                claimed.add(sent.start)
                continue
            headed = (_heads_with_members(text, sent, [m for m in org_at if sent.start <= m[0] < sent.end])
                      if len(names) > 1 and "以" in sent.text and _HEAD_ROLE.search(sent.text) else [])
            if headed:  # 以A为总院，B、C、D为分院；以E为总院，F、G为分院 (the group the paragraph names)
                kinds = _kinds_in_context(types, para_types)
                ev = doc.evidence(sent.start, sent.end)
                date = _date_for(para_sents[: idx + 1], dates)
                facts.extend(_partnership(a, b, ev, kinds, date, a) for a, b in headed)
                continue
            if not types and any(v in sent.text for v in _MEMBERSHIP_VERBS):
                # 阳西县总医院下辖县人民医院、县中医院…: members of the group the paragraph names (or the
                # one before: …紧密型城市医疗集团正式挂牌。¶集团以X为龙头，整合A、B…)
                group_kinds = para_types or _introduced_kinds(paras, n, org_at, itself=False)[0]
                types = {t for t in group_kinds if t in _SPECIFIC_ALLIANCES}
                strong = bool(types)
            has_verb = _verb_pattern().search(sent.text) is not None if types or len(names) > 1 else False
            if not types and has_verb and _joined(sent.text, names):
                # …城市医疗集团在泉州成立。A与B、C现场签约: what they sign, the paragraph says
                types = set(para_types)
            if not types:
                continue
            if not strong and not has_verb:
                continue
            # 该院由A与B合作共建: what A and B built is not a party of their partnership
            # (A医共体覆盖…，B医共体覆盖…: two groups, each named after its head, are not a partnership
            # of their heads)
            group_spans = _alliance_spans(alliances, sent)
            if len({key for _a, _b, key in group_spans}) < 2:
                group_spans = []
            mentioned = [(s, e, k, ana) for s, e, k, ana in org_at
                         if sent.start <= s and e <= sent.end and text[e : e + 1] != "由"
                         and not _is_authority(orgs or {}, k)
                         and not (text[max(0, s - 1) : s] == "除" and text.startswith(_BESIDES, e))
                         and not any(a <= s < b for a, b, _key in group_spans)]
            explicit = {k for _s, _e, k, ana in mentioned if not ana}
            keys = list(dict.fromkeys(k for _, _, k, _ in mentioned))
            if "排名不分先后" in sent.text or _TOGETHER.search(sent.text):
                # a list of sponsors; 我院与A、B一同被授予…成员单位: members side by side, not partners
                continue
            date = _date_for(para_sents[: idx + 1], dates)
            lead = _lead(text, sent, mentioned)
            if len(explicit) > 4 and lead is not None and _TAKES_IN.search(sent.text):
                # A牵头组建城市医疗集团，将B、C、D…5家基层医疗机构纳入集团: the lead with each taken in
                ev = doc.evidence(sent.start, sent.end)
                kinds = _kinds_in_context(types, para_types)
                facts.extend(_partnership(lead, k, ev, kinds, date, lead)
                             for k in explicit if k != lead and not _is_authority(orgs or {}, k))
                continue
            co_led = _co_leads(text, sent, mentioned)
            if co_led:  # 联盟由A和B共同牵头，C、D、E等成员单位签约: each lead with each member, and together
                ev = doc.evidence(sent.start, sent.end)
                kinds = _kinds_in_context(types, para_types)
                leads, members = co_led
                facts.extend(_partnership(a, b, ev, kinds, date)
                             for i, a in enumerate(leads) for b in leads[i + 1 :])
                facts.extend(_partnership(a, m, ev, kinds, date, a) for a in leads for m in members)
                continue
            chained = _paired_chain(text, mentioned)
            if len(explicit) > 4 and not chained and not _one_with_a_list(text, mentioned):
                # a list of sponsors or members, not a statement of partnership, unless each of its
                # clauses pairs two: 省人民医院对口帮扶白沙县人民医院，海口市人民医院对口帮扶屯昌县人民医院
                facts.extend(_clause_pairs(doc, sent, mentioned, date))
                continue
            pairs: list[tuple] = []
            pair_leads: dict[tuple, object] = {}
            if not chained and len(explicit) == 4:
                # A与B紧密型医联体、C对口帮扶D工作先后启动; A与B签约，C对口帮扶D: two clauses, two pairs
                chained = _two_clauses_two_pairs(sent, mentioned)
            if chained:  # A与B、C与D分别签约: two pairs, each senior partner leading its own
                pairs = chained
                pair_leads = {(a, b): _senior(a, [b], orgs or {}) for a, b in chained}
            elif len(keys) >= 2:
                groups = enumeration_groups(text, mentioned)
                if _each_on_its_own(text, sent, mentioned):
                    continue
                if len(groups) == 1:  # 签约成为三峡大学、江汉大学、长江大学等高校教学实习基地
                    t = topic(sent.start)
                    last_end = max(e for _s, e, _k, _a in mentioned)
                    if _WITH_UNNAMED.match(text, last_end, sent.end) or "分别以" in sent.text:
                        # …等6家医院与吐鲁番各级医院建立帮扶关系: the partners go unnamed; 分别以A、B
                        # 为总院: each heads its own, the article's subject is not their partner
                        t = None
                    if t and t not in keys:
                        pairs = [(t, k) for k in keys]
                        lead = lead or t
                elif len(keys) == 3 and "三方" in sent.text:  # 与B、C签署三方协议: each with each
                    pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
                elif (len(groups) == 2 and len(groups[0]) == len(groups[1]) > 1
                      and re.search(r"分别(?:与|和|同)", sent.text)):
                    # A、B两院分别与C、D签约: respectively, A with C and B with D
                    pairs = list(zip(groups[0], groups[1], strict=True))
                else:
                    if len(groups) >= 3 and _joins_side(text, mentioned, groups[1][0]):
                        # A牵头，联合B、C等医院，对口支援D: B and C help beside A, they do not partner A
                        groups = [groups[0] + groups[1], *groups[2:]]
                    for g in groups[1:]:
                        pairs += [(a, b) for a in groups[0] for b in g if a != b]
                    if lead is None and len(groups[0]) == 1:
                        lead = _senior(groups[0][0], [k for g in groups[1:] for k in g], orgs or {})
                    elif lead is None and len(groups) == 2 and len(groups[1]) == 1:
                        lead = _senior(groups[1][0], groups[0], orgs or {})  # the list, then 与 the one
            elif (len(keys) == 1 and explicit and (lead or (strong and _states_kind(sent.text)))
                  and not _is_authority(orgs or {}, keys[0])):
                # 以武汉市中心医院为龙头 …: the partner is the other institution the paragraph is about
                # (a health authority there announces or oversees, it does not partner)
                in_para = Counter(
                    k for s, e, k, _ in org_at if para.start <= s and e <= sent.end and k != keys[0]
                    and not _is_authority(orgs or {}, k)
                )
                if in_para:
                    pairs = [(keys[0], in_para.most_common(1)[0][0])]
            if not pairs:
                continue
            kinds = _kinds_in_context(types, para_types)
            ev = doc.evidence(sent.start, sent.end)
            facts.extend(_partnership(a, b, ev, kinds, date, pair_leads.get((a, b), lead)) for a, b in pairs)
    facts.extend(_listed_leads_and_members(doc, sents, paras, org_at, dates))
    facts.extend(_dashed_pairs(doc, sents, paras, org_at, dates))
    facts.extend(_table_of_leads_and_members(doc, sents, paras, org_at, dates))
    facts.extend(_table_of_pairs(doc, sents, paras, org_at, dates))
    facts.extend(_members_listed_below(doc, sents, paras, org_at, dates, alliances, facts, orgs or {}))
    facts.extend(_whole_county_members(doc, sents, org_at, dates, orgs or {}))
    for key, alliance in alliances.orgs.items():
        for s, e in alliance.spans:
            sent = next((x for x in sents if x.start <= s < x.end), None)
            if sent is None or sent.start in claimed:
                continue
            # (not the institution the alliance is named after, inside its name, nor the one another
            # alliance of the sentence is named after: 市人民医院医共体覆盖…，市中医医院医共体覆盖…)
            named_spans = [(a, b) for a, b, _key in _alliance_spans(alliances, sent)]
            members = [k for ms, me, k, _ in org_at if sent.start <= ms and me <= sent.end
                       and not any(a <= ms < b for a, b in named_spans)]
            heading = LIST_ITEM.sub("", text[sent.start : s]).strip() == "" and not text[e : sent.end].strip()
            if heading:  # 四、百色市中医专科联盟 (a line of its own): the lines after it say who is in it
                facts.extend(_heading_lead_and_members(doc, sent, key, org_at, paras))
                continue
            heads_here = {k for ms, _me, k, _ in org_at if any(a <= ms < b for a, b in named_spans)}
            if not members and topic(s) and topic(s) not in heads_here - {
                    k for ms, _me, k, _ in org_at if s <= ms < e}:
                # (the article's institution, unless it heads another group the sentence names)
                members = [topic(s)]
            if not members:
                continue
            joined = _joins_one_led(doc, sent, s, key, alliance, org_at, dates, sents, paras)
            if joined:  # 医院2024年加入了A牵头的X联盟: A leads, the one that joins is a member
                facts.extend(joined)
                continue
            window = text[sent.start : s]
            # (…联盟于2019年由福建省妇幼保健院牵头组建: the one that leads named after the alliance)
            led_after = _LED_BY.match(text, e, sent.end)
            # (市人民医院医共体: the institution it is named after, at its start)
            own_head = {k for ms, me, k, _ in org_at
                        if ms == s and me < e and _GROUP_WORD.search(text, me, e)}
            leads_it = any(c in window for c in ("牵头", "组建", "龙头", "领衔")) or led_after
            rel = RelationType.LEADS if leads_it or members[0] in own_head else RelationType.MEMBER_OF
            facts.append(
                {
                    "type": rel,
                    "source": ("org", members[0]),
                    "target": ("alliance", key),
                    "evidence": doc.evidence(sent.start, sent.end),
                }
            )
            # 我院与A、B一同被授予“…联盟成员单位”: those listed together before it are members too
            listed = [k for ms, me, k, _ in org_at if sent.start <= ms and me <= s and k != members[0]]
            if listed and "成员" in text[s : sent.end] and _TOGETHER.search(text, sent.start, s + 2):
                ev = doc.evidence(sent.start, sent.end)
                facts.extend(_membership(k, key, ev) for k in dict.fromkeys(listed))
            # 郏县人民医院医共体吸纳冢头镇卫生院、堂街镇中心卫生院…: the list it takes in are its members
            after = [m for m in org_at if e <= m[0] and m[1] <= sent.end and not m[3]]
            if after and _TAKES_IN.match(text, e) and members:
                ev = doc.evidence(sent.start, sent.end)
                taken = enumeration_groups(text, after)[0]
                facts.extend(_membership(k, key, ev) for k in taken)
            # …联盟成立，A、B、C等42家医院成为首批成员单位: those named after it are its members
            elif "成员" in text[s : sent.end]:
                later = [k for ms, me, k, _ in org_at if s < ms and me <= sent.end and k != members[0]]
                # 由A牵头组建的儿科专科联盟…B、C成为首批成员单位: A partners each of them in the kind
                # the alliance's name says (the sentence-level rule skips cues inside names)
                kinds, _ = _cue_types(alliance.label)
                led = rel is RelationType.LEADS and bool(kinds)
                date = _paragraph_date(sent, sents, paras, dates)
                ev = doc.evidence(sent.start, sent.end)
                for k in dict.fromkeys(later):
                    facts.append(_membership(k, key, ev))
                    if led:
                        facts.append(_partnership(members[0], k, ev, kinds, date, members[0]))
    facts.extend(_members_named_later(doc, sents, org_at, alliances, facts, dates, orgs or {}))
    facts.extend(_named_leads_partner_members(alliances, facts, orgs or {}))
    facts = [f for f in facts if f["type"] is not RelationType.PARTNER_OF
             or not (_is_authority(orgs or {}, f["source"][1]) or _is_authority(orgs or {}, f["target"][1]))]
    _one_date_per_partnership(doc, sents, facts)
    return facts


_LEADS_THE = re.compile(r"(?:[（(][^（）()]{1,24}[）)])?(?:牵头|领衔|主导)(?:组建|成立|发起|建立)?的")
_JOINS = re.compile(r"(?:正式|先后|已|也|还)?(?:加入|成为|纳入)了?")


def _joins_one_led(doc: Document, sent: Span, s: int, key, alliance, org_at, dates: list[DateMention],
                   sents: list[Span], paras: list[Span]) -> list[dict]:
    """医院2024年加入了中国科学技术大学附属第一医院牵头的安徽省胸痛中心联盟: the one named right before
    牵头的 leads the alliance; one named before 加入 joins it, and partners the lead in the kind the
    alliance's name says. Empty unless the sentence says both."""
    text = doc.norm
    before = [m for m in org_at if sent.start <= m[0] and m[1] <= s]
    lead = next((m for m in reversed(before) if _LEADS_THE.fullmatch(text, m[1], s)), None)
    if lead is None or lead[3]:
        return []  # (…加入由该院牵头组建的联盟: 该院 is read by the rules for the sentence)
    joiners = [m for m in before if m[1] <= lead[0] and m[2] != lead[2]
               and _JOINS.search(text, m[1], lead[0]) is not None
               and not CLAUSE_BREAK.search(text, m[1], lead[0])]
    if not joiners:
        return []
    kinds, _ = _cue_types(alliance.label)
    ev = doc.evidence(sent.start, sent.end)
    date = _paragraph_date(sent, sents, paras, dates)
    out = [{"type": RelationType.LEADS, "source": ("org", lead[2]), "target": ("alliance", key),
            "evidence": ev}]
    for joiner in dict.fromkeys(m[2] for m in joiners):
        out.append(_membership(joiner, key, ev))
        if kinds:
            out.append(_partnership(lead[2], joiner, ev, kinds, date, lead[2]))
    return out


_FORMED = re.compile(r"组建|成立|牵头|龙头|挂牌")
_CO_LEAD = re.compile(r"(?:共同|联合)牵头")
_BRACKETED = re.compile(r"[（(][^（）()]{1,30}[）)]")


def _co_leads(text: str, sent: Span, mentioned) -> tuple[list, list] | None:
    """(leads, members) of a sentence where two or more institutions named together lead (A和B共同牵头)
    and others named after it join; None otherwise."""
    co = _CO_LEAD.search(text, sent.start, sent.end)
    if co is None:
        return None
    before = [m for m in mentioned if m[1] <= co.start() and not m[3]]
    after = [m for m in mentioned if m[0] >= co.end() and not m[3]]
    if not before or not after:
        return None
    leads = [before[-1][2]]
    for prev, nxt in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        # (a name's other name in brackets may come between: A（A's other name）和B)
        if _BRACKETED.sub("", text[prev[1] : nxt[0]]) not in ("、", "和", "与", "及", "、和"):
            break
        leads.insert(0, prev[2])
    leads = list(dict.fromkeys(leads))
    members = [k for k in dict.fromkeys(k for _s, _e, k, _a in after) if k not in leads]
    return (leads, members) if len(leads) >= 2 and members else None


# 省立医院与临沂、菏泽、聊城3市的6家县级医院签订对口帮扶协议: partners counted, not named
_COUNTED_PARTNERS = re.compile(
    r"与[^。；;]{0,20}?([\d一二三四五六七八九十两]+)家[^。；;，,]{0,10}?(?:医院|卫生院|单位|机构)"
    r"[^。；;]{0,6}?(?:签订|签署|建立|结成|开展)"
)


def partners_sent_to(doc: Document, sents: list[Span], org_at, dates: list[DateMention],
                     sent: list[tuple]) -> list[dict]:
    """An institution said to partner with N institutions it does not name, and whose people the
    article then sends to N of them (6名挂职专家分别是：…，挂职沂水县人民医院业务副院长；…): those N are
    the partners. ``sent``: (home, host) of each person sent, in the article's order."""
    facts: list[dict] = []
    for sentence in sents:
        m = _COUNTED_PARTNERS.search(sentence.text)
        if m is None:
            continue
        count = int(m.group(1)) if m.group(1).isdigit() else cn_number(m.group(1).replace("两", "二"))
        at = sentence.start + m.start()
        subject = next((k for s, e, k, _ana in reversed(org_at) if sentence.start <= s and e <= at), None)
        hosts = list(dict.fromkeys(host for home, host in sent if home == subject and host != subject))
        if subject is None or len(hosts) != count:
            continue
        kinds, _ = _span_kinds(sentence, org_at)
        date = _date_for([sentence], dates)
        ev = doc.evidence(sentence.start, sentence.end)
        facts.extend(_partnership(subject, host, ev, kinds, date, lead=subject) for host in hosts)
    return facts


def formation_dates(text: str, sents: list[Span], org_at, dates: list[DateMention]) -> dict[tuple, tuple]:
    """When each group an article dates was formed, by its lead: ``{("org", lead): (kinds, date)}``.

    2023年3月，以县人民医院为龙头组建医共体 … 孔田分院（孔田镇中心卫生院）…: a member named later without
    a date of its own joined when the group was formed (see :func:`formed_on`)."""
    formed: dict[tuple, tuple[frozenset, str]] = {}
    for sent in sents:
        inside = [d for d in dates if sent.start <= d.start < sent.end and not d.plan_year]
        if not inside or not _FORMED.search(sent.text):
            continue
        kinds, _ = _cue_types(sent.text, [])
        kinds &= _SPECIFIC_ALLIANCES
        if not kinds:
            continue
        mentioned = [m for m in org_at if sent.start <= m[0] and m[1] <= sent.end and not m[3]]
        lead = _lead(text, sent, mentioned)
        if lead is not None and ("org", lead) not in formed:
            best = max(inside, key=lambda d: (len(d.value), d.start))
            formed[("org", lead)] = (frozenset(kinds), best.value)
    return formed


def formed_on(formed: dict[tuple, tuple], lead, kinds: frozenset) -> str | None:
    """The date a partnership of ``kinds`` led by ``lead`` takes when its own sentence has none."""
    if lead not in formed:
        return None
    group_kinds, date = formed[lead]
    return date if group_kinds & kinds else None


_ESTABLISHED = re.compile(r"签订|签署|签约|续签|升级为|建立|组建|成立|结成|结对|达成|揭牌|挂牌|启动|加入")


def _one_date_per_partnership(doc: Document, sents: list[Span], facts: list[dict]) -> None:
    """早在2019年，两院就建立了对口帮扶关系 … 去年8月，林医生来到东乡挂职: a partnership's date is when it
    was established, not the latest thing that happened in it. When an article dates one pair twice,
    the date of a sentence that says it was set up (签订, 建立, 组建…) holds for all its facts."""
    by_pair: dict[frozenset, list[dict]] = defaultdict(list)
    for f in facts:
        if f["type"] is RelationType.PARTNER_OF:
            by_pair[frozenset((f["source"], f["target"]))].append(f)
    sentence_at: dict[tuple[int, int], str] = {}
    for group in by_pair.values():
        if len({f["date"] for f in group if f["date"]}) < 2:
            continue
        if not sentence_at:
            for sent in sents:
                ev = doc.evidence(sent.start, sent.end)
                sentence_at[(ev.start, ev.end)] = sent.text
        founding = [f for f in group if f["date"]
                    and _ESTABLISHED.search(sentence_at.get((f["evidence"].start, f["evidence"].end), ""))]
        if founding:
            date = min((f["date"] for f in founding), key=lambda d: (-len(d), d))
            for f in group:
                f["date"] = date


_TAKES_IN = re.compile("|".join(_TAKES_IN_VERBS))
_TOGETHER = re.compile(r"(?:一同|一起|共同|同时|均|都)(?:被)?(?:授予|成为|获评|获授|加入|纳入|入选)")


def _named_leads_partner_members(alliances, facts: list[dict], orgs: dict) -> list[dict]:
    """我院正式加入河北省胸科医院呼吸专科联盟: an alliance named after an institution (its name opens
    the alliance's) is led by it, and each member partners it in the kind the name says."""
    out: list[dict] = []
    for f in [f for f in facts if f["type"] is RelationType.MEMBER_OF]:
        alliance = alliances.orgs.get(f["target"][1])
        member = f["source"][1]
        if alliance is None:
            continue
        leads = [k for k, o in orgs.items()
                 if k != member and alliance.label.startswith(o.label) and len(o.label) < len(alliance.label)]
        kinds, _ = _cue_types(alliance.label)
        if len(leads) == 1 and kinds:
            out.append(_partnership(leads[0], member, f["evidence"], kinds, None, leads[0]))
    return out


_LED_BY = re.compile(r"[^。；;]{0,16}?由[^，,。；;]{2,30}?(?:牵头|领衔)")
_MEMBERS = re.compile(
    r"等?(?:\d+家)?成员单位|等?(?:\d+家)?成员医院"
    r"|(?:等?\d+家(?:医院|单位|医疗机构))?[^，,。；;]{0,4}加入(?:该|本)?联盟"  # A、B等6家医院正式加入联盟
)


_GROUP_WORD = re.compile(r"医共体|医联体|医疗集团|联盟")


def _members_named_later(doc: Document, sents: list[Span], org_at, alliances, facts: list[dict],
                         dates: list[DateMention], orgs: dict) -> list[dict]:
    """大会上，院长覃业强为都安县人民医院、大化县人民医院等成员单位授牌; 首批成员包括A、B及C: institutions
    a later sentence lists as members are members of the led alliance named last before it, and its
    lead's partners."""
    if not alliances.orgs:
        return []
    text = doc.norm
    out: list[dict] = []
    for sent in sents:
        marker = _MEMBERS.search(text, sent.start, sent.end)
        listing = _MEMBERS_LISTED.search(text, sent.start, sent.end)
        if marker is None and listing is None:
            continue
        key = _alliance_named_before(alliances, sent.start)
        spans = (s for a in alliances.orgs.values() for s, _e in a.spans)
        if key is None or any(sent.start <= s < sent.end for s in spans):
            continue  # (a sentence that names an alliance is read as a statement of its own)
        kind_words = set(_GROUP_WORD.findall(text, sent.start, sent.end))
        if kind_words and not any(w in alliances.orgs[key].label for w in kind_words):
            continue  # (A牵头组建紧密型县域医共体，B、C成为首批成员单位: another group than the alliance's)
        lead = _alliance_lead(key, alliances.orgs[key], facts, orgs)
        if lead is None:
            continue
        last = []
        if listing is not None and (marker is None or listing.start() <= marker.start()):
            # 首批成员包括A、B…及F, 联盟成员单位A、B的…: the list right after, to its last (及, 和, 以及)
            named = [m for m in org_at if listing.end() <= m[0] and m[1] <= sent.end and not m[3]]
            groups = enumeration_groups(text, named, joiners=(*_LIST_JOINERS, "和"))
            last = groups[0] if groups and named[0][0] == listing.end() else []
        if not last and marker is not None:  # (A、B和C 4家医院被授予联盟成员单位牌匾: none after it)
            # only the list right before 成员单位 (A、B、C等成员单位), not whoever else the sentence names
            named = [m for m in org_at if sent.start <= m[0] and m[1] <= marker.start() and not m[3]]
            last = _list_before(text, named)
        listed = [k for k in last if k != lead and not _is_authority(orgs, k)]
        kinds, _ = _cue_types(alliances.orgs[key].label)
        ev = doc.evidence(sent.start, sent.end)
        date = _date_for([sent], dates)
        for k in dict.fromkeys(listed):
            out.append(_membership(k, key, ev))
            if kinds:
                out.append(_partnership(lead, k, ev, kinds, date, lead))
    return out


# what may stand between two names of one list: 、, 和, 及, or a place's name with 的 (，阜阳市的)
_LIST_GAP = re.compile(r"[、，,]?(?:和|及|以及)?(?:[\u4e00-\u9fff]{2,6}的)?")


def _list_before(text: str, named) -> list:
    """The institutions listed last, read back from the end (来自六安市的A、B，阜阳市的C和亳州市的D)."""
    if not named:
        return []
    listed = [named[-1]]
    for m in reversed(named[:-1]):
        gap = text[m[1] : listed[-1][0]]
        if not gap or not _LIST_GAP.fullmatch(gap):
            break
        listed.append(m)
    return list(dict.fromkeys(k for _s, _e, k, _a in reversed(listed)))


def _alliance_named_before(alliances, at: int):
    """The key of the alliance named last before ``at``, or None."""
    named = [(s, key) for key, a in alliances.orgs.items() for s, _e in a.spans if s < at]
    return max(named)[1] if named else None


def _alliance_lead(key, alliance, facts: list[dict], orgs: dict):
    """The one institution that leads the alliance: said to (LEADS), else the one its name opens with
    (重庆医科大学附属第一医院内分泌专科联盟); None if not one."""
    target = ("alliance", key)
    leads = {f["source"][1] for f in facts if f["type"] is RelationType.LEADS and f["target"] == target}
    if not leads:
        leads = {k for k, o in orgs.items()
                 if alliance.label.startswith(o.label) and len(o.label) < len(alliance.label)}
    if not leads:  # 都安县人民医院医共体: the group of the institution of its place and kind
        kind = _GROUP_WORD.sub("", key[1]) if isinstance(key, tuple) and len(key) == 2 else ""
        leads = {(key[0], kind)} & set(orgs) if kind else set()
    return next(iter(leads)) if len(leads) == 1 else None


# A、B等成为X医共体成员单位，C、D加入Y医共体: a list, a verb of joining, then a group named after its lead
_JOINS_GROUP = re.compile(r"(?:等(?:\d+家)?(?:单位|医院|医疗机构|卫生院)?)?(?:先后|均|已|正式|分别)?"
                          r"(?:成为|加入|纳入|划入|并入|归入|属于|为|是|则是|则为)了?$")


def _groups_joined_by_clause(doc: Document, sent: Span, org_at, alliances, orgs: dict,
                             date: str | None) -> list[dict]:
    """Members of groups told clause by clause, each list joining the group named after its lead:
    A、B等成为X医院医共体成员单位，C、D等加入Y医院医共体. Each lead partners its own list only, in the
    kind the group's name says. Empty unless two such clauses (two groups) share the sentence, or one
    clause names every institution of the sentence (A、B加入县人民医院医共体): otherwise the rules for an
    alliance and its members read it."""
    text = doc.norm
    spans = _alliance_spans(alliances, sent)
    if not spans:
        return []
    named = [m for m in org_at if sent.start <= m[0] and m[1] <= sent.end and not m[3]]
    ev = doc.evidence(sent.start, sent.end)
    out: list[dict] = []
    joined = 0
    for s, _e, key in spans:
        clause_start = max([sent.start, *(m.end() for m in CLAUSE_BREAK.finditer(text, sent.start, s))])
        before = [m for m in named if clause_start <= m[0] and m[1] <= s]
        if not before:
            continue
        verb = _JOINS_GROUP.search(text, before[-1][1], s)
        if verb is None:
            continue
        lead = _alliance_lead(key, alliances.orgs[key], [], orgs)
        kinds, _ = _cue_types(alliances.orgs[key].label)
        members = [k for k in _list_before(text, before) if k != lead and not _is_authority(orgs, k)]
        if lead is None or not kinds or not members:
            continue
        joined += 1
        for k in members:
            out.append(_membership(k, key, ev))
            out.append(_partnership(lead, k, ev, kinds, date, lead))
    # (one clause alone, when the sentence names no one else: A、B加入县人民医院医共体；)
    alone = joined == 1 and {m[2] for m in named} <= {f["source"][1] for f in out} | {
        f["target"][1] for f in out if f["type"] is RelationType.PARTNER_OF}
    return out if joined >= 2 or alone else []


_MEMBERS_LISTED = re.compile(r"成员(?:单位|医院)?(?:包括|有|为|是)[:：]?|联盟成员单位(?=[\u4e00-\u9fff])")


# the lead of a group and its members, as lists and councils label them (理事长单位 leads a council,
# 副理事长单位, 常务理事单位 and 理事单位 are its members)
_LEAD_LABEL = re.compile(r"(?:牵头(?:医院|单位)|(?<!副)(?:理事长|主任委员|组长)单位)\s*[:：]")
_MEMBERS_LABEL = re.compile(
    r"[ \t]*(?:成员(?:单位|医院)|(?:副理事长|常务理事|理事|副主任委员|委员|副组长)单位)\s*[:：]"
)


def _lead_and_members(text: str, paras: list[Span], n: int, org_at) -> tuple[object, list, Span] | None:
    """The lead and the members paragraph ``n`` lists, 牵头医院：X；成员单位：A、B、C on one line or a line
    each (牵头单位：X¶成员单位：A、B; 理事长单位：X¶副理事长单位：A¶理事单位：B、C): (the lead, its
    members, the lines), or None."""
    para = paras[n]
    lead_label = _LEAD_LABEL.search(text, para.start, para.end)
    if lead_label is None:
        return _council_in_a_sentence(text, para, org_at)
    members_label = _MEMBERS_LABEL.search(text, lead_label.end(), para.end)
    group = para
    following = n + 1
    if members_label is None and following < len(paras):
        members_label = _MEMBERS_LABEL.match(text, paras[following].start)
    while following < len(paras) and _MEMBERS_LABEL.match(text, paras[following].start):
        group = Span(para.start, paras[following].end, text[para.start : paras[following].end])
        following += 1
    if members_label is None:
        return None
    named = [(s, e, k) for s, e, k, ana in org_at if group.start <= s and e <= group.end and not ana]
    leads = [k for s, e, k in named if lead_label.end() <= s and e <= members_label.start()]
    if len(set(leads)) != 1:
        return None
    members = [k for k in dict.fromkeys(k for s, _e, k in named if members_label.end() <= s) if k != leads[0]]
    return leads[0], members, group


# 山东省立医院为理事长单位；临沂市人民医院、潍坊市人民医院为副理事长单位；聊城市人民医院…为理事单位
_LEAD_IS = re.compile(r"为(?:理事长|主任委员|组长)单位")
_MEMBERS_ARE = re.compile(r"为(?:副理事长|常务理事|理事|副主任委员|委员|副组长|成员)单位")
_COUNCIL_BREAK = re.compile(r"[；;：:。]")


def _council_in_a_sentence(text: str, para: Span, org_at) -> tuple[object, list, Span] | None:
    """A council told in a sentence, the lead first (X为理事长单位；A、B为副理事长单位；C为理事单位):
    (the lead, the others, the paragraph), or None."""
    lead_is = _LEAD_IS.search(text, para.start, para.end)
    if lead_is is None or not _MEMBERS_ARE.search(text, lead_is.end(), para.end):
        return None
    clause = max((m.end() for m in _COUNCIL_BREAK.finditer(text, para.start, lead_is.start())),
                 default=para.start)
    named = [(s, e, k) for s, e, k, ana in org_at if para.start <= s and e <= para.end and not ana]
    leads = [k for s, e, k in named if clause <= s and e <= lead_is.start()]
    if len(set(leads)) != 1:
        return None
    members = [k for k in dict.fromkeys(k for s, _e, k in named if s >= lead_is.end()) if k != leads[0]]
    return leads[0], members, para


def _heading_lead_and_members(doc: Document, heading: Span, alliance, org_at,
                              paras: list[Span]) -> list[dict]:
    """The alliance a line names alone (一、百色市心血管病专科联盟), led by the one the lines after it
    give (牵头单位：X) and joined by their members (成员单位：A、B)."""
    n = next((i for i, p in enumerate(paras) if p.start >= heading.end), None)
    listed = _lead_and_members(doc.norm, paras, n, org_at) if n is not None else None
    if listed is None:
        return []
    lead, members, lines = listed
    ev = doc.evidence(heading.start, lines.end)
    return [{"type": RelationType.LEADS, "source": ("org", lead), "target": ("alliance", alliance),
             "evidence": ev},
            *(_membership(k, alliance, ev) for k in members)]


def _listed_leads_and_members(doc: Document, sents: list[Span], paras: list[Span], org_at,
                              dates: list[DateMention]) -> list[dict]:
    """Lists of a notice, one group per line (or two): 牵头医院：X；成员单位：A、B、C. X partners each of
    its members, in the kind the list is introduced with (the nearest paragraph before that names
    one: 2024年度省级医联体建设名单如下) and on that paragraph's date."""
    text = doc.norm
    facts: list[dict] = []
    for n in range(len(paras)):
        listed = _lead_and_members(text, paras, n, org_at)
        if listed is None:
            continue
        lead, members, para = listed
        kinds, before = _introduced_kinds(paras, n, org_at, itself=True)
        if not kinds:
            continue
        if kinds & _SPECIFIC_ALLIANCES:
            kinds.discard(PartnershipType.MEDICAL_ALLIANCE)
        date = _date_for([x for x in sents if x.start < before.end], dates)
        ev = doc.evidence(para.start, para.end)
        facts.extend(_partnership(lead, k, ev, kinds, date, lead) for k in members)
    return facts


_MEMBERS_BELOW = re.compile(
    r"成员(?:单位|医院|机构)(?:(?:为|有|包括|名单如下|如下)?\s*[:：]|名单)$", re.MULTILINE
)


def _members_listed_below(doc: Document, sents: list[Span], paras: list[Span], org_at,
                          dates: list[DateMention], alliances, found: list[dict], orgs: dict) -> list[dict]:
    """A group's members in a numbered list under the paragraph that names its lead: X作为牵头医院，
    与…组建紧密型城市医疗集团。集团成员单位为：¶1.A¶2.B. The lead partners each member, in the kind
    and on the date of the paragraph that introduces them. Under a heading that names no lead (首批成员
    单位名单如下：), they are members of the alliance named last before it, and partners of its lead."""
    text = doc.norm
    facts: list[dict] = []
    for n, para in enumerate(paras):
        heading = _MEMBERS_BELOW.search(para.text)
        if heading is None:
            continue
        # (a heading alone, 首批成员单位名单¶A¶B: the paragraph before it may name the lead too)
        said = paras[n - 1] if n > 0 and not re.search("[。！？]", para.text[: heading.start()]) else para
        leads = set()  # who the paragraph says leads (X作为牵头医院), one only
        for sent in sents:
            if said.start <= sent.start and sent.end <= para.start + heading.start():
                named = [m for m in org_at if sent.start <= m[0] and m[1] <= sent.end and not m[3]]
                leads.add(_lead(text, sent, named))
        leads.discard(None)
        alliance = None
        if not leads:
            alliance = _alliance_named_before(alliances, para.start)
            if alliance is not None:
                leads.add(_alliance_lead(alliance, alliances.orgs[alliance], found, orgs))
                leads.discard(None)
        if len(leads) != 1:
            continue
        lead = leads.pop()
        members = []
        below = [(para.start + heading.end(), para.end), *((p.start, p.end) for p in paras[n + 1 :])]
        for a, b in ((base + m.start(), base + m.end()) for base, end in below
                     for m in re.finditer(r"[^\n]+", text[base:end])):
            named = next(((s, e, k) for s, e, k, ana in org_at if a <= s and e <= b and not ana), None)
            # (1.A¶2.B, or a line each that is a name alone: a bulleted list, its bullets read away)
            if named is None or not (LIST_ITEM.match(text, a) or named[:2] == (a, b)):
                break
            members.append(named[2])
        kinds, _ = _introduced_kinds(paras, n, org_at, itself=True)
        if not members or not kinds:
            continue
        if kinds & _SPECIFIC_ALLIANCES:
            kinds.discard(PartnershipType.MEDICAL_ALLIANCE)
        date = _date_for([x for x in sents if x.start < para.end], dates)
        ev = doc.evidence(para.start, para.end)
        facts.extend(_partnership(lead, k, ev, kinds, date, lead)
                     for k in dict.fromkeys(members) if k != lead)
        if alliance is not None:
            facts.extend(_membership(k, alliance, ev) for k in dict.fromkeys(members) if k != lead)
    return facts


# 全县乡镇卫生院全部作为分院纳入统一管理: every township health centre of the county is a member
_WHOLE_COUNTY = re.compile(
    r"全(?:县|区|旗|市)(?:\d+家|[一二三四五六七八九十两]+家|所有)?(?:乡镇|镇|乡)(?:中心)?卫生院"
    r"[^，,。；;]{0,6}?(?:全部|均|都)?(?:作为分院|为分院|作为成员|纳入|加入|成为)"
)


def _whole_county_members(doc: Document, sents: list[Span], org_at, dates: list[DateMention],
                          orgs: dict) -> list[dict]:
    """以县医院为总院…全县乡镇卫生院全部作为分院: the head partners every township health centre of
    its county that the article names, in the kind and on the date of that sentence."""
    text = doc.norm
    facts: list[dict] = []
    for sent in sents:
        if not _WHOLE_COUNTY.search(sent.text):
            continue
        heads = {k for s, e, k, _ana in org_at
                 if sent.start <= s and e <= sent.end and _HEAD_ROLE.match(text, e)}
        if len(heads) != 1 or "分别" in sent.text:
            continue  # 分别以A、B为总院: which centre joins which, the sentence does not say
        head = heads.pop()
        county = (orgs[head].adcode or "") if head in orgs else ""
        if len(county) != 6 or county.endswith("00"):
            continue
        kinds, _ = _cue_types(sent.text)
        if not kinds:
            continue
        date = _date_for([x for x in sents if x.start <= sent.start], dates)
        ev = doc.evidence(sent.start, sent.end)
        facts.extend(_partnership(head, k, ev, kinds, date, head) for k, org in orgs.items()
                     if k != head and org.type is EntityType.PRIMARY_CARE
                     and len(org.adcode or "") == 9 and org.adcode.startswith(county))
    return facts


_LIST_MARK = re.compile(r"\s*(?:" + LIST_ITEM.pattern + r")?\s*")
_DASH = re.compile(r"\s*[—–－-]{1,2}\s*")


def _dashed_pairs(doc: Document, sents: list[Span], paras: list[Span], org_at,
                  dates: list[DateMention]) -> list[dict]:
    """Lines of a notice that pair two institutions with a dash (1. 贵州省人民医院—紫云县人民医院), or
    in the columns of a table (6　　犍为县人民医院　　川北医学院附属医院): a partnership of the kind the
    list is introduced with (or its line says), led by the first one, or by the one in the column
    headed 帮扶医院."""
    text = doc.norm
    facts: list[dict] = []
    for n, para in enumerate(paras):
        if not _DASH.search(para.text) and not _ROW_NUMBER.match(para.text):
            continue  # neither a dash nor a row's number: no line of a list of pairs
        named = [(s, e, k) for s, e, k, ana in org_at if para.start <= s and e <= para.end and not ana]
        while len(named) > 2 and named[-1][2] == named[-2][2]:  # 成都中医药大学附属医院（四川省中医医院）
            named[-2:] = [(named[-2][0], named[-1][1], named[-1][2])]
        if len(named) != 2:
            continue
        (s1, e1, a), (s2, e2, b) = named
        mark = _LIST_MARK.match(text, para.start)
        number = _ROW_NUMBER.match(text, para.start)  # 6　　犍为县人民医院: a table's row number
        if a == b or s1 not in (mark.end(), number.end() if number else -1):
            continue
        tail = text[e2 : para.end].strip("。;；,， ")
        if _DASH.fullmatch(text, e1, s2) and not tail:
            lead_column = 0
        elif (text[e1:s2].isspace()
              and _CELLS.fullmatch(doc.text, doc.raw_span(e1 - 1, e1)[1], doc.raw_span(s2, s2 + 1)[0])
              and (not tail or text[e2].isspace())):
            lead_column = _lead_column(paras[:n])
        else:
            continue
        kinds, _ = _cue_types(tail)
        if not kinds:
            kinds, _ = _introduced_kinds(paras, n, org_at, itself=False)
        if kinds:
            date = _date_for([x for x in sents if x.start < para.start], dates)
            lead = b if lead_column == 1 else a
            facts.append(_partnership(a, b, doc.evidence(para.start, para.end), kinds, date, lead))
    return facts


def _row_kinds_and_date(text: str, line: re.Match, sents: list[Span], paras: list[Span], org_at,
                        dates: list[DateMention]) -> tuple[set[PartnershipType], str | None]:
    """The kinds of partnership a table's row says, else those the table is introduced with, and the
    date told before the row."""
    kinds, _ = _cue_types(line.group())
    if not kinds:
        n = max((i for i, p in enumerate(paras) if p.start <= line.start()), default=0)
        kinds, _ = _introduced_kinds(paras, n, org_at, itself=False)
    return kinds, _date_for([x for x in sents if x.start < line.start()], dates)


def _table_of_leads_and_members(doc: Document, sents: list[Span], paras: list[Span], org_at,
                                dates: list[DateMention]) -> list[dict]:
    """A table whose columns are cut by bars, headed 牵头医院｜成员单位 (序号｜名称｜牵头医院｜成员单位):
    on each row the lead partners each member, in the kind its row (名称) or the table's title says."""
    text = doc.norm
    facts: list[dict] = []
    if "牵头" not in text or ("|" not in text and "｜" not in text):
        return facts  # (no table headed with a lead)
    columns = None  # (lead column, members column) of the table being read
    for line in re.finditer(r"[^\n]+", text):
        cells = table_cells(text, line.start(), line.end())
        if len(cells) < 2:
            columns = None
            continue
        heads = [text[a:b] for a, b in cells]
        lead_col = next((i for i, h in enumerate(heads) if "牵头" in h), None)
        member_col = next((i for i, h in enumerate(heads) if "成员" in h), None)
        if lead_col is not None and member_col is not None and not any(
                line.start() <= s < line.end() for s, _e, _k, _a in org_at):
            columns = (lead_col, member_col)
            continue
        if columns is None or max(columns) >= len(cells):
            continue
        leads, members = ([k for s, e, k, ana in org_at if cells[i][0] <= s and e <= cells[i][1] and not ana]
                          for i in columns)
        if len(set(leads)) != 1:
            continue
        lead = leads[0]
        kinds, date = _row_kinds_and_date(text, line, sents, paras, org_at, dates)
        if not kinds:
            continue
        ev = doc.evidence(line.start(), line.end())
        facts.extend(_partnership(lead, k, ev, kinds, date, lead)
                     for k in dict.fromkeys(members) if k != lead)
    return facts


_INSTITUTION_HEAD = re.compile(r"(?:医院|单位|机构)(?:[（(][^）)]*[）)])?$")


def _table_of_pairs(doc: Document, sents: list[Span], paras: list[Span], org_at,
                    dates: list[DateMention]) -> list[dict]:
    """A table cut by bars with two columns headed as institutions (序号｜省级医院｜结对县级医院｜合作方式,
    序号｜姓名｜派出单位（支援医院）｜受援医院｜…): on each row, the two it names partner, in the kinds
    the row or the paragraphs before the table say; the column headed as helping (支援, 派出), else
    the first, leads."""
    text = doc.norm
    facts: list[dict] = []
    if "|" not in text and "｜" not in text:
        return facts
    columns = None  # (lead column, other column) of the table being read
    for line in re.finditer(r"[^\n]+", text):
        cells = table_cells(text, line.start(), line.end())
        if len(cells) < 2:
            continue
        heads = [re.sub(r"\s", "", text[a:b]) for a, b in cells]
        named = [i for i, h in enumerate(heads) if _INSTITUTION_HEAD.search(h)]
        if len(named) >= 2 and not any("牵头" in heads[i] or "成员" in heads[i] for i in named) \
                and not any(line.start() <= s < line.end() for s, _e, _k, _a in org_at):
            first, second = named[:2]
            helped = _HELPED_COLUMN.search(heads[first]) or (
                (_HELPER_COLUMN.search(heads[second]) or "派出" in heads[second])
                and not _HELPED_COLUMN.search(heads[second]))
            columns = (second, first) if helped else (first, second)
            continue
        if columns is None or max(columns) >= len(cells):
            continue
        lead, other = ([k for s, e, k, ana in org_at if cells[i][0] <= s and e <= cells[i][1] and not ana]
                       for i in columns)
        if len(set(lead)) != 1 or len(set(other)) != 1 or lead[0] == other[0]:
            continue
        kinds, date = _row_kinds_and_date(text, line, sents, paras, org_at, dates)
        if not kinds:
            continue
        facts.append(_partnership(lead[0], other[0], doc.evidence(line.start(), line.end()), kinds, date,
                                  lead[0]))
    return facts


_ROW_NUMBER = re.compile(r"\s*\d{1,3}\s+")
_CELLS = re.compile(r"[ \t\u3000]*(?:\u3000|[ \t]{2})[ \t\u3000]*")  # the space between two columns
_HELPER_COLUMN = re.compile(r"帮扶|支援|牵头|托管")
_HELPED_COLUMN = re.compile(r"受援|受帮扶|被帮扶|被托管|受托")


def _lead_column(paras_before: list[Span]) -> int:
    """Which of a table's two columns of institutions holds the helping one: the one whose heading
    says so (序号　单位　帮扶医院 -> 1), else the first."""
    for para in reversed(paras_before[-12:]):
        if _ROW_NUMBER.match(para.text):
            continue  # a row above, not the heading
        cells = [c for c in re.split(r"[ \t\u3000]+", para.text.strip()) if c and c != "序号"]
        if len(cells) >= 2 and len(para.text) <= 80 and any("医院" in c or "单位" in c for c in cells[:2]):
            helper = [i for i, c in enumerate(cells[:2])
                      if _HELPER_COLUMN.search(c) and not _HELPED_COLUMN.search(c)]
            return helper[0] if len(helper) == 1 else 0
    return 0


_GO_EACH = re.compile(r"分别(?:前往|赴|到|奔赴|进驻|派驻到?|下沉到?|由)[^，,。；;]{0,6}$")


def _each_on_its_own(text: str, sent: Span, mentioned) -> bool:
    """A和位于南充的B也将分别派出专家团队，到金口河区和犍为县开展帮扶: two named side by side (和, 及),
    then 分别 with no one after it: each does it on its own, they do not partner each other."""
    if len({k for _s, _e, k, _a in mentioned}) != 2:
        return False
    first_end = mentioned[0][1]
    last_start, last_end = mentioned[-1][0], mentioned[-1][1]
    between = text[first_end:last_start]
    # (由A、B分别牵头: a list, then 分别 right after it)
    listed = "、" in between and text.startswith("分别", last_end)
    if not ("和" in between or "及" in between or listed) or re.search("[与同]", between):
        return False
    # (…分别派出专家团队; 专家们分两路出发，分别前往A和B: where each went, not partners of each other)
    went_each = _GO_EACH.search(text, sent.start, mentioned[0][0]) is not None
    return went_each or "分别" in text[last_end : sent.end]


def _joined(sentence: str, names: list[tuple[int, int]]) -> bool:
    """Whether two of the names are joined by 与/和/同 (A与B签约; A、B作为首批成员单位与C签约), not
    only named in one sentence."""
    spans = sorted(names)
    return any(0 < b[0] - a[1] <= 12 and sentence[b[0] - 1] in "与和同"
               and not CLAUSE_BREAK.search(sentence, a[1], b[0]) for a, b in pairwise(spans))


_LIST_JOINERS = ("、", "，", ",", "、与", "、和", "、同", "以及", "、以及", "及")


def _one_with_a_list(text: str, mentioned) -> bool:
    """Whether the sentence names one institution and the others in one list, either way round:
    市中心医院与准格尔旗、伊金霍洛旗、乌审旗、鄂托克前旗人民医院四家医院签约; A、B、C、D、E作为首批成员
    单位与青岛市立医院签约 (however long the list, a statement of partnership)."""
    named = sorted(m for m in mentioned if not m[3])
    starts = {m[0] for m in named}
    named = [m for m in named if m[1] not in starts]  # 吉林大学|中日联谊医院: one name read as two
    # the list may go on after 以及 or 及 (A与B、C以及D、E等7家基层医疗机构签订…)
    groups = enumeration_groups(text, named, joiners=_LIST_JOINERS)
    return len(groups) == 2 and 1 in (len(groups[0]), len(groups[1]))




_WITH_UNNAMED = re.compile(
    r"[^，,。；;]{0,12}?(?:与|和|同|对)[^，,。；;]{0,6}?(?:各级|各家|多家|基层|当地|\d+家|[两三四五六七八九十]+家)"
    # A、B、C等14家医院将继续承担本市辖区内县级医院帮扶任务: those they help are a kind, not named
    r"|[^，,。；;]{0,24}?承担[^，,。；;]{0,12}?(?:县级|基层|辖区内?|各级)[^，,。；;]{0,10}?(?:帮扶|支援)任务"
)
_ON_THE_SAME_SIDE = re.compile(r"(?:联合|携手|会同|协同)$")


def _joins_side(text: str, mentioned, key) -> bool:
    """Whether the first mention of ``key`` follows 联合/携手 (it joins the side named before it)."""
    start = min(s for s, _e, k, _ in mentioned if k == key)
    return _ON_THE_SAME_SIDE.search(text, max(0, start - 3), start) is not None


def _kinds_in_context(types: set, para_types: set) -> set:
    """The kinds of a sentence's partnership: its own, or the paragraph's when it only says 共建/签约
    (or 总院/分院); a specific alliance (医共体) rather than the generic 医联体 it is a case of."""
    kinds = set(types)
    if kinds <= _GENERIC_KINDS:
        kinds |= {t for t in para_types if t is not PartnershipType.MEDICAL_ALLIANCE}
    if kinds & _SPECIFIC_ALLIANCES:
        kinds.discard(PartnershipType.MEDICAL_ALLIANCE)
    return kinds


# (挂牌为总院惠安堡分院: a branch of the head, not the head)
_HEAD_ROLE = re.compile(r"为(?:总院|总医院|龙头|牵头医院|牵头单位|核心医院)(?![\u4e00-\u9fff]{1,6}分院)")
_MEMBER_ROLE = re.compile(r"(?:等\d*家?(?:医疗机构|单位|医院|卫生院)?)?为(?:分院|成员单位|成员医院|成员)")


def _heads_with_members(text: str, sent: Span, mentioned) -> list[tuple]:
    """以平邑县人民医院为总院，仲村镇卫生院、武台镇卫生院…为分院；以平邑县中医医院为总院，…为分院:
    in each part of the sentence, the one named as head with each named as its member."""
    pairs: list[tuple] = []
    start = sent.start
    for end in [m.start() + sent.start for m in re.finditer(r"[；;。]", sent.text)] + [sent.end]:
        named = sorted((s, e, k) for s, e, k, ana in mentioned if start <= s and e <= end and not ana)
        head = next(((s, e, k) for s, e, k in named
                     if text[s - 1 : s] == "以" and _HEAD_ROLE.match(text, e)), None)
        members = [x for x in named if head is not None and x[0] > head[1]]
        if members and _MEMBER_ROLE.match(text, members[-1][1]):
            pairs += [(head[2], k) for _s, _e, k in members if k != head[2]]
        start = end + 1
    return list(dict.fromkeys(pairs))


def _clause_pairs(doc: Document, sent: Span, mentioned, date: str | None) -> list[dict]:
    """Partnerships of a sentence that pairs institutions clause by clause (A帮扶B，C帮扶D): each
    clause naming exactly two, with a partnership cue of its own, pairs them."""
    text = doc.norm
    facts: list[dict] = []
    for clause, inside in _clauses(sent, CLAUSE_BREAK, mentioned):
        keys = list(dict.fromkeys(k for _, _, k, _ in inside))
        names = [(s - clause.start, e - clause.start) for s, e, _, _ in inside]
        kinds, strong = _cue_types(clause.text, names)
        if len(keys) == 2 and kinds and strong:
            lead = _lead(text, clause, inside)
            ev = doc.evidence(sent.start, sent.end)
            facts.append(_partnership(keys[0], keys[1], ev, kinds, date, lead))
    return facts


def _clauses(sent: Span, breaks: re.Pattern[str], mentioned) -> list[tuple[Span, list]]:
    """The clauses of a sentence cut where ``breaks`` match, each with the institutions named in it
    (not those 该院 and the like stand for)."""
    out, start = [], sent.start
    for end in [m.start() + sent.start for m in breaks.finditer(sent.text)] + [sent.end]:
        clause = Span(start, end, sent.text[start - sent.start : end - sent.start])
        out.append((clause, [m for m in mentioned if start <= m[0] and m[1] <= end and not m[3]]))
        start = end + 1
    return out




_CLAUSE_OR_ITEM = re.compile(r"[，,；;、]")


def _two_clauses_two_pairs(sent: Span, mentioned) -> list[tuple]:
    """The two pairs of a sentence whose clauses (cut by ， ； or 、) each name two institutions and
    say how they partner, with a cue or a verb of their own; [] if the sentence does not split so."""
    pairs = []
    for clause, inside in _clauses(sent, _CLAUSE_OR_ITEM, mentioned):
        keys = list(dict.fromkeys(k for _s, _e, k, _a in inside))
        if keys:
            names = [(s - clause.start, e - clause.start) for s, e, _k, _a in inside]
            said = _cue_types(clause.text, names)[0] or _verb_pattern().search(clause.text)
            if len(keys) != 2 or not said:
                return []
            pairs.append((keys[0], keys[1]))
    return pairs if len(pairs) == 2 else []


def _paired_chain(text: str, mentioned) -> list[tuple]:
    """萍乡市人民医院与湘雅二医院、萍乡市中医院与江西省中医院分别签约: names joined by 与 in twos, the
    twos listed with 、 or ，: each two is a pair (and not each name with every other)."""
    named = sorted((s, e, k) for s, e, k, ana in mentioned if not ana)
    if len(named) < 4 or len(named) % 2:
        return []
    for i in range(len(named) - 1):
        between = text[named[i][1] : named[i + 1][0]]
        if between not in (("与", "和", "同") if i % 2 == 0 else ("、", "，", ",")):
            return []
    pairs = [(named[i][2], named[i + 1][2]) for i in range(0, len(named), 2)]
    return pairs if all(a != b for a, b in pairs) else []




_LEAD_AFTER = (
    "牵头",
    "作为牵头",  # 德阳市人民医院作为牵头医院，与…组建
    "为牵头",
    "托管",
    "帮扶",
    "援建",
    "对口帮扶",
    "对口支援",
    "深度托管",
    "全面托管",
    "领衔",
    "派驻",
    "派出",
)


def _lead(text: str, sent: Span, mentioned):
    """Who leads: 以A为龙头, A牵头, A托管B, A帮扶B, B在A深度托管下."""
    for s, e, k, _ in mentioned:
        after = text[e : min(sent.end, e + 8)]
        before = text[max(sent.start, s - 2) : s]
        if before.endswith("以") and ("龙头" in after or "牵头" in after):  # 以A为牵头医院
            return k
        if after.startswith(_LEAD_AFTER) or re.match(r"[^，,。]{0,4}托管下", after):
            return k
    return None


def _senior(first, others: list, orgs: dict):
    """Who leads when no word says so: the institution of the higher-level region (省 over 市 over 县);
    between equals, the one named first (A与B签约: news names the senior partner first)."""
    gaz = gazetteer()

    def rank(key) -> int:
        org = orgs.get(key)
        code = org.adcode if org is not None and org.adcode else (key[0] if key else None)
        region = gaz.get(code) if code else None
        return region.rank if region else 9

    best = min(others, key=rank)
    if rank(first) <= rank(best):
        return first
    return best if len(others) == 1 else None


def _date_for(para_sents: list[Span], dates: list[DateMention]) -> str | None:
    """A partnership's date: the most precise in its sentence, else earlier in its paragraph.

    A plan's year (2024年度名单如下) only says which year: the day it was issued, named before it
    (2024年6月28日，省卫健委印发…), is the date when there is one."""
    plan_year = None
    for s in reversed(para_sents):
        inside = [d for d in dates if s.start <= d.start < s.end]
        if not inside:
            continue
        # the most precise; among as precise, the first (2015年起…对口支援…，于2017年创成三甲: 2015)
        best = max(inside, key=lambda d: (len(d.value), -d.start))
        if not best.plan_year:
            if plan_year is None or best.value.startswith(plan_year):
                return best.value
            break
        plan_year = plan_year or best.value
    return plan_year

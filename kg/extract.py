"""Per-article extraction: mentions, local entities and facts, all with evidence.

A pure function of one :class:`~kg.model.Document`. Organisations are grouped into local
entities here (one per real thing within the article: parenthesised aliases, branch forms,
context-dependent names like 市第一人民医院, shortened names like 协和江北医院); the resolver
then merges local entities across articles by their key.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .dates import article_date, dateline_span, find_dates
from .htmltext import SOURCE_LABELS
from .localorgs import (
    DEPARTMENTS,
    LocalOrg,
    OrgKey,
    OrgTable,
    RegionContext,
    level_region,
    org_identity,
    region_label,
    split_branch,
)
from .model import Document, EntityType, Evidence, PartnershipType, RelationType, pickled_by_fields
from .orgs import OrgMention, find_anaphors, find_org_mentions, parse_name, said_short
from .persons import SPEECH_VERBS, PersonMention, find_persons
from .postings import (
    TAKES_POST,
    affiliation_and_host,
    after_group_opening,
    batch_cue,
    is_a,
    named_most,
    respective_hosts,
    role_phrase,
    roster_hosts,
    scene,
    sender_nearby,
    studio_host,
    table_homes,
    table_hosts,
    team_hosts,
    team_places,
)
from .regions import gazetteer
from .relations import formation_dates, formed_on, partners_sent_to, partnerships
from .segment import Span, paragraphs, sentences

__all__ = ["DocumentExtraction", "Fact", "LocalOrg", "LocalPerson", "extract_document"]


@pickled_by_fields
@dataclass(slots=True)
class LocalPerson:
    name: str
    roles: set[str]
    affiliation: OrgKey | None
    spans: list[tuple[int, int]] = field(default_factory=list)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fact:
    """A relation between local entities: ("org", key), ("person", name), ("alliance", key),
    ("region", code) or ("doc", doc_id)."""

    type: RelationType
    source: tuple
    target: tuple
    evidence: Evidence
    partnership_types: frozenset[PartnershipType] = frozenset()
    date: str | None = None
    role: str | None = None
    lead: tuple | None = None


@dataclass
class DocumentExtraction:
    doc: Document
    orgs: dict[OrgKey, LocalOrg]
    alliances: dict[OrgKey, LocalOrg]
    persons: dict[str, LocalPerson]
    regions: set[str]
    facts: list[Fact]


class _Sections:
    """Sentences and paragraphs of an article, and which organisation each section is about."""

    def __init__(self, text: str) -> None:
        self.sents = sentences(text)
        self.paras = paragraphs(text)
        self.section_of: list[int] = []
        section = 0
        for p in self.paras:
            if len(p.text) <= 36 and p.text[-1] not in "。！？!?；;”":
                section += 1  # a headline opens a section
            self.section_of.append(section)
        self._sent_starts = [x.start for x in self.sents]
        self._para_starts = [x.start for x in self.paras]
        self.counts: dict[int, Counter] = {}
        self.doc_counts: Counter = Counter()

    def sentence_of(self, pos: int) -> Span:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sents[i].start <= pos < self.sents[i].end:
            return self.sents[i]
        return Span(pos, pos, "")

    def paragraph_of(self, pos: int) -> Span | None:
        i = bisect_right(self._para_starts, pos) - 1
        if i >= 0 and self.paras[i].start <= pos < self.paras[i].end:
            return self.paras[i]
        return None

    def section_at(self, pos: int) -> int:
        i = bisect_right(self._para_starts, pos) - 1
        if i >= 0 and self.paras[i].start <= pos <= self.paras[i].end:
            return self.section_of[i]
        return 0

    def count(self, pos: int, key: OrgKey) -> None:
        self.counts.setdefault(self.section_at(pos), Counter())[key] += 1
        self.doc_counts[key] += 1

    def topic(self, pos: int) -> OrgKey | None:
        """The organisation the passage at ``pos`` is about: the most mentioned in its section, with
        earlier sections counting half as much per step back (a story runs over several headlines)."""
        here = self.section_at(pos)
        score: Counter = Counter()
        for sec, counts in self.counts.items():
            if sec <= here:
                for key, n in counts.items():
                    score[key] += n * 0.5 ** (here - sec)
        if not score:
            return self.doc_counts.most_common(1)[0][0] if self.doc_counts else None
        return max(score, key=lambda k: (score[k], k))


def extract_document(doc: Document) -> DocumentExtraction:
    """All entities and facts of one article."""
    text = doc.norm
    ctx = RegionContext(text)
    reference = doc.date or article_date(text)
    mentions = find_org_mentions(text, ctx.counties)
    for m in mentions:
        if m.specific and m.regions:
            ctx.add(m.start, m.regions[-1])
    sec = _Sections(text)
    table, alliances = OrgTable(), OrgTable()
    spans: list[tuple[int, int, OrgKey]] = []
    facts: list[Fact] = []

    def evidence(pos: int) -> Evidence:
        s = sec.sentence_of(pos)
        return doc.evidence(s.start, s.end) if s.end > s.start else doc.evidence(pos, pos + 1)

    # the longest name at each start, alliances apart: 河北省胸科医院 opening 河北省胸科医院呼吸专科联盟
    # names the hospital that leads it
    longest_at: dict[int, int] = {}
    for m in mentions:
        if m.specific and not m.is_alliance:
            longest_at[m.start] = max(longest_at.get(m.start, 0), m.end)
    for m in mentions:  # 湖南省疾病预防控制中心结核病防治所: a department (…所) of the centre named first
        tail = text[m.end : longest_at.get(m.start, m.end)]
        if m.specific and tail.endswith(DEPARTMENTS) and m.surface.endswith(("中心", "医院")):
            longest_at[m.start] = m.end
    # 济宁医学院附属医院汶上分院, in an article that names the hospital nowhere else: the branch, and
    # the hospital whose branch it is
    parents = {id(m) for m in mentions if m.specific and not m.is_alliance and m.surface.endswith("医院")
               and _BRANCH_TAIL.fullmatch(text, m.end, longest_at[m.start])
               and text.count(m.surface) == text.count(text[m.start : longest_at[m.start]])}
    # each mention's identity, and the organisations named in full, by name without their region
    identities = {id(m): org_identity(m, ctx) for m in mentions
                  if m.specific and not m.is_alliance and (longest_at[m.start] == m.end or id(m) in parents)}
    in_full = [identities[id(m)] for m in mentions if identities.get(id(m)) and not m.context_level]
    named: dict[str, dict[OrgKey, tuple]] = {}
    for m in mentions:
        ident = identities.get(id(m))
        if ident is not None and not m.context_level and ident[0][0]:
            named.setdefault(ident[0][1], {}).setdefault(ident[0], ident)
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not m.specific:
            continue
        if not m.is_alliance and longest_at[m.start] != m.end and id(m) not in parents:
            continue  # 南华大学 inside 南华大学附属长沙中心医院 is part of the name, not a mention
        if m.is_alliance:
            ident = org_identity(m, ctx)
            if ident:
                key, label, aliases, code = ident
                alliances.add(key, label, EntityType.ALLIANCE, code, aliases, (m.start, m.end))
            continue
        branch = split_branch(m) if not m.context_level and m.regions else None
        if branch:
            key = _add_branch(m, branch, ctx, table, facts, evidence)
            if key is not None:
                spans.append((m.start, m.end, key))
            continue
        ident = identities[id(m)]
        if m.context_level and said_short(m.surface):
            # 省人医 in an article that names 江苏省人民医院 (and no other province's) is that one,
            # whatever province the story is in (or begins with)
            written = list({x[0]: x for x in in_full if x[1].endswith(m.rest) and x[3]
                            and level_region(m.context_level, x[3]) == x[3]}.values())
            ident = written[0] if len(written) == 1 else ident
        if ident is None:
            continue
        key, label, aliases, code = ident
        fitting = [ident for k, ident in named.get(key[1], {}).items()
                   if m.context_level and level_region(m.context_level, k[0]) == k[0]
                   and gazetteer().is_within(key[0], k[0])]
        if key not in named.get(key[1], ()) and len(fitting) == 1:
            # 市立医院 said about 莱西市, after 青岛市立医院 (and no 莱西市立医院): the city of 莱西 that
            # has one, named in full
            key, label, aliases, code = fitting[0]
        if m.type is EntityType.PRIMARY_CARE and not code:
            code = ctx.nearest_county(m.start)  # a community or township centre of the place being told about
        spans.append((m.start, m.end, table.add(key, label, m.type, code, aliases, (m.start, m.end))))

    table.merge_declared_short_names(text, spans)
    table.merge_parenthesised(text, spans)
    table.merge_renamed(text, spans)
    table.merge_branch_plaques()
    table.merge_shortened()
    table.merge_affiliated_names()
    table.merge_units()
    table.merge_abbreviated()
    table.merge_spoken_forms()
    table.merge_county_community()
    table.merge_abbreviations()
    alliances.merge_shortened()  # 大湾区眼科专科联盟 in the headline is the 粤港澳大湾区眼科专科联盟
    orgs = table.roots()
    for org in orgs.values():  # names as written in traditional characters stay as aliases
        for s0, e0 in org.spans:
            raw = doc.text[slice(*doc.raw_span(s0, e0))]
            if raw != text[s0:e0] and len(raw) == e0 - s0 and not any(c.isspace() for c in raw):
                org.aliases.add(raw)
    for org in orgs.values():
        _place_by_text(text, org)
    spans = [(s, e, table.find(k)) for s, e, k in spans]
    facts = [_remap(f, table) for f in facts]
    for s, _, k in spans:
        sec.count(s, k)

    # mentions by position; 该院 and a sentence opening with 医院 stand for the section's organisation
    org_at: list[tuple[int, int, OrgKey, bool]] = [(s, e, k, False) for s, e, k in spans]
    def last_named(
        at: int, head: str, besides: OrgKey | None = None, para: Span | None = None
    ) -> OrgKey | None:
        """The institution named last before ``at`` in its paragraph (or ``para``) whose name ends
        like ``head`` (other than ``besides``)."""
        para = para or sec.paragraph_of(at)
        recent = [
            k
            for s0, e0, k in spans
            if e0 <= at
            and para is not None
            and s0 >= para.start
            and k != besides
            and _ends_like(table.orgs[k].label if k in table.orgs else k[1], head)
        ]
        return recent[-1] if recent else None

    def goes_to(key: OrgKey, at: int) -> bool:
        """Whether the sentence at ``at`` sends someone to ``key`` later on (…赴长泰区医院坐诊)."""
        sent = sec.sentence_of(at)
        return any(
            k == key and at < s0 < sent.end and text[max(sent.start, s0 - 2) : s0].endswith(_GOES_TO)
            for s0, _e0, k in spans
        )

    def posted_to(at: int) -> OrgKey | None:
        """The institution an earlier clause of the sentence at ``at`` gave someone a post at (出任X院长)."""
        sent = sec.sentence_of(at)
        posted = [k for s0, _e0, k in spans if sent.start <= s0 < at and text.endswith(TAKES_POST, 0, s0)]
        return posted[-1] if posted else None

    named_in_alliances = [(s, e) for a in alliances.orgs.values() for s, e in a.spans]
    anaphors = find_anaphors(text)
    # (我院全面托管寻乌县人民医院 on the pages of a hospital's site that never names it: 我院 is the site's)
    ours_at = next(((s, e) for s, e in anaphors if text[s] in "我本"), None)
    site = _site_org(doc.site, ctx, table, add_at=ours_at)
    if site is not None and site not in orgs:
        orgs[site] = table.orgs[site]
        _place_by_text(text, orgs[site])
    publisher = _publisher(text, [(s, e, k) for s, e, k in spans
                                  if not any(a <= s < b for a, b in named_in_alliances)],
                           site, anaphors, {k for k in orgs if is_a(orgs, k, EntityType.AUTHORITY)})
    for s, e in anaphors:
        # 该院 points back to the institution just named (in its paragraph, else at the end of the
        # one before: …服务中心也是成员单位。¶该中心副主任付丽娟介绍); 我院/本院 to the one the
        # article is about
        t = None
        if text[s] == "该":
            t = last_named(s, text[s + 1 : e])  # 院, 中心 …
            para = sec.paragraph_of(s)
            if t is None and para is not None and s - para.start <= 2:
                before = [p for p in sec.paras if p.end <= para.start]
                if before:
                    t = last_named(before[-1].end, text[s + 1 : e], para=before[-1])
        if (t is not None and text[s] == "该" and text.endswith(_HELPS, 0, s)
                and t in _in_clause(text, s, e, spans)):
            # 四川省人民医院自2021年起对口帮扶该院: not the clause's own subject, the one before it (but
            # 吐鲁番市人民医院聘请蒯建平为该院内分泌科名誉主任: its own)
            t = last_named(s, text[s + 1 : e], besides=t) or t
        if t is not None and goes_to(t, e):
            # …派出专家到长泰区医院。该院专家张志铭将每周赴长泰区医院坐诊: not the one its expert goes to
            t = last_named(s, text[s + 1 : e], besides=t)
        elif t is not None and text.endswith(TAKES_POST, 0, s):
            # 覃耀宗出任龙山县人民医院执行院长，湘雅医院护士长尹佩珊则担任该院护理部主任: the post is at
            # the place the sentence posted someone to just before, not at the home named with her
            t = posted_to(s) or t
        elif text[s] in "我本":
            t = publisher  # 我院, 本院: the institution whose own news this is
        t = t or sec.topic(s)
        if t:
            org_at.append((s, e, t, True))
    # (on a page that says 我院, the hospital itself: 院党委书记晏立新、副院长仇海宁出席)
    ours = publisher if any(text[s] in "我本" for s, _e in anaphors) else None
    # a page titled by one hospital alone (梧州市红十字会医院2024年大事记) is that hospital's own
    title_end = text.find("\n")
    titled = {k for s0, _e0, k in spans if s0 < title_end}
    own = next(iter(titled)) if len(titled) == 1 and spans and spans[0][0] == 0 else None
    for sent in sec.sents:
        # (1月26日，医院与蒙山县人民医院签订…; 10月17日　医院与…: after when, in a hospital's chronicle)
        opening = _DATED_OPENING.match(text, sent.start, sent.end)
        at = opening.end() if opening else sent.start
        if text.startswith(("医院", "院党委"), at):
            t = ours or own or sec.topic(sent.start)
            if t is not None and t in _in_clause(text, at, at + 2, spans):
                t = None  # 医院与苍梧县人民医院…: not the one it works with
            if t:
                org_at.append((at, at + 2, t, True))
    for m in _BARE_HOSPITAL.finditer(text):
        # 刘先宝说，这是医院与江华县人民医院结对帮扶的第三年: 医院 is the hospital just named
        t = last_named(m.start(), "医院")
        if t:
            org_at.append((m.start(), m.end(), t, True))
    head = _head_hospital(text, spans, orgs)
    for m in _HEAD_OF_GROUP.finditer(text) if head is not None else ():
        # 总院普外科主治医师颜志斌每周驻点四天: in a county's medical community, 总院 is the hospital
        # that heads it: the one its paragraph names last (内黄县中医院党委书记闵卫华说，总院在每个分院…),
        # else the one the article names most
        if not any(s0 <= m.start() < e0 for s0, e0, _k in spans):
            t = last_named(m.start(), "医院")
            near = (t is not None and orgs[t].type is EntityType.HOSPITAL
                    and not orgs[t].label.endswith("分院"))
            org_at.append((m.start(), m.end(), t if near else head, True))
    org_at.sort()

    persons: dict[str, LocalPerson] = {}
    best: dict[str, tuple[int, int, OrgKey, Evidence, str | None]] = {}  # name -> best affiliation seen
    speakers: set[int] = set()  # organisations named as a speaker's employer (X局副主任Y介绍)
    for s0, e0, _k, ana in org_at:  # 记者从安徽省卫生健康委获悉: where the news came from
        if not ana and text[max(0, s0 - 1) : s0] == "从" and text.startswith(_LEARNT, e0):
            speakers.add(s0)
        if not ana and _SPOKESPERSON.match(text, e0):  # 州卫生健康委员会相关负责人表示
            speakers.add(s0)
    mentions = find_persons(text)
    name_ends = {m.end for m in mentions}
    pronouns = _pronoun_mentions(text, sec.sents, mentions)  # 她被派驻到…: the one just named
    mentions = sorted([*mentions, *pronouns], key=lambda p: p.start)
    pronoun_starts = {p.start for p in pronouns}
    respective = respective_hosts(text, sec.sents, mentions, org_at)
    roster = roster_hosts(text, mentions, org_at, orgs)
    tabled = table_homes(text, mentions, org_at)
    tabled_hosts = table_hosts(text, mentions, org_at)
    respective.update(roster)
    team, team_homes = team_hosts(text, sec.sents, mentions, org_at)
    places = team_places(text, sec.sents, mentions, org_at)  # …主要在X和Y开展工作: each of them
    # those on a roster of people sent somewhere come from the institution that sends them: the
    # first the article names, unless it is where they go
    # (我院 is the publisher; a health authority arranges, it does not send)
    sender = ours if ours is not None and ours not in roster.values() else next(
        (k for _s, _e, k, ana in org_at if not ana and k not in roster.values()
         and not is_a(orgs, k, EntityType.AUTHORITY)), None)
    arrival = _team_arrival(text, org_at, ours)  # (the group the article tells arrived somewhere)
    read: list[tuple] = []  # (mention, sentence, paragraph, home, host, post, confidence) as read
    for pm in mentions:
        for s0, e0, _k, ana in org_at:
            if (
                not ana
                and e0 <= pm.title_start
                and pm.title_start - e0 <= 14
                and not re.search(r"[，,。；;：:｜|]", text[e0 : pm.title_start])  # (nor a table's bar)
                # 卫生健康局党组书记、局长曾志雄: titles listed with 、, not another institution
                and not any(e0 <= s1 < pm.title_start for s1, _e1, _k1, _a1 in org_at)
            ):
                speakers.add(s0)
        sent = sec.sentence_of(pm.start)
        role = role_phrase(text, pm, org_at, name_ends)
        para = sec.paragraph_of(pm.start)
        affiliation, host, post_role, confidence = affiliation_and_host(
            text, pm, sent, org_at, sec.topic, orgs, para, name_ends
        )
        if pm.start in tabled:  # 序号｜派出单位｜姓名｜…: the home the row gives
            affiliation, confidence = tabled[pm.start], 4
        elif pm.start in roster and sender is not None and (
                confidence <= 1 or affiliation == roster[pm.start]):
            affiliation, confidence = sender, 2
        elif pm.start in team_homes and confidence <= 1:
            affiliation = team_homes[pm.start]  # 医疗队影像科医生韩嘉霖: from where the team came
        elif confidence <= 1 and arrival is not None and arrival[0] < pm.start and (
                batch_cue(text, sent, pm) == "" or after_group_opening(text, para, pm)):
            # …帮扶团队6名专家…进驻岢岚县人民医院。¶本批专家及分工如下：¶——检验科副主任技师A，负责…:
            # one of the group whose arrival the article tells comes from where the group came
            affiliation = arrival[2]
            if host is None or host == affiliation:
                host = arrival[3]
        elif confidence == 0 and ours is not None and host is not None and host != ours:
            # 本批队长、心血管内科副主任医师丰泽宇将挂任…: on a page that says 我院, one whose home no
            # sentence names is of the page's own hospital, not of the place the passage is about
            affiliation = ours
        if pm.start in tabled_hosts and tabled_hosts[pm.start] != affiliation:
            host = tabled_hosts[pm.start]  # …｜受援医院｜…: where the row sends the person
        read.append((pm, sent, para, affiliation, host, post_role, confidence))
        person = persons.setdefault(pm.name, LocalPerson(pm.name, set(), None))
        if role:
            person.roles.add(role)
        if pm.start not in pronoun_starts:
            person.spans.append((pm.start, pm.end))
        # (她被派驻到…: a pronoun says where one went, never where they come from)
        guessed_home = affiliation and pm.start not in pronoun_starts
        if guessed_home and (pm.name not in best or confidence > best[pm.name][0]):
            best[pm.name] = (confidence, pm.start, affiliation, evidence(pm.start), role or None)
    # 队长冉博文同时挂任子长市人民医院业务副院长。…冉博文说: where a mention says the person is posted is
    # not the home a weaker mention guesses from the paragraph
    hosts_of: dict[str, set] = {}
    for pm, _sent, _para, affiliation, host, post, conf in read:
        if host and (host != affiliation or (conf <= 1 and post)):  # (a guessed home: where the post is)
            hosts_of.setdefault(pm.name, set()).add(host)
    for name, (conf, *_rest) in list(best.items()):
        if conf <= 2 and best[name][2] in hosts_of.get(name, ()):
            others = [(c, -pm.start, pm.start, a) for pm, _s, _p, a, _h, _r, c in read
                      if pm.name == name and a and a not in hosts_of[name]]
            if others:
                c, _, start, a = max(others)
                best[name] = (c, start, a, evidence(start), best[name][4])
            elif (sent_by := sender_nearby(text, sec.paras, best[name][1], org_at)) is not None \
                    and sent_by not in hosts_of[name]:
                # …医疗队抵达宜川县人民医院。…郑博宇同时挂任宜川县人民医院业务副院长: from the one that sends
                best[name] = (1, best[name][1], sent_by, best[name][3], best[name][4])
    went_to: list[tuple[int, str, OrgKey, OrgKey]] = []  # (position, person, home, host) of those sent
    of_a_batch: list[tuple] = []  # (mention, post, mate named) to place
    for pm, sent, para, affiliation, host, post_role, confidence in read:
        home = best.get(pm.name)
        # (在百福司镇卫生院，骨伤科主治医师冉启明已经驻点半年: the scene read as a home, where another
        # mention says the home is)
        guessed = confidence <= 1 or (confidence == 2 and scene(text, sent, org_at) == affiliation)
        if home is not None and guessed and home[0] > confidence and home[2] != affiliation:
            # 戚晓蔓来到察布查尔锡伯自治县人民医院，挂职副院长: where a mention with no home of its own goes,
            # read again with the home another mention gave (it is not the place the passage is about)
            affiliation, host, post_role, _ = affiliation_and_host(
                text, pm, sent, org_at, sec.topic, orgs, para, name_ends, home=home[2]
            )
        elif (home is not None and confidence == 2 and home[0] >= 3 and home[2] != affiliation and not host
              and pm.title.endswith("长") and not is_a(orgs, affiliation, EntityType.AUTHORITY)):
            # 在蓝塘镇中心卫生院的慢病门诊里，执行院长涂钧和…; 涂钧和是暨南大学附属广州红十字会医院…医师:
            # the head of a place that another mention says is not home, posted there
            affiliation, host, post_role = home[2], affiliation, pm.title
        elif home is not None and confidence == 2 and home[0] >= 3 and home[2] != affiliation \
                and (again := affiliation_and_host(text, pm, sent, org_at, sec.topic, orgs, para, name_ends,
                                                   home=home[2], trust_home=True))[1] not in (None, home[2]):
            # 昌都市人民医院对口帮扶类乌齐县人民医院，冯晓楠每月去类乌齐坐诊: the institution named before in
            # the sentence is no home of one whose home another mention gives, and where they go shows
            post_role = again[2] or (post_role if again[1] == host else None)
            affiliation, host = again[0], again[1]
        host = respective.get(pm.start, host) or team.get(pm.start)
        more = places.get(pm.start, [])
        if more and (not host or host == affiliation):
            host, more = more[0], more[1:]
        for also in (k for k in more if k not in (host, affiliation)):
            facts.append(Fact(RelationType.DISPATCHED_TO, ("person", pm.name), ("org", also),
                              evidence(pm.start)))
        if not host or host == affiliation:
            mate = batch_cue(text, sent, pm)
            if mate is not None:
                of_a_batch.append((pm, post_role, mate or None))
                continue
        if host and host != affiliation:
            went_to.append((pm.start, pm.name, affiliation, host))
            facts.append(Fact(RelationType.DISPATCHED_TO, ("person", pm.name), ("org", host),
                              evidence(pm.start), role=post_role or None))
    for pm, post_role, mate_named in of_a_batch:
        # 同批驻点的还有…宁晓芸, 首批同时到岗的还有A、B和C, a roster under 本批医疗队成员如下：: one of the
        # group sent, who went where the others went, and came from where they came unless said
        if any(w[1] == pm.name for w in went_to):
            continue  # another mention says where this one went
        mates = [w for w in went_to if w[1] != pm.name and (mate_named is None or w[1] == mate_named)]
        home = best.get(pm.name)
        if home is not None and any(w[2] == home[2] for w in mates):
            mates = [w for w in mates if w[2] == home[2]]  # of the group from where this one comes
        before = [w for w in mates if w[0] < pm.start]
        mate = before[-1] if before else (mates[0] if mates and mate_named is None else None)
        if mate is None and mate_named is None:
            # 第三批驻点帮扶专家团队抵达义县人民医院 … 本批驻点专家名单如下：¶1｜相立宏｜…: the group
            # whose arrival the article tells, from the institution that sent it
            mate = _team_arrival(text, org_at, ours)
        if mate is None:
            continue
        affiliation = home[2] if home is not None else None
        # (同批到岗的还有该院…邝思远: one of a group sent to a place is not from that place)
        if home is None or home[0] <= 1 or (home[0] <= 3 and home[2] == mate[3]):
            # the mate's home as another mention of the mate gave it, when the one read with the
            # place went without (…柏文军挂职东明县人民医院业务副院长 in an article about 东明)
            affiliation = mate[2] or (best[mate[1]][2] if mate[1] in best else None)
            if affiliation is None:  # (where the group came from is not said: not from where it went)
                if home is not None and home[2] == mate[3]:
                    del best[pm.name]
                facts.append(Fact(RelationType.DISPATCHED_TO, ("person", pm.name), ("org", mate[3]),
                                  evidence(pm.start), role=post_role or None))
                continue
            best[pm.name] = (2, pm.start, affiliation, evidence(pm.start), home[4] if home else None)
        if mate[3] != affiliation:
            facts.append(Fact(RelationType.DISPATCHED_TO, ("person", pm.name), ("org", mate[3]),
                              evidence(pm.start), role=post_role or None))
    for name, (_conf, _pos, home, *_rest) in best.items():
        # “沐春燕名医工作室”在宁蒗彝族自治县人民医院揭牌: the expert works at the studio's hospital
        at = text.find(name)
        while at >= 0:
            there = studio_host(text, sec.sentence_of(at), at + len(name), org_at, home)
            if there is not None and not any(w[1] == name and w[3] == there for w in went_to):
                went_to.append((at, name, home, there))
                facts.append(Fact(RelationType.DISPATCHED_TO, ("person", name), ("org", there), evidence(at)))
            at = text.find(name, at + len(name))
    if ours is not None:  # on a page that says 我院, one it sends whose home is not said is its own
        sent_away = {f.source[1] for f in facts
                     if f.type is RelationType.DISPATCHED_TO and f.target[1] != ours}
        for pm, *_rest in read:
            if pm.name not in best and pm.name in sent_away and pm.start not in pronoun_starts:
                best[pm.name] = (0, pm.start, ours, evidence(pm.start), None)
    for name, (_conf, _pos, affiliation, ev, role) in best.items():
        persons[name].affiliation = affiliation
        facts.append(
            Fact(RelationType.AFFILIATED_WITH, ("person", name), ("org", affiliation), ev, role=role)
        )
    # a person is not sent to their own home
    facts = [
        f
        for f in facts
        if not (
            f.type is RelationType.DISPATCHED_TO
            and f.source[0] == "person"
            and persons[f.source[1]].affiliation == f.target[1]
        )
    ]

    dateline = dateline_span(text)
    # 本报聊城3月16日讯, 上海12日電: the day the story was filed, not a day in it
    dates = [d for d in find_dates(text, reference)
             if (dateline is None or d.start != dateline[0]) and not text.startswith(_FILED, d.end)]
    org_at_parties = [x for x in org_at if x[3] or x[0] not in speakers or _states_partnership(text, x)]
    for p in partnerships(doc, sec.sents, sec.paras, org_at_parties, sec.topic, dates, alliances, orgs):
        facts.append(Fact(**p))
    paired = {frozenset((f.source[1], f.target[1])) for f in facts if f.type is RelationType.PARTNER_OF}
    for parent, branch in _own_branches(orgs):
        # 龙泉市人民医院八都分院: a branch named after the hospital the article names, its partner
        if frozenset((parent, branch)) not in paired:
            kind = (PartnershipType.COUNTY_MEDICAL_COMMUNITY if "医共体" in text or "总院" in text
                    else PartnershipType.MEDICAL_ALLIANCE)
            facts.append(Fact(RelationType.PARTNER_OF, ("org", parent), ("org", branch),
                              evidence(min(orgs[branch].spans)[0]), partnership_types=frozenset({kind}),
                              lead=("org", parent)))
            paired.add(frozenset((parent, branch)))
    sent_out = [(persons[f.source[1]].affiliation, f.target[1]) for f in facts
                if f.type is RelationType.DISPATCHED_TO and f.source[0] == "person"]
    for p in partners_sent_to(doc, sec.sents, org_at_parties, dates, sent_out):
        if frozenset((p["source"][1], p["target"][1])) not in paired:
            facts.append(Fact(**p))
    formed = formation_dates(text, sec.sents, org_at_parties, dates)
    # a notice (…的通知, 黔卫健函〔2025〕27号) sets up what it lists on the day it is issued
    issued = reference if reference and len(reference) == 10 and _is_notice(doc, text) else None
    if formed or issued:
        facts = [
            replace(f, date=formed_on(formed, f.lead, f.partnership_types) or issued)
            if f.type is RelationType.PARTNER_OF and f.date is None
            else f
            for f in facts
        ]

    regions: set[str] = set(ctx.counts)
    for k, org in orgs.items():
        first = min(org.spans)
        if org.adcode:
            regions.add(org.adcode)
            facts.append(
                Fact(RelationType.LOCATED_IN, ("org", k), ("region", org.adcode), evidence(first[0]))
            )
        facts.append(Fact(RelationType.MENTIONED_IN, ("org", k), ("doc", doc.doc_id), evidence(first[0])))
    for name, person in persons.items():
        facts.append(
            Fact(
                RelationType.MENTIONED_IN, ("person", name), ("doc", doc.doc_id), evidence(person.spans[0][0])
            )
        )
    # facts read in one sentence share its Evidence (and its text): a sentence backs 3.6 facts on
    # average, and each had its own copy, in memory and in every pickle of the extraction
    shared: dict[Evidence, Evidence] = {}
    facts = [
        f if (ev := shared.setdefault(f.evidence, f.evidence)) is f.evidence else replace(f, evidence=ev)
        for f in facts
    ]
    return DocumentExtraction(doc, orgs, alliances.roots(), persons, regions, facts)


_PLACED = re.compile(r"(?:位于|地处|坐落于|坐落在|落户)([^，,。；、的\s]{2,12})的$")
_PLACE_TAIL = ("", "区", "城区", "市区", "境内", "中心城区")


def _place_by_text(text: str, org: LocalOrg) -> None:
    """位于百色市区的右江民族医学院附属医院: the place an article puts an institution in, when its name
    gives none or a wider one (位于海沧区的厦门长庚医院: 厦门 -> 海沧区)."""
    gaz = gazetteer()
    for s, _e in sorted(org.spans):
        m = _PLACED.search(text, max(0, s - 16), s)
        if m is None:
            continue
        codes, rest, _heads, _pieces = parse_name(m.group(1))
        if not codes or rest not in _PLACE_TAIL or gaz.get(codes[-1]).level == "township":
            continue
        code = codes[-1]
        if org.adcode is None or (gaz.is_within(code, org.adcode) and code != org.adcode):
            org.adcode = code
        return


_SOURCE_LABEL = re.compile("(?:" + "|".join(SOURCE_LABELS) + r")\s*[:：]\s*")
_AT_PLACE = ("在", "到", "赴", "至", "前往", "来到", "走进", "落户")


def _site_org(site: str | None, ctx: RegionContext, table: OrgTable,
              add_at: tuple[int, int] | None = None) -> OrgKey | None:
    """The institution a web page's site is (…_院内新闻_桓仁满族自治县人民医院), if the article names it;
    with ``add_at`` (where the article says 我院), also one it does not name, then added there."""
    if not site:
        return None
    longest_first = sorted(find_org_mentions(site), key=lambda m: m.start - m.end)
    named = [(m, i) for m in longest_first if m.specific and (i := org_identity(m, ctx)) is not None]
    found = next((table.find(i[0]) for _m, i in named if table.find(i[0]) in table.orgs), None)
    if found is not None or add_at is None:
        return found
    # (a site that is one institution's name, whole)
    whole = next(((m, i) for m, i in named
                  if m.type is not EntityType.ALLIANCE and (m.start, m.end) == (0, len(site))), None)
    if whole is None:
        return None
    m, (key, label, aliases, code) = whole
    return table.add(key, label, m.type, code, aliases, add_at)


def _publisher(text: str, spans: list[tuple[int, int, OrgKey]], site: OrgKey | None,
               anaphors: list[tuple[int, int]] = (), authorities: set[OrgKey] = frozenset()) -> OrgKey | None:
    """Who 我院/本院 is: the institution a hospital's own news page names as its source
    (来源：思南县人民医院) or is the site of, else the first one the article names as an actor, not
    as a place (我院…名医工作室在宁蒗县人民医院揭牌。¶昆明医科大学第一附属医院…: the second), and
    not beside 我院 in one clause (我院正式加入武汉大学人民医院紧密型医联体: the one we joined is not us)."""
    for m in _SOURCE_LABEL.finditer(text, 0, 600):
        named = next((k for s, _e, k in spans if s == m.end()), None)
        if named is not None:
            return named
    signed = _signature(text, spans)
    if signed is not None:
        return signed
    if site is not None:
        return site
    actors = [k for s, _e, k in spans if not text.endswith(_AT_PLACE, 0, s)]
    beside_us = {k for s, e in anaphors if text[s] in "我本" and not text.endswith("在", 0, s)
                 for k in _in_clause(text, s, e, spans)}
    return next((k for k in actors if k not in beside_us and k not in authorities),
                actors[0] if actors else None)


def _in_clause(text: str, start: int, end: int, spans: list[tuple[int, int, OrgKey]]) -> list[OrgKey]:
    """The institutions named in the clause around ``text[start:end]``."""
    opening = max((m.end() for m in _CLAUSE_OR_SENTENCE.finditer(text, max(0, start - 60), start)), default=0)
    closing = _CLAUSE_OR_SENTENCE.search(text, end)
    until = closing.start() if closing else len(text)
    return [k for s, e, k in spans if opening <= s and e <= until]


_CLAUSE_OR_SENTENCE = re.compile(r"[，,；;：:。！？!?\n]")


# the last lines of a hospital's own page: 徐州医科大学附属医院　党委办公室, （来源：X医院宣传科）
_SIGNATURE_LINE = re.compile(r"[ \t]*[（(]?(?:(?:" + "|".join(SOURCE_LABELS) + r")\s*[:：]\s*)?")
_SIGNATURE_REST = re.compile(r"[ \t　]*[\u4e00-\u9fff]{0,10}[）)]?[ \t]*$", re.MULTILINE)


def _signature(text: str, spans: list[tuple[int, int, OrgKey]]) -> OrgKey | None:
    """The institution a page signs off with on one of its last four lines: the line is its name,
    perhaps with the department that wrote it (党委办公室) or a source label before it."""
    offset = text.find("\n", max(0, len(text) - 300)) + 1  # (whole lines only)
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", text[offset:]))[-4:]
    for line in reversed(lines):
        opening = _SIGNATURE_LINE.match(text, offset + line.start())
        named = next(((e, k) for s, e, k in spans if s == opening.end()), None)
        if named is not None and _SIGNATURE_REST.match(text, named[0], offset + line.end()):
            return named[1]
    return None


_NOTICE_TITLE = re.compile(r"(?:通知|公告|通告|决定|批复)$")
_DOCUMENT_NUMBER = re.compile(r"〔(?:19|20)\d{2}〕\s*\d+\s*号")


def _is_notice(doc: Document, text: str) -> bool:
    """An official notice: titled …的通知/公告, or numbered like 黔卫健函〔2025〕27号 under its title."""
    title = (doc.title or text.partition("\n")[0]).strip()
    return bool(_NOTICE_TITLE.search(title) or _DOCUMENT_NUMBER.search(text, 0, 300))


_GOES_TO = ("赴", "到", "前往", "来到", "进驻", "挂职", "挂任")


def _ends_like(label: str, head: str) -> bool:
    """该院 refers to a 院 (医院, 卫生院, 学院), 该中心 to a 中心, 该局 to a 局 …"""
    head = head.replace("医院", "院")
    if head == "委":
        return label.endswith(("委", "委员会"))
    return label.endswith(head)


def _states_partnership(text: str, mention) -> bool:
    """Whether a speaker's organisation is also a party: the sentence pairs it with 与/和 (X与Y签约)."""
    s, e = mention[0], mention[1]
    return text[e : e + 1] in ("与", "和", "同") or text[max(0, s - 1) : s] in ("与", "和", "同")


_BARE_HOSPITAL = re.compile(
    r"(?<=[是，,。由])医院(?=(?:此前|此外|还|也|已|已经|曾|曾经|早已|先后|依托)*[与和同])"
    # 莒县人民医院院长厉建军介绍，医院自2019年加入…: the speaker's hospital, in what the speaker reports
    r"|(?<=介绍[，,]|表示[，,])医院(?=是|自|于|加入|作为|已|还|也|目前|现已)"
)
# 总院 or 总医院 standing alone (not the end of a name: 建宁县总医院, 医共体总院)
_HEAD_OF_GROUP = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、“”（）()由在从到向和与及被的]))总(?:医)?院(?!长)"  # (not 为总院)
)


def _head_hospital(text: str, spans: list[tuple[int, int, OrgKey]], orgs: dict) -> OrgKey | None:
    """The hospital heading the county medical community an article tells about (总院, 总医院): the
    hospital it names most, when it tells of one (医共体, 分院)."""
    if ("总院" not in text and "总医院" not in text) or not ("医共体" in text or "分院" in text):
        return None
    return named_most(k for _s, _e, k in spans if k in orgs and orgs[k].type is EntityType.HOSPITAL
                      and not orgs[k].label.endswith(("分院", "院区")))


_BRANCH_TAIL = re.compile(r"(?!.*(?:医共体|医联体|集团|联盟))[\u4e00-\u9fff]{1,6}(?:分院|院区)")
# …帮扶团队抵达, 新一批帮扶专家从合肥出发，抵达 (the group, then where it went)
_TEAM_ARRIVES = re.compile(r"(?:团队|医疗队|专家组|工作队|专家)(?:(?:[^，,。；;]{0,6}?|[^。；;]{0,12}?[，,])"
                           r"(?:当天|当日|随后|次日)?(?:抵达|进驻|来到|到达|入驻)|(?:当天|已|正式)?到)$")


def _team_arrival(text: str, org_at, ours: OrgKey | None) -> tuple | None:
    """(position, "", home, host) of the group whose arrival the article tells (X第三批驻点帮扶专家
    团队抵达Y): the institution it reached, and the one that sent it (named before the group, else
    the page's own), for those listed as its members with no one else to go by."""
    for s, _e, k, _ana in org_at:
        arrived = _TEAM_ARRIVES.search(text, max(0, s - 16), s)
        if arrived is None:
            continue
        # (the sender is named in the sentence; with a bare 到, in the clause: …专家到X报到)
        stops = ("。", "\n", "；", ";", *(("，", ",") if arrived.group().endswith("到") and not
                                          arrived.group().endswith(("来到", "到达")) else ()))
        opening = max(text.rfind(c, 0, arrived.start()) for c in stops) + 1
        sender = next((k0 for s0, e0, k0, ana in reversed(org_at)
                       if opening <= s0 and e0 <= arrived.start() and not ana), ours)
        if sender is not None and sender != k:
            return (s, "", sender, k)
    return None


_HELPS = ("帮扶", "支援", "托管", "援助", "进驻", "派驻", "入驻", "共建", "与", "和", "同", "到")
_FILED = ("讯", "电", "電")
_SPOKESPERSON = re.compile(r"(?:有关|相关)?负责人(?:表示|介绍|说|指出|称|透露|强调)")
_LEARNT = ("获悉", "了解到", "得知", "获得消息")
_NOT_ONE = ("他们", "她们", "他人")


def _pronoun_mentions(text: str, sents: list[Span], mentions: list[PersonMention]) -> list[PersonMention]:
    """A sentence that opens with 他 or 她 (not 他们) is about the person the sentence before it names
    last (…儿科主治医师冉月。她被派驻到布拖县妇幼保健计划生育服务中心): read as a mention of them."""
    out: list[PersonMention] = []
    for prev, sent in pairwise(sents):
        at = sent.start
        opening = _TIME_OPENING.match(text, sent.start, sent.end)  # 从2020年起，他…: after when, who
        if opening and text[opening.end() : opening.end() + 1] in ("他", "她"):
            at = opening.end()
        if text[at : at + 1] not in ("他", "她") or text.startswith(_NOT_ONE, at):
            continue
        named = [p for p in mentions if prev.start <= p.start < sent.start]
        if named:
            out.append(PersonMention(at, at + 1, named[-1].name, "", at))
    for sent in sents:  # …程晓峰就是其中之一，他在岳西县医院挂职…: a clause about the one its sentence named
        for m in _CLAUSE_PRONOUN.finditer(text, sent.start, sent.end):
            named = [p for p in mentions if sent.start <= p.start < m.start()]
            said = text.endswith(SPEECH_VERBS, sent.start, m.start())  # (…说，她将推动…: what one says)
            if named and len({p.name for p in named}) == 1 and not said:
                at = m.end() - 1
                out.append(PersonMention(at, at + 1, named[-1].name, "", at))
    return out


# ，他在…, ，她被…: a clause opening with he or she, then where or how (not 他们, 他人)
_CLAUSE_PRONOUN = re.compile(r"[，,](?:他|她)(?=在|被|先后|曾|已|将|随即|于|到|还|也|又|作为)")


# 从2020年起，今年5月，此后，: a clause of when that opens a sentence
_DATED_OPENING = re.compile(r"\d{1,2}月\d{1,2}日(?:上午|下午|晚)?[，,\s　]*")
_TIME_OPENING = re.compile(
    r"(?=[^，,。；;！？\n]{0,11}(?:年|月|日|起|以来|此后|随后|之后|当天))[^，,。；;！？\n]{1,12}[，,]"
)


def _remap(fact: Fact, table: OrgTable) -> Fact:
    def fix(ref):
        return ("org", table.find(ref[1])) if ref and ref[0] == "org" else ref

    return Fact(
        fact.type,
        fix(fact.source),
        fix(fact.target),
        fact.evidence,
        fact.partnership_types,
        fact.date,
        fact.role,
        fix(fact.lead),
    )


def _own_branches(orgs: dict) -> list[tuple[OrgKey, OrgKey]]:
    """(hospital, branch) for each 分院 the article names after a hospital it names too, with a place
    between (龙泉市人民医院 and 龙泉市人民医院八都分院; not a 院区, one of the hospital's own sites)."""
    labels = {o.label: k for k, o in orgs.items()}
    out = []
    for k, org in orgs.items():
        name = org.label
        head = next((h for h in labels if name.startswith(h) and len(name) > len(h)
                     and _BRANCH_TAIL.fullmatch(name, len(h))), None)
        if head is not None and labels[head] != k and name.endswith("分院"):
            out.append((labels[head], k))
    return out


def _add_branch(
    m: OrgMention, branch: tuple[str, str], ctx: RegionContext, table: OrgTable, facts: list[Fact], evidence
) -> OrgKey | None:
    """武穴市医共体总医院石佛寺卫生院: the 石佛寺 township centre, a member of the group the 总医院 leads."""
    head_rest, member_rest = branch
    county_group = "医共体" in head_rest or head_rest.endswith(("总医院", "总院"))
    if head_rest.endswith("医共体") and head_rest[:-3].endswith("医院"):
        head_rest = head_rest[:-3]  # 灵武市人民医院医共体郝家桥分院: the hospital heads its community
    county = m.regions[-1]
    codes, rest, _, pieces = parse_name(member_rest, [county])
    head_label = region_label(county) + head_rest
    head = table.add(
        (county, head_rest),
        head_label,
        EntityType.HOSPITAL,
        county,
        {head_label},
        (m.start, m.start + len(m.surface) - len(member_rest)),
    )
    sub = OrgMention(
        m.start,
        m.end,
        "".join(m.pieces) + member_rest,
        m.type,
        (*m.regions, *codes),
        rest,
        (*m.pieces, *pieces),
    )
    ident = org_identity(sub, ctx)
    if ident is None:
        return None
    key, label, aliases, code = ident
    member = table.add(key, label, m.type, code, aliases | {m.surface}, (m.start, m.end))
    # 医共体总医院, 县总医院, 总院: the head of a county medical community
    kind = PartnershipType.COUNTY_MEDICAL_COMMUNITY if county_group else PartnershipType.MEDICAL_ALLIANCE
    facts.append(
        Fact(
            RelationType.PARTNER_OF,
            ("org", head),
            ("org", member),
            evidence(m.start),
            frozenset({kind}),
            None,
            None,
            ("org", head),
        )
    )
    return member

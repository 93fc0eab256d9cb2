"""Extraction of one article, pattern by pattern, on short articles written for these tests."""

from __future__ import annotations

import pytest

from kg.corpus import load, normalise
from kg.extract import DocumentExtraction, extract_document
from kg.model import Document, PartnershipType, RelationType


def extract(text: str, date: str | None = None) -> DocumentExtraction:
    norm, offsets = normalise(text)
    return extract_document(Document("t.txt", "t.txt", text, norm, offsets, date=date))


def org_names(x: DocumentExtraction) -> dict[str, set[str]]:
    return {o.label: o.aliases | {o.label} for o in x.orgs.values()}


def facts(x: DocumentExtraction, kind: RelationType) -> set[tuple[str, str]]:
    label = {k: o.label for k, o in x.orgs.items()}

    def name(ref):
        return label.get(ref[1], ref[1]) if ref[0] == "org" else ref[1]

    return {(name(f.source), name(f.target)) for f in x.facts if f.type is kind}


ONE_ORGANISATION = [
    # (article, the organisation's label, a name that must be among its aliases)
    ("山西省人民医院托管岢岚县人民医院。仪式上，双方为“山西省人民医院岢岚分院”揭牌。",
     "岢岚县人民医院", "山西省人民医院岢岚分院"),  # the branch plaque hung on the county's hospital
    ("云南省阜外心血管病医院又名中国医学科学院阜外医院云南医院。", "云南省阜外心血管病医院",
     "中国医学科学院阜外医院云南医院"),  # 又名: another name
    ("福州市第二医院（福建省第二人民医院）开展义诊。", "福州市第二医院", "福建省第二人民医院"),
    ("浠水县医共体总医院巴河镇卫生院今天揭牌。", "浠水县巴河镇卫生院", "浠水县医共体总医院巴河镇卫生院"),
    ("宜昌市疾控中心发布提示。", "宜昌市疾病预防控制中心", "宜昌市疾控中心"),
    ("武汉市江岸区卫健局召开会议。", "江岸区卫生健康局", "武汉市江岸区卫生健康局"),
    ("兰州大学第二医院专家到积石山县义诊，兰大二院还将派驻专家。", "兰州大学第二医院", "兰大二院"),
    ("近日，廣州市第一人民醫院舉辦講座。", "广州市第一人民医院", "廣州市第一人民醫院"),
    ("静乐县中心医院原名静乐县人民医院，2022年更为现名。", "静乐县中心医院", "静乐县人民医院"),  # former name
    ("南丰县白舍镇中心卫生院加挂“南丰县医共体总医院白舍分院”牌子。", "南丰县白舍镇中心卫生院",
     "南丰县医共体总医院白舍分院"),  # a second name in quotes
    ("瑪麗醫院專家參與會診。", "玛丽医院", "瑪麗醫院"),  # well-known outside the mainland's codes too
    ("臺大醫院與花蓮慈濟醫院簽署合作備忘錄。", "台湾大学医学院附设医院", "臺大醫院"),
    ("武汉协和心血管内科专家到英山县人民医院驻点。", "华中科技大学同济医学院附属协和医院", "武汉协和"),
    # a university's affiliated hospital named by place and kind after 附属 is that place's one
    ("暨南大学附属广州红十字会医院专家到紫金县人民医院坐诊。广州市红十字会医院还将派驻专家。",
     "暨南大学附属广州红十字会医院", "广州市红十字会医院"),
    # a township's centre of the county just told about is named by its township
    ("湄潭县人民医院专家来到该县永兴镇中心卫生院义诊。", "湄潭县永兴镇中心卫生院", "永兴镇中心卫生院"),
    # a plaque named after the partner and the county, hung on the county's hospital
    ("兰州大学第一医院托管景泰县人民医院。双方为“兰州大学第一医院景泰医院”揭牌。", "景泰县人民医院",
     "兰州大学第一医院景泰医院"),
]


@pytest.mark.parametrize(("text", "label", "alias"), ONE_ORGANISATION)
def test_extract_one_entity_per_organisation(text: str, label: str, alias: str) -> None:
    names = org_names(extract(text))
    assert label in names, sorted(names)
    assert alias in names[label]


CONTEXT = [
    # the name depends on the article's place
    ("山医大二院与静乐县中心医院签约。静乐县的患者以前要到县医院排队。", "静乐县中心医院"),
    ("宜都市卫健局近日通报，患者已转到市第一人民医院救治。", "宜都市第一人民医院"),
    ("海淀区某社区居民突发疾病，被送往区中医医院。", "海淀区中医医院"),
    ("北京市民王女士说，她每年都去协和医院复查。", "北京协和医院"),
    ("武汉市江岸区居民说，协和医院的专家每周来社区坐诊。", "华中科技大学同济医学院附属协和医院"),
    ("银川市民说，宁夏的自治区人民医院专家每周来县里坐诊。", "宁夏回族自治区人民医院"),
    ("延边朝鲜族自治州龙井市的患者被送往自治州人民医院。", "延边朝鲜族自治州人民医院"),
]


@pytest.mark.parametrize(("text", "label"), CONTEXT)
def test_extract_context_dependent_names(text: str, label: str) -> None:
    names = org_names(extract(text))
    assert label in names
    assert not any(n.endswith("县医院") and n != label for n in names)  # no second hospital for 县医院


def test_extract_a_citys_numbered_hospital_is_not_its_countys() -> None:
    # 第一医院 is a kind every level has: the city's is not the county's of the same name
    x = extract("宁波市第一医院对口支援宁海县第一医院，奉化区人民医院也加入协作。")
    assert {"宁波市第一医院", "宁海县第一医院"} <= set(org_names(x))
    assert ("宁波市第一医院", "宁海县第一医院") in facts(x, RelationType.PARTNER_OF) | {
        (b, a) for a, b in facts(x, RelationType.PARTNER_OF)}


def test_extract_a_places_nth_hospital_said_with_its_level_only() -> None:
    # 省六院 is the province's 第六人民医院 the article names; 带教县医院医生: 带教 is a verb, not a name
    x = extract(
        "河北省第六人民医院与唐县人民医院签订专科联盟协议。省六院老年精神科主任医师闵若溪每月到唐县坐诊两次，"
        "带教县医院医生。"
    )
    assert set(org_names(x)) == {"河北省第六人民医院", "唐县人民医院"}
    assert ("闵若溪", "河北省第六人民医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_a_peoples_hospital_said_short() -> None:
    # 省人医 is the province's 人民医院 the article names in full, wherever the story is; 甘肃省人医 its own
    x = extract(
        "省人医第三批医疗队抵达贵德\n\n7月8日，江苏省人民医院第三批医疗队抵达青海省贵德县。"
        "省人医普外科主任医师欧阳立新任贵德县人民医院执行院长。"
    )
    assert set(org_names(x)) == {"江苏省人民医院", "贵德县人民医院"}
    assert ("欧阳立新", "江苏省人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    x = extract("3月19日，甘肃省人医—会宁县人民医院紧密型医联体揭牌。病人医疗费用明显下降。")
    assert set(org_names(x)) == {"甘肃省人民医院", "会宁县人民医院"}


def test_extract_context_dependent_names_are_never_aliases() -> None:
    names = org_names(extract("都安瑶族自治县的患者在县医院溶栓后，转到市人民医院。河池市人民医院专家会诊。"))
    assert set(names) == {"都安瑶族自治县医院", "河池市人民医院"}  # both read, in their article's places
    assert not {"县医院", "市人民医院"} & set().union(*names.values())


def test_extract_lists_of_county_hospitals() -> None:
    x = extract("省人民医院与通渭县、陇西县、渭源县3家人民医院签约结对帮扶。")
    assert {"通渭县人民医院", "陇西县人民医院", "渭源县人民医院"} <= set(org_names(x))


def test_extract_partnership_kind_lead_and_relative_date() -> None:
    x = extract("2023-06-01 来源：某某日报\n今年4月，宁波市第一医院全面托管象山县第一人民医院。", None)
    edges = [f for f in x.facts if f.type is RelationType.PARTNER_OF]
    assert len(edges) == 1
    edge = edges[0]
    assert {p.value for p in edge.partnership_types} == {"Trusteeship"}
    assert edge.date == "2023-04"
    assert x.orgs[edge.lead[1]].label == "宁波市第一医院"


def test_extract_joint_events_and_co_mentions_are_not_partnerships() -> None:
    x = extract("会上，杭州市第一人民医院和温州市中心医院的代表分别作了发言。")
    assert not [f for f in x.facts if f.type is RelationType.PARTNER_OF]


DISPATCHES = [
    (
        "来自四川大学华西医院的李志强教授挂职甘孜州人民医院副院长。",
        "李志强",
        "四川大学华西医院",
        "甘孜州人民医院",
    ),
    (
        "南京鼓楼医院心内科主任医师周明到盐城市第三人民医院坐诊。",
        "周明",
        "南京鼓楼医院",
        "盐城市第三人民医院",
    ),
    (
        "上海市第六人民医院骨科专家孙伟被任命为喀什地区第二人民医院骨科主任。",
        "孙伟",
        "上海市第六人民医院",
        "喀什地区第二人民医院",
    ),
    (  # jieba: 市中心 (downtown) / 医院; the article's 市中心医院 is 黄冈市中心医院
        "黄冈市中心医院托管蕲春县人民医院。市中心医院神经内科主任医师余海涛将担任蕲春县人民医院执行院长。",
        "余海涛",
        "黄冈市中心医院",
        "蕲春县人民医院",
    ),
    (  # X派驻的…: sent to the institution the article is most about besides home
        "绍兴市人民医院托管嵊州市人民医院。嵊州市人民医院将迎来新的管理团队。"
        "绍兴市人民医院派驻的执行院长、骨科主任医师钱峰表示，将先建创伤中心。",
        "钱峰",
        "绍兴市人民医院",
        "嵊州市人民医院",
    ),
    (  # 驻点专家、<home>…: posted to the article's partner
        "中南大学湘雅医院与桑植县人民医院续签对口支援协议。"
        "第12批驻点专家、湘雅医院心血管内科副主任医师谭宁说，已带教本地医生20余人。",
        "谭宁",
        "中南大学湘雅医院",
        "桑植县人民医院",
    ),
    (  # 到<city>查房: the article's institution in that city
        "中国医科大学附属盛京医院与葫芦岛市中心医院共建儿科联合病房。"
        "盛京医院小儿呼吸科主任医师尚云晓教授团队将每月到葫芦岛查房、会诊。",
        "尚云晓",
        "中国医科大学附属盛京医院",
        "葫芦岛市中心医院",
    ),
    (  # sent, then 任 (serve as) a post at the host
        "山东大学齐鲁医院托管德州市陵城区人民医院。齐鲁医院派驻普外科主任医师刘振华任陵城区人民医院执行院长。",
        "刘振华",
        "山东大学齐鲁医院",
        "陵城区人民医院",
    ),
    (  # 担任 marks where the first goes, so the second's home is the one named before it
        "四川大学华西医院普外科主任医师刘志勇担任昌都市人民医院副院长，心内科副主任医师蒋文娟挂职该院心内科主任。",
        "蒋文娟",
        "四川大学华西医院",
        "昌都市人民医院",
    ),
    (  # 在 and the short name of the place where one works (藤田 of 永丰县藤田镇中心卫生院)
        "永丰县人民医院与藤田镇中心卫生院组建医共体。永丰县人民医院康复医学科主治医师戚雨菲每周三天在藤田坐诊。",
        "戚雨菲",
        "永丰县人民医院",
        "永丰县藤田镇中心卫生院",
    ),
    (  # the place a sentence opens with (在X，), where one from elsewhere is at work
        "在射洪市平安街道社区卫生服务中心，射洪市人民医院心内科医生汪梓涵正在为一位签约居民调整降压药。",
        "汪梓涵",
        "射洪市人民医院",
        "射洪市平安街道社区卫生服务中心",
    ),
    (  # sent to 该院, the institution the sentence brought in: from the one that brought it in
        "2024年起，哈医大二院将绥棱县妇幼保健院一并纳入对口支援范围，儿科主治医师鞠若楠被派驻到该院。",
        "鞠若楠",
        "哈尔滨医科大学附属第二医院",  # (哈医大二院, a known short name)
        "绥棱县妇幼保健院",
    ),
    (  # 赴X驻诊的, then the home and the title: the article's institution at X
        "四川省人民医院与石渠县人民医院签约。首批赴石渠驻诊的四川省人民医院心内科医师孔德伟已抵达。",
        "孔德伟",
        "四川省人民医院",
        "石渠县人民医院",
    ),
    (  # a team named after the place it serves (久治医疗队)
        "河南省人民医院对口帮扶清丰县人民医院。清丰医疗队队长、河南省人民医院心血管内科主任医师芦光耀，"
        "到岗后牵头建设胸痛中心。",
        "芦光耀",
        "河南省人民医院",
        "清丰县人民医院",
    ),
    (  # 驻扎在: posted there
        "沈丘县人民医院呼吸与危重症医学科主治医师单若琳一直驻扎在沈丘县新安集镇卫生院。",
        "单若琳",
        "沈丘县人民医院",
        "沈丘县新安集镇卫生院",
    ),
    (  # …and so is it when her home is named again before her: the post is where the first went
        "中南大学湘雅医院普通外科主任医师覃耀宗出任龙山县人民医院执行院长，"
        "湘雅医院心内科护士长尹佩珊则担任该院护理部主任。",
        "尹佩珊",
        "中南大学湘雅医院",
        "龙山县人民医院",
    ),
    (  # the sending opens the sentence, the appointment comes after 其中
        "郑州大学第一附属医院将派驻专家团队常驻兰考县人民医院，其中心血管内科主任医师王建国任兰考县人民医院执行院长。",
        "王建国",
        "郑州大学第一附属医院",
        "兰考县人民医院",
    ),
    (  # 派驻<place>的: the article's institution at that place
        "海南省人民医院对口帮扶白沙黎族自治县人民医院。海南省人民医院派驻白沙的麻醉科副主任医师羊春花开展了首例分娩镇痛。",
        "羊春花",
        "海南省人民医院",
        "白沙黎族自治县人民医院",
    ),
    (  # 其中: one of those sent to the institution named before
        "天津医科大学肿瘤医院和静海区医院共建肿瘤诊疗中心。天津医科大学肿瘤医院将派专家常驻静海区医院，"
        "其中乳腺肿瘤科副主任医师曹颖担任中心执行主任。",
        "曹颖",
        "天津医科大学肿瘤医院",
        "静海区医院",
    ),
    (  # 作为派驻专家，在X工作: where the one sent works
        "武汉大学中南医院与修水县第一人民医院签署紧密型医联体协议。"
        "中南医院急诊科副主任医师万志强作为首批派驻专家，已在修水县第一人民医院工作一周。",
        "万志强",
        "武汉大学中南医院",
        "修水县第一人民医院",
    ),
    (  # NAME是<home>…，…挂职<host>: the home named after 是, the posting after that clause
        "东乡族自治县人民医院完成首例手术。主刀医生林志鹏是厦门大学附属第一医院肝胆胰外科副主任医师，"
        "去年8月作为帮扶专家来到东乡，挂职东乡族自治县人民医院副院长。",
        "林志鹏",
        "厦门大学附属第一医院",
        "东乡族自治县人民医院",
    ),
    (  # 到<host>开设门诊
        "泉州市第一医院与鲤城区海滨街道社区卫生服务中心签约。泉州市第一医院选派专家定期坐诊，其中，"
        "内分泌科副主任医师蔡丽娟每周四到鲤城区海滨街道社区卫生服务中心开设糖尿病联合门诊。",
        "蔡丽娟",
        "泉州市第一医院",
        "鲤城区海滨街道社区卫生服务中心",
    ),
    (  # 被聘为 a post there
        "厦门大学附属心血管病医院与长汀县医院签约。厦门心血管病医院心内科主任医师李卫东被聘为长汀县医院心内科名誉主任。",
        "李卫东",
        "厦门大学附属心血管病医院",
        "长汀县医院",
    ),
    (  # 该院 is not the hospital its own expert goes to
        "厦门长庚医院将派出专家到漳州市长泰区医院开设门诊。该院神经外科主任医师张志铭将每周赴长泰区医院坐诊。",
        "张志铭",
        "厦门长庚医院",
        "长泰区医院",
    ),
    (  # sent by the sentence's subject, to the institution it named last
        "2022年5月，菏泽市立医院全面托管东明县人民医院，并派出副院长栾海鹏担任执行院长。",
        "栾海鹏",
        "菏泽市立医院",
        "东明县人民医院",
    ),
    (  # the post a phrase before the name gives
        "过去一年挂职日喀则市人民医院院长的第十批领队、上海交通大学医学院附属瑞金医院消化内科主任医师郁文涛介绍，",
        "郁文涛",
        "上海交通大学医学院附属瑞金医院",
        "日喀则市人民医院",
    ),
    (  # …的 before a name read again without its title
        "坐诊的是浙江省人民医院神经内科主任医师冼嘉禾。“查房要让年轻医生先汇报。”"
        "说这话的是浙江省人民医院神经内科主任医师、挂职海西州人民医院业务副院长的冼嘉禾。",
        "冼嘉禾",
        "浙江省人民医院",
        "海西州人民医院",
    ),
    (  # 现任 a post away from the home named right before the name
        "现任元阳县人民医院执行院长的昆医大附一院普外科副主任医师钟岚说，常驻专家解决的是有没有的问题。",
        "钟岚",
        "昆明医科大学第一附属医院",  # 昆医大附一院, a known short name
        "元阳县人民医院",
    ),
    (  # hired for a post at the one who hires
        "蒯建平是湖南省人民医院内分泌科主任医师。吐鲁番市人民医院以柔性引进方式聘请蒯建平为该院内分泌科名誉主任。",
        "蒯建平",
        "湖南省人民医院",
        "吐鲁番市人民医院",
    ),
    (  # 来到 a hospital, then the post there after a comma
        "作为江苏省援疆医疗队队员，南京医科大学第二附属医院副主任医师戚晓蔓来到察布查尔锡伯自治县人民医院，挂职副院长。",
        "戚晓蔓",
        "南京医科大学第二附属医院",
        "察布查尔锡伯自治县人民医院",
    ),
    (  # the person's own clause says where they work
        "3月15日，昆明医科大学第一附属医院风湿免疫科主任医师柏松涛正式在元阳县人民医院开设专家门诊。",
        "柏松涛",
        "昆明医科大学第一附属医院",
        "元阳县人民医院",
    ),
    (  # a head post given to one from elsewhere
        "湖州市中心医院与德清县人民医院签订托管协议。首任执行院长由湖州市中心医院医务部主任沈国华担任，"
        "他此前负责东院区的运营管理。",
        "沈国华",
        "湖州市中心医院",
        "德清县人民医院",
    ),
    (  # …the post named with its institution
        "浙江省人民医院与淳安县第一人民医院续签协议，淳安县第一人民医院执行院长由浙江省人民医院心血管内科主任医师阮哲明担任。",
        "阮哲明",
        "浙江省人民医院",
        "淳安县第一人民医院",
    ),
    (  # …named with 的 before the post, given after a comma
        "按照医共体章程，福田河镇卫生院的业务院长，由麻城市人民医院心内科副主任医师殷卫国担任。",
        "殷卫国",
        "麻城市人民医院",
        "麻城市福田河镇卫生院",
    ),
    (  # when, before the verb of the appointment
        "兰州大学第一医院与东乡族自治县人民医院签约。兰州大学第一医院肝胆外科主任医师贠志强当天被聘任为"
        "东乡族自治县人民医院执行院长，任期两年。",
        "贠志强",
        "兰州大学第一医院",
        "东乡族自治县人民医院",
    ),
    (  # a post held now
        "苏州大学附属第一医院骨科副主任医师浦俊杰现任沿河土家族自治县人民医院副院长，牵头建成了关节外科。",
        "浦俊杰",
        "苏州大学附属第一医院",
        "沿河土家族自治县人民医院",
    ),
    (  # two titles: the first at home, the second a head's post elsewhere
        "主刀的，是贵州医科大学附属医院普外科主任医师、从江县人民医院执行院长岑国梁。",
        "岑国梁",
        "贵州医科大学附属医院",
        "从江县人民医院",
    ),
    (  # 省医: the province's 人民医院 said short (Guangdong)
        "广东省人民医院与徐闻县人民医院签订帮扶协议。现任帮扶团队队长、省医急诊科副主任医师尹镇雄于今年1月到任，"
        "挂职徐闻县人民医院常务副院长。",
        "尹镇雄",
        "广东省人民医院",
        "徐闻县人民医院",
    ),
    (  # a second place of practice
        "北京大学人民医院内分泌科主任医师阙明亮在琼海市人民医院备案多点执业，每月飞到琼海两次。",
        "阙明亮",
        "北京大学人民医院",
        "琼海市人民医院",
    ),
    (  # at clinical work there (visiting is a dispatch)
        "签约当天，宁夏医科大学总医院心脏中心主任医师牛永安还在中宁县人民医院开展了胸痛中心建设专题培训。",
        "牛永安",
        "宁夏医科大学总医院",
        "中宁县人民医院",
    ),
    (  # leading a team there
        "签约结束后，山西医科大学第二医院副院长韩立群带领心内科、骨科专家团队在沁源县人民医院开展义诊和教学查房。",
        "韩立群",
        "山西医科大学第二医院",
        "沁源县人民医院",
    ),
    (  # there with another
        "揭牌当天，中国医学科学院阜外医院主任医师庞明川与内蒙古医科大学附属医院心内科主任医师郝瑞雪一起，"
        "在卓资县医院开展了义诊和教学查房。",
        "庞明川",
        "中国医学科学院阜外医院",
        "卓资县医院",
    ),
    (  # seeing patients there
        "图为大庆油田总医院心内科专家阮书珩在银浪街道社区卫生服务中心为居民义诊。",
        "阮书珩",
        "大庆油田总医院",
        "银浪街道社区卫生服务中心",
    ),
    (  # who serves there, told before the home and the name
        "目前在于都县人民医院挂职的，是南昌大学第一附属医院心血管内科副主任医师邝卫东，担任业务副院长。",
        "邝卫东",
        "南昌大学第一附属医院",
        "于都县人民医院",
    ),
    (  # a posting there that has ended
        "今年5月，郑州大学第一附属医院普外科主任医师祁振宇结束了在兰考县人民医院两年半的挂职，回到郑州。",
        "祁振宇",
        "郑州大学第一附属医院",
        "兰考县人民医院",
    ),
    (  # the name again, then 又 (again)
        "兰州大学第一医院心血管内科副主任医师麻文涛在医院。麻文涛又被选派到和政县人民医院挂职副院长。",
        "麻文涛",
        "兰州大学第一医院",
        "和政县人民医院",
    ),
    (  # becoming one of those sent, in a sentence that names the other party
        "重庆医科大学附属第一医院骨科副主任医师覃永康在做手术。2019年，重医附一院与城口县人民医院签订对口帮扶协议，"
        "覃永康成为首批派驻专家，在城口一待就是一年。",
        "覃永康",
        "重庆医科大学附属第一医院",
        "城口县人民医院",
    ),
    (  # seeing patients in one of its clinics (应诊: Hong Kong's word)
        "威尔斯亲王医院眼科顾问医生岑卓贤自本月起逢周六到深圳市人民医院眼科门诊应诊。",
        "岑卓贤",
        "威尔斯亲王医院",
        "深圳市人民医院",
    ),
    (  # going (去) to a place to see patients, in a sentence that names a partnership before
        "天津市第一中心医院肾内科副主任医师宓晓楠在昌都工作。援藏专家也把目光投向了县里。去年7月起，"
        "昌都市人民医院对口帮扶类乌齐县人民医院，宓晓楠每月驱车四个多小时去类乌齐坐诊两天。",
        "宓晓楠",
        "天津市第一中心医院",
        "类乌齐县人民医院",
    ),
    (  # he, in a clause of the sentence that named him
        "安庆市立医院消化内科副主任医师程晓枫就是其中之一，他在岳西县医院挂职消化内科副主任，半年来开展治疗200余例。",
        "程晓枫",
        "安庆市立医院",
        "岳西县医院",
    ),
    (  # coming (来) to practise at a place the sentence names short (驻诊)
        "仁伯爵综合医院与中山大学肿瘤防治中心签约。中山大学肿瘤防治中心鼻咽癌专家曹志达教授已于去年10月起来仁伯爵综合医院驻诊。",
        "曹志达",
        "中山大学肿瘤防治中心",
        "仁伯爵综合医院",
    ),
    (  # reporting for duty there
        "首批驻点的东南大学附属中大医院重症医学科主治医师岳亦凡已于当天下午到阜宁县人民医院报到。",
        "岳亦凡",
        "东南大学附属中大医院",
        "阜宁县人民医院",
    ),
    (  # arriving, then a post there
        "安徽医科大学第二附属医院心血管内科副主任医师房立新正式到岗，挂任太湖县医院心血管内科学科主任。",
        "房立新",
        "安徽医科大学第二附属医院",
        "太湖县医院",
    ),
]


def test_extract_people_listed_then_respectively_sent_go_in_order() -> None:
    x = extract("上海市第六人民医院骨科副主任医师诸葛衡、上海市胸科医院胸外科主治医师宁思远"
                "将分别驻点拉孜县人民医院和萨迦县人民医院，每周坐诊不少于4天。")
    sent = facts(x, RelationType.DISPATCHED_TO)
    assert {("诸葛衡", "拉孜县人民医院"), ("宁思远", "萨迦县人民医院")} <= sent
    assert ("宁思远", "拉孜县人民医院") not in sent


@pytest.mark.parametrize(("text", "person", "home", "host"), DISPATCHES)
def test_extract_dispatches_with_home_and_host(text: str, person: str, home: str, host: str) -> None:
    x = extract(text)
    assert (person, home) in facts(x, RelationType.AFFILIATED_WITH)
    assert (person, host) in facts(x, RelationType.DISPATCHED_TO)


HOMES = [
    # (article, person, home institution)
    (  # a 院长 heads a 院: the article's own hospital, not the 局 the paragraph named last
        "我院远程会诊中心启用\n\n来源：思南县人民医院\n\n我院与华西医院签订协议。\n\n"
        "仪式上，思南县卫生健康局副局长田茂林致辞。院长冉从军表示，医院将建立专人管理制度。",
        "冉从军",
        "思南县人民医院",
    ),
    ("长治市人民医院近日开展义诊活动。该院党委书记赵国华表示，将持续推进。", "赵国华", "长治市人民医院"),
    (  # 该中心 at a paragraph's start: the institution at the end of the one before
        "南丰县以南丰县人民医院为牵头单位组建医共体。\n南丰县妇幼保健计划生育服务中心也是成员单位。\n"
        "该中心副主任付丽娟介绍，高危孕产妇已实现闭环管理。",
        "付丽娟",
        "南丰县妇幼保健计划生育服务中心",
    ),
    (  # a double title: the hospital, not the university
        "香港大学深圳医院与寻乌县人民医院签署远程医疗协作协议。"
        "港大深圳医院妇产科顾问医生、香港大学临床副教授梁颖仪说，医院将把经验带到寻乌。",
        "梁颖仪",
        "香港大学深圳医院",
    ),
]


@pytest.mark.parametrize(("text", "person", "home"), HOMES)
def test_extract_home_institution(text: str, person: str, home: str) -> None:
    assert (person, home) in facts(extract(text), RelationType.AFFILIATED_WITH)


def test_extract_evidence_indexes_the_original_text() -> None:
    text = "2024年3月，绵阳市中心医院与\n平武县人民医院签约共建紧密型医联体。"
    x = extract(text)
    for f in x.facts:
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text


def test_extract_specialty_alliance_named_by_its_field_with_lead_and_members() -> None:
    x = extract("由贵州医科大学附属医院（以下简称“贵医附院”）牵头组建的贵州省儿科专科联盟在贵阳成立，"
                "毕节市第一人民医院、黔西市人民医院、榕江县人民医院等28家医疗机构成为首批成员单位。")
    alliance = {a.label: k for k, a in x.alliances.items()}
    assert list(alliance) == ["贵州省儿科专科联盟"]
    key = alliance["贵州省儿科专科联盟"]
    by_type = {t: {f.source[1] for f in x.facts if f.type is t and f.target == ("alliance", key)}
               for t in (RelationType.LEADS, RelationType.MEMBER_OF)}
    label = {k: o.label for k, o in x.orgs.items()}
    members = {"毕节市第一人民医院", "黔西市人民医院", "榕江县人民医院"}
    assert {label[k] for k in by_type[RelationType.LEADS]} == {"贵州医科大学附属医院"}
    assert {label[k] for k in by_type[RelationType.MEMBER_OF]} == members
    # the lead partners each member, in the kind the alliance's name says (the sentence names five
    # institutions with the alias, too many for a statement of partnership between them)
    partners = {(f.source, f.target): f for f in x.facts if f.type is RelationType.PARTNER_OF}
    assert {(label[a[1]], label[b[1]]) for a, b in partners} == {("贵州医科大学附属医院", m) for m in members}
    assert all(f.partnership_types == {PartnershipType.SPECIALTY_ALLIANCE} for f in partners.values())


def test_extract_one_that_joins_an_alliance_another_leads() -> None:
    x = extract("2024年，瑞昌市人民医院加入了华中科技大学同济医学院附属协和医院牵头的"
                "华中区域心血管专科联盟。")
    label = {k: o.label for k, o in x.orgs.items()}
    by_type = {t: {label[f.source[1]] for f in x.facts if f.type is t} for t in (RelationType.LEADS,
                                                                               RelationType.MEMBER_OF)}
    assert by_type == {RelationType.LEADS: {"华中科技大学同济医学院附属协和医院"},
                       RelationType.MEMBER_OF: {"瑞昌市人民医院"}}
    partners = [f for f in x.facts if f.type is RelationType.PARTNER_OF]
    assert {frozenset((label[f.source[1]], label[f.target[1]])) for f in partners} == {
        frozenset(("华中科技大学同济医学院附属协和医院", "瑞昌市人民医院"))}
    assert {label[f.lead[1]] for f in partners} == {"华中科技大学同济医学院附属协和医院"}
    assert all(f.partnership_types == {PartnershipType.SPECIALTY_ALLIANCE} for f in partners)


def test_extract_members_that_join_the_alliance_the_article_leads_are_not_each_others_partners() -> None:
    x = extract("四川省妇幼保健院举行妇幼专科联盟成员单位授牌仪式，巴中市妇幼保健院、广元市妇幼保健院、"
                "达州市妇幼保健院正式加入由该院牵头组建的四川省妇幼专科联盟。")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert frozenset(("巴中市妇幼保健院", "达州市妇幼保健院")) not in pairs
    assert frozenset(("广元市妇幼保健院", "达州市妇幼保健院")) not in pairs


def test_extract_members_of_the_one_led_alliance_listed_in_a_later_sentence() -> None:
    x = extract("由河池市人民医院牵头组建的河池市卒中专科联盟成立大会召开。"
                "大会上，河池市人民医院院长覃业强为都安瑶族自治县人民医院、大化瑶族自治县人民医院等成员单位授牌。")
    members = {"都安瑶族自治县人民医院", "大化瑶族自治县人民医院"}
    assert facts(x, RelationType.PARTNER_OF) == {("河池市人民医院", m) for m in members}
    assert members <= {a for a, _ in facts(x, RelationType.MEMBER_OF)}


def test_extract_a_department_of_a_centre_is_the_centre() -> None:
    x = extract("湖南省疾病预防控制中心结核病防治所副所长向兰芳研究员作了讲解。")
    assert list(org_names(x)) == ["湖南省疾病预防控制中心"]
    assert facts(x, RelationType.AFFILIATED_WITH) == {("向兰芳", "湖南省疾病预防控制中心")}


PARTNERS = [
    # (article, the partnerships it states: no more, no fewer)
    pytest.param(
        "记者从安徽省卫生健康委获悉，安徽医科大学第一附属医院托管岳西县医院三年来，"
        "就诊率明显提高。",
        {("安徽医科大学第一附属医院", "岳西县医院")},
        id="the_source_of_the_news_is_not_a_party",
    ),
    pytest.param(
        "恩施州中心医院与建始县人民医院签订托管协议。建始县卫健局局长张强介绍，托管后，"
        "专家还将定期到花坪镇卫生院巡诊。",
        {("恩施州中心医院", "建始县人民医院")},
        id="after_a_partnership_is_not_a_new_one",
    ),
    pytest.param(
        "河北省儿童医院对口帮扶海兴县医院。下一步，省卫健委将建立医联体运行监测平台，"
        "对帮扶成效实行年度考核。",
        {("河北省儿童医院", "海兴县医院")},
        id="an_authority_alone_is_not_a_party_nor_the_other_one",
    ),
    pytest.param(
        "修水县第一人民医院副院长樊建国介绍，医院此前已与武汉协和医院组建神经外科专科联盟。",
        {("修水县第一人民医院", "华中科技大学同济医学院附属协和医院")},
        id="bare_hospital_after_an_adverb_is_the_speakers",
    ),
    pytest.param(
        "南通大学附属医院、南通市第一人民医院两院分别与崇川区任港街道社区卫生服务中心、"
        "崇川区学田街道社区卫生服务中心签订城市医联体合作协议。",
        {
            ("南通大学附属医院", "崇川区任港街道社区卫生服务中心"),
            ("南通市第一人民医院", "崇川区学田街道社区卫生服务中心"),
        },
        id="respectively_pairs_in_order",
    ),
    pytest.param(
        "海南省卫生健康委员会印发通知，明确对口帮扶关系："
        "海南省人民医院对口帮扶白沙黎族自治县人民医院，海口市人民医院对口帮扶屯昌县人民医院，"
        "三亚市人民医院对口帮扶乐东黎族自治县人民医院。",
        {
            ("三亚市人民医院", "乐东黎族自治县人民医院"),
            ("海南省人民医院", "白沙黎族自治县人民医院"),
            ("海口市人民医院", "屯昌县人民医院"),
        },
        id="pairs_clause_by_clause_not_each_with_each",
    ),
    pytest.param(
        "一、调整后的对口帮扶关系\n1. 贵州省人民医院—紫云苗族布依族自治县人民医院\n"
        "2. 贵州中医药大学第一附属医院—望谟县人民医院",
        {
            ("贵州中医药大学第一附属医院", "望谟县人民医院"),
            ("贵州省人民医院", "紫云苗族布依族自治县人民医院"),
        },
        id="pairs_a_notice_lists_with_dashes",
    ),
    pytest.param(
        "2024年6月28日，省卫健委公布2024年度省级医联体建设名单。\n\n名单如下：\n\n一、"
        "牵头医院：河北医科大学第一医院；成员单位：平山县医院、赞皇县医院。\n\n二、牵头医院："
        "河北省人民医院；成员单位：阜平县医院、涞源县医院。",
        {
            ("河北医科大学第一医院", "平山县医院"),
            ("河北医科大学第一医院", "赞皇县医院"),
            ("河北省人民医院", "涞源县医院"),
            ("河北省人民医院", "阜平县医院"),
        },
        id="leads_and_members_listed_line_by_line",
    ),
    pytest.param(
        "9月13日，沧州市心血管病专科联盟第二届理事会成立。理事会组成如下：\n"
        "理事长单位：沧州市中心医院\n副理事长单位：沧州市人民医院\n"
        "常务理事单位：泊头市医院、任丘市人民医院\n理事单位：献县人民医院等8家医院\n\n"
        "沧州市中心医院心内科主任当选理事长。",
        {
            ("沧州市中心医院", "沧州市人民医院"),
            ("沧州市中心医院", "泊头市医院"),
            ("沧州市中心医院", "任丘市人民医院"),
            ("沧州市中心医院", "献县人民医院"),
        },
        id="a_council_listed_by_rank_under_its_lead",
    ),
    pytest.param(
        "近日，福建医科大学附属协和医院与政和县医院紧密型医联体、福建医科大学附属第一医院对口帮扶松溪县医院"
        "工作先后启动。",
        {
            ("福建医科大学附属协和医院", "政和县医院"),
            ("福建医科大学附属第一医院", "松溪县医院"),
        },
        id="two_clauses_each_pair_two",
    ),
    pytest.param(
        "10月12日，山东大学齐鲁医院对口支援鄄城县人民医院第五批专家团队到岗，同日，山东中医药大学附属医院"
        "与鄄城县中医医院签订合作协议。",
        {
            ("山东大学齐鲁医院", "鄄城县人民医院"),
            ("山东中医药大学附属医院", "鄄城县中医医院"),
        },
        id="two_clauses_each_pair_two_with_a_verb",
    ),
    pytest.param(
        "中国科学技术大学附属第一医院牵头，联合安徽医科大学第一附属医院、皖南医学院弋矶山医院等省内三级医院，"
        "对口支援山南市人民医院。",
        {
            ("中国科学技术大学附属第一医院", "山南市人民医院"),
            ("安徽医科大学第一附属医院", "山南市人民医院"),
            ("皖南医学院弋矶山医院", "山南市人民医院"),
        },
        id="those_joined_with_联合_help_beside_the_lead",
    ),
    pytest.param(
        "江苏省人民医院对口支援察布查尔锡伯自治县人民医院。伊犁哈萨克自治州卫生健康委员会相关负责人表示，"
        "将总结察布查尔县人民医院援疆的做法。",
        {("江苏省人民医院", "察布查尔锡伯自治县人民医院")},
        id="an_authority_speaking_through_its_spokesperson_is_no_party",
    ),
    pytest.param(
        "2024年10月，按照云南省卫生健康委员会的安排，昆明医科大学第一附属医院与会泽县人民医院签订对口帮扶协议。"
        "在曲靖市卫健委的统筹推动下，会泽县人民医院与曲靖市第一人民医院开通双向转诊通道。",
        {("昆明医科大学第一附属医院", "会泽县人民医院"), ("会泽县人民医院", "曲靖市第一人民医院")},
        id="an_authority_that_arranges_a_partnership_is_no_party",
    ),
    pytest.param(
        "今年，要推动重庆大学附属肿瘤医院与奉节县人民医院的远程医疗协作全面落地，奉节县卫生健康委要主动对接、做好保障。",
        {("重庆大学附属肿瘤医院", "奉节县人民医院")},
        id="an_authority_told_to_work_with_its_hospitals_is_no_party",
    ),
    pytest.param(
        "深圳市第二人民医院与凌云县人民医院签订对口帮扶协议。除深圳二院外，深圳市宝安区中医院也与凌云县中医医院"
        "结成帮扶对子。",
        {("深圳市第二人民医院", "凌云县人民医院"), ("宝安区中医医院", "凌云县中医医院")},
        id="the_one_named_with_chu_wai_is_no_party",
    ),
    pytest.param(
        "胶州市人民医院、莱西市人民医院、平度市人民医院、青岛市即墨区人民医院、青岛市城阳区人民医院作为首批"
        "成员单位与青岛市市立医院签约，加入心血管专科联盟。",
        {("青岛市市立医院", "胶州市人民医院"), ("青岛市市立医院", "莱西市人民医院"),
         ("青岛市市立医院", "平度市人民医院"), ("青岛市市立医院", "即墨区人民医院"),
         ("青岛市市立医院", "城阳区人民医院")},
        id="a_long_list_then_yu_the_one_they_sign_with",
    ),
    pytest.param(
        "上周六，青岛市市立医院心血管专科联盟成立大会举行。胶州市人民医院、莱西市人民医院作为首批成员单位"
        "与青岛市立医院签约。",
        {("青岛市市立医院", "胶州市人民医院"), ("青岛市市立医院", "莱西市人民医院")},
        id="members_as_first_members_with_the_lead_named_as_shi_li",
    ),
    pytest.param(
        "锦州医科大学附属第一医院(锦医附一院)是辽西地区规模最大的综合性医院之一。近两年,医院先后托管"
        "义县人民医院、与黑山县人民医院组建紧密型医联体,并牵头成立辽西胸痛专科联盟。",
        {("锦州医科大学附属第一医院", "义县人民医院"), ("锦州医科大学附属第一医院", "黑山县人民医院")},
        id="what_the_subject_took_on_listed_with_a_comma_before_yu",
    ),
    pytest.param(
        "吐鲁番市人民医院与湖南省人民医院签订帮扶协议。今年已促成湘雅二医院、湘雅三医院等6家湖南三级医院"
        "与吐鲁番各级医院建立专科帮扶关系。",
        {("湖南省人民医院", "吐鲁番市人民医院")},
        id="partners_left_unnamed_are_not_the_article_s_hospital",
    ),
    pytest.param(
        "3月20日，河北省胸科医院呼吸专科联盟年度会议在石家庄召开。会上，临城县人民医院与内丘县人民医院、"
        "柏乡县医院一同被授予“河北省胸科医院呼吸专科联盟成员单位”牌匾。",
        {
            ("河北省胸科医院", "临城县人民医院"),
            ("河北省胸科医院", "内丘县人民医院"),
            ("河北省胸科医院", "柏乡县医院"),
        },
        id="members_awarded_together_partner_the_alliance_s_namesake_not_each_other",
    ),
    pytest.param(
        "去年5月，淄博市中心医院牵头组建紧密型城市医疗集团，将张店区马尚街道社区卫生服务中心、张店区和平街道"
        "社区卫生服务中心、张店区科苑街道社区卫生服务中心和张店区南定镇卫生院4家基层医疗机构纳入集团统一管理。",
        {
            ("淄博市中心医院", "张店区马尚街道社区卫生服务中心"),
            ("淄博市中心医院", "张店区和平街道社区卫生服务中心"),
            ("淄博市中心医院", "张店区科苑街道社区卫生服务中心"),
            ("淄博市中心医院", "张店区南定镇卫生院"),
        },
        id="a_lead_with_each_it_takes_in",
    ),
    pytest.param(
        "2020年6月，郏县组建紧密型县域医共体：郏县人民医院医共体吸纳郏县冢头镇卫生院、郏县堂街镇中心卫生院等"
        "8家乡镇卫生院。",
        {("郏县人民医院", "郏县冢头镇卫生院"), ("郏县人民医院", "郏县堂街镇中心卫生院")},
        id="a_group_named_after_its_lead_takes_in_a_list",
    ),
    pytest.param(
        "今年3月，湖州市中心医院与岳池县人民医院、湖州市第一人民医院与武胜县人民医院、湖州市中医院与邻水县中医医院"
        "分别续签帮扶协议。",
        {("湖州市中心医院", "岳池县人民医院"), ("湖州市第一人民医院", "武胜县人民医院"),
         ("湖州市中医医院", "邻水县中医医院")},
        id="three_pairs_joined_by_yu_in_one_sentence",
    ),
    pytest.param(
        "光山县以光山县人民医院、光山县中医医院为龙头组建两个医共体。其中，光山县泼陂河镇中心卫生院、"
        "光山县砖桥镇卫生院等成为光山县人民医院医共体成员单位，光山县槐店乡卫生院等加入光山县中医医院医共体。",
        {("光山县人民医院", "光山县泼陂河镇中心卫生院"), ("光山县人民医院", "光山县砖桥镇卫生院"),
         ("光山县中医医院", "光山县槐店乡卫生院")},
        id="two_groups_each_joined_by_its_own_list",
    ),
    pytest.param(
        "2020年10月，都安瑶族自治县组建3个县域医共体，由都安瑶族自治县人民医院（简称都安县人民医院）、"
        "都安瑶族自治县中医医院分别牵头。地苏镇中心卫生院、下坳镇卫生院为都安县人民医院医共体成员单位，"
        "高岭镇中心卫生院属于县中医医院医共体。",
        {("都安瑶族自治县人民医院", "都安瑶族自治县地苏镇中心卫生院"),
         ("都安瑶族自治县人民医院", "都安瑶族自治县下坳镇卫生院"),
         ("都安瑶族自治县中医医院", "都安瑶族自治县高岭镇中心卫生院")},
        id="groups_named_by_the_short_names_of_their_leads",
    ),
    pytest.param(
        "2020年7月，会泽县人民医院、会泽县中医医院分别牵头组建县域医共体。"
        "娜姑镇中心卫生院、者海镇中心卫生院则是县人民医院医共体成员单位。",
        {("会泽县人民医院", "会泽县娜姑镇中心卫生院"), ("会泽县人民医院", "会泽县者海镇中心卫生院")},
        id="one_group_joined_in_a_sentence_of_its_own",
    ),
    pytest.param(
        "目前，金寨县人民医院、金寨县中医医院分别牵头组建医共体。其中，金寨县天堂寨镇中心卫生院、"
        "金寨县青山镇卫生院纳入县人民医院医共体，金寨县斑竹园镇中心卫生院纳入县中医医院医共体。",
        {("金寨县人民医院", "金寨县天堂寨镇中心卫生院"), ("金寨县人民医院", "金寨县青山镇卫生院"),
         ("金寨县中医医院", "金寨县斑竹园镇中心卫生院")},
        id="groups_said_with_the_county_a_list_of_its_townships_names",
    ),
    pytest.param(
        "盐池县以盐池县人民医院为总院组建县域医共体。盐池县惠安堡镇中心卫生院挂牌为总院惠安堡分院，"
        "盐池县高沙窝镇卫生院挂牌为高沙窝分院。盐池县惠安堡镇杏树梁村卫生室作为分院的一体化村卫生室。",
        set(),  # (which group the branches are of, the sentences do not say: no pair of branches)
        id="a_townships_branch_is_its_health_centre_not_a_village_clinic_of_it",
    ),
    pytest.param(
        "2021年7月，浙江大学医学院附属第二医院与龙泉市人民医院签订“山海”提升工程合作协议。"
        "家住八都镇的刘大伯在龙泉市人民医院八都分院做完了胃镜检查。",
        {("浙江大学医学院附属第二医院", "龙泉市人民医院"), ("龙泉市人民医院", "龙泉市人民医院八都分院")},
        id="a_branch_named_after_the_hospital_the_article_names_is_its_partner",
    ),
    pytest.param(
        "麻城市地处大别山南麓。其中，麻城市人民医院医共体覆盖木子店、福田河等北部山区乡镇，"
        "麻城市中医医院医共体覆盖乘马岗、顺河等乡镇。",
        set(),
        id="two_groups_named_after_their_heads_do_not_make_the_heads_partners",
    ),
]


@pytest.mark.parametrize(("text", "pairs"), PARTNERS)
def test_extract_partnerships_stated(text: str, pairs: set[tuple[str, str]]) -> None:
    # partnerships are unordered (who leads is a fact of its own)
    found = {frozenset(p) for p in facts(extract(text), RelationType.PARTNER_OF)}
    assert found == {frozenset(p) for p in pairs}


def test_extract_a_roster_of_experts_line_by_line() -> None:
    x = extract("本批共选派专家2名，名单如下：\n"
                "蒋立波，哈尔滨医科大学附属第二医院普外科副主任，挂职抚远市人民医院副院长；\n"
                "庞志远，黑龙江省医院心血管内科副主任医师，挂职漠河市人民医院副院长。")
    assert facts(x, RelationType.AFFILIATED_WITH) == {
        ("蒋立波", "哈尔滨医科大学附属第二医院"), ("庞志远", "黑龙江省医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("蒋立波", "抚远市人民医院"), ("庞志远", "漠河市人民医院")}


def test_extract_a_timetable_of_experts_under_each_place() -> None:
    x = extract("广宗县人民医院专家乡镇坐诊安排\n"
                "为推动优质资源下沉，广宗县人民医院专家按固定时间到医共体成员单位坐诊，安排如下：\n"
                "一、广宗县冯家寨镇卫生院\n周一全天：妇产科副主任医师　柴秋云\n"
                "周四上午：普外科主治医师　晁子墨\n\n"
                "二、广宗县件只乡卫生院\n周二全天：内科主任医师　桂长庚\n")
    assert facts(x, RelationType.DISPATCHED_TO) == {("柴秋云", "广宗县冯家寨镇卫生院"),
                                                    ("晁子墨", "广宗县冯家寨镇卫生院"),
                                                    ("桂长庚", "广宗县件只乡卫生院")}
    assert {home for _p, home in facts(x, RelationType.AFFILIATED_WITH)} == {"广宗县人民医院"}


def test_extract_a_timetable_of_names_each_then_a_dash_and_the_place() -> None:
    x = extract("遵义市第一人民医院专家下沉社区坐诊安排如下：\n"
                "周一：老年医学科副主任医师黎芳梅——中华路街道社区卫生服务中心；\n"
                "周三：心血管内科主任医师施正辉——万里路街道社区卫生服务中心。\n")
    assert facts(x, RelationType.DISPATCHED_TO) == {("黎芳梅", "中华路街道社区卫生服务中心"),
                                                    ("施正辉", "万里路街道社区卫生服务中心")}


def test_extract_a_timetable_told_in_one_sentence() -> None:
    x = extract("霍邱县人民医院与冯井镇中心卫生院、城西湖乡卫生院组建医共体。"
                "县人民医院每周安排专家到成员单位坐诊：周一，普外科主任医师章国栋在冯井镇中心卫生院；周三，呼吸内科副主任医师阚晓云在城西湖乡卫生院。")
    assert facts(x, RelationType.DISPATCHED_TO) == {("章国栋", "霍邱县冯井镇中心卫生院"),
                                                    ("阚晓云", "霍邱县城西湖乡卫生院")}
    assert {home for _p, home in facts(x, RelationType.AFFILIATED_WITH)} == {"霍邱县人民医院"}


def test_extract_where_one_before_sits_in_is_not_the_next_ones_home() -> None:
    x = extract("单县人民医院安排专家定期下沉：全科医学科主治医师邰亚楠每周一在黄岗镇卫生院坐诊；"
                "心血管内科副主任医师阙卫东每周四到朱集镇卫生院坐诊。")
    assert facts(x, RelationType.AFFILIATED_WITH) == {("邰亚楠", "单县人民医院"), ("阙卫东", "单县人民医院")}


def test_extract_posts_away_from_home_whose_institution_goes_unsaid() -> None:
    # 挂职/挂任 a department's head: at the institution the sentence sends people to, else the one
    # the article names most as where help goes; a list of such posts shares the first one's place
    x = extract("派驻盘州市中医医院的专家中，大连市中心医院康复医学科副主任医师鞠浩然挂任康复科主任。")
    assert facts(x, RelationType.DISPATCHED_TO) == {("鞠浩然", "盘州市中医医院")}
    x = extract("广东省人民医院对口帮扶林芝市人民医院心血管内科。本批队员中，广东省人民医院麻醉科副主任医师"
                "冼慧珊挂职麻醉科主任。")
    assert facts(x, RelationType.DISPATCHED_TO) == {("冼慧珊", "林芝市人民医院")}
    x = extract("遵义医科大学附属医院对口帮扶凤冈县人民医院。第二批团队中，消化内科副主任医师犹玉婷挂任"
                "凤冈县人民医院消化内科主任，急诊科主治医师谯子平挂任急诊科副主任。")
    assert ("谯子平", "凤冈县人民医院") in facts(x, RelationType.DISPATCHED_TO)
    assert ("谯子平", "凤冈县人民医院") not in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_a_team_told_to_arrive_then_its_people_listed_under_a_heading() -> None:
    x = extract("5月16日，山西医科大学第一医院第二批帮扶团队6名专家从太原出发，当天进驻岢岚县人民医院。\n"
                "本批专家及分工如下：\n——神经内科主任医师郝振江，挂任岢岚县人民医院执行院长；\n"
                "——检验科副主任技师冀鹏飞，负责检验科质控；\n")
    assert ("冀鹏飞", "山西医科大学第一医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("冀鹏飞", "岢岚县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_group_that_set_out_then_arrived_and_its_members_after_a_colon() -> None:
    x = extract("10月21日，中国科学技术大学附属第一医院新一批帮扶专家从合肥出发，抵达霍山县医院。\n\n"
                "此次进驻的4名专家各有分工：肝胆外科主任医师褚国平挂职霍山县医院副院长，分管医疗质量；"
                "病理科主治医师阚星雨协助建设术中快速病理。")
    assert facts(x, RelationType.AFFILIATED_WITH) == {("褚国平", "中国科学技术大学附属第一医院"),
                                                      ("阚星雨", "中国科学技术大学附属第一医院")}
    assert ("阚星雨", "霍山县医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_group_that_reports_for_duty_then_its_roster() -> None:
    x = extract("8月5日，郑州大学第一附属医院第12批驻点帮扶专家到兰考县人民医院报到。\n\n"
                "本批驻点专家名单：\n\n呼吸与危重症医学科副主任医师　孔东宇\n\n泌尿外科副主任医师　司琪书\n")
    assert facts(x, RelationType.AFFILIATED_WITH) == {("孔东宇", "郑州大学第一附属医院"),
                                                      ("司琪书", "郑州大学第一附属医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {("孔东宇", "兰考县人民医院"),
                                                    ("司琪书", "兰考县人民医院")}


def test_extract_university_hospital_is_placed_by_its_university_not_a_namesake_city() -> None:
    x = extract("中山大学附属第一医院心血管内科主任医师王景峰挂职喀什地区第一人民医院副院长。")
    placed = {o.label: o.adcode for o in x.orgs.values()}
    assert placed["中山大学附属第一医院"] == "440100"  # Guangzhou, not 中山市 (442000)


def test_extract_renamed_branch_and_its_short_name_are_one_hospital() -> None:
    x = extract("北京儿童医院自2015年起托管保定市儿童医院，并更名为北京儿童医院保定医院。"
                "北京专家团队将长期在保定医院坐诊。")
    names = org_names(x)
    branch = [label for label, aliases in names.items() if "北京儿童医院保定医院" in aliases]
    assert len(branch) == 1
    assert {"保定市儿童医院", "保定医院"} <= names[branch[0]]


def test_extract_a_specialty_hospital_inside_a_hospital_is_that_hospital() -> None:
    x = extract("空军军医大学西京医院与商洛市中心医院签约。"
                "西京医院消化病医院副院长郭学刚教授介绍，联盟已成立。")
    assert ("郭学刚", "空军军医大学西京医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert "西京医院消化病医院" in org_names(x)["空军军医大学西京医院"]


def test_extract_speaker_with_titles_listed_is_not_a_party() -> None:
    x = extract("以五华县人民医院为牵头医院的紧密型县域医共体成立，华城镇卫生院纳入医共体。"
                "五华县卫生健康局党组书记、局长曾志雄介绍，医共体实行统一管理。")
    assert all("卫生健康局" not in a + b for a, b in facts(x, RelationType.PARTNER_OF))
    assert ("曾志雄", "五华县卫生健康局") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_bare_hospital_in_reported_speech_is_the_one_just_named() -> None:
    x = extract("湘雅二医院眼科主任医师刘先宝说，这是医院与江华县人民医院结对帮扶的第三年。")
    assert facts(x, RelationType.PARTNER_OF) == {("中南大学湘雅二医院", "江华县人民医院")}


def test_extract_role_leaves_out_which_of_a_group() -> None:
    x = extract("安医大一附院派出23名骨干常驻岳西，其中普外科主任医师汪涛担任岳西县医院院长。")
    roles = {f.role for f in x.facts if f.type is RelationType.AFFILIATED_WITH}
    assert roles == {"普外科主任医师"}


def test_extract_three_party_agreement_pairs_each_with_each() -> None:
    x = extract("宁夏医科大学总医院与固原市人民医院、西吉县人民医院签署三方合作协议。")
    assert len(facts(x, RelationType.PARTNER_OF)) == 3


def test_extract_one_with_a_long_list_pairs_the_one_with_each() -> None:
    x = extract("鄂尔多斯市中心医院与准格尔旗人民医院、伊金霍洛旗人民医院、乌审旗人民医院、鄂托克前旗人民医院"
                "四家旗级医院签约，共同组建胸痛专科联盟。")
    found = facts(x, RelationType.PARTNER_OF)
    assert {a for a, _ in found} == {"鄂尔多斯市中心医院"} and len(found) == 4


def test_extract_short_name_declared_in_parentheses_is_the_institution() -> None:
    x = extract("上海交通大学医学院附属第六人民医院（上海六院）与上海市金山区亭林医院签约。"
                "上海六院骨科副主任医师沈浩将每周到亭林医院坐诊。")
    assert "上海六院" in org_names(x)["上海交通大学医学院附属第六人民医院"]
    assert ("沈浩", "上海交通大学医学院附属第六人民医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_team_listed_after_qizhong_each_posted_where_the_first_is() -> None:
    x = extract("江苏省人民医院（南京医科大学第一附属医院，以下简称“省人医”）医疗队抵达贵德县。"
                "其中，省人医普外科主任医师欧阳立新任贵德县人民医院执行院长，"
                "妇产科副主任医师王蕾任妇产科主任。")
    assert "省人医" not in org_names(x)["江苏省人民医院"]  # its mentions are read; not a name elsewhere
    assert "南京医科大学第一附属医院" in org_names(x)["江苏省人民医院"]
    for person in ("欧阳立新", "王蕾"):
        assert (person, "江苏省人民医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "贵德县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_signing_without_a_kind_takes_the_paragraphs() -> None:
    x = extract("泉州市第一医院牵头组建的鲤城区紧密型城市医疗集团成立。泉州市第一医院与鲤城区开元街道"
                "社区卫生服务中心、鲤城区海滨街道社区卫生服务中心现场签约。")
    found = {f.target: f for f in x.facts if f.type is RelationType.PARTNER_OF}
    assert len(found) == 2
    assert all(f.partnership_types == {PartnershipType.TIGHT_MEDICAL_ALLIANCE} for f in found.values())


def test_extract_a_namesake_well_known_hospital_is_the_one_in_the_articles_province() -> None:
    x = extract("同济医院与恩施州巴东县人民医院签订对口帮扶协议。")
    [tongji] = [o for o in x.orgs.values() if "同济" in o.label]
    assert (tongji.label, tongji.adcode) == ("华中科技大学同济医学院附属同济医院", "420100")


def test_extract_a_well_known_hospital_written_in_full_is_placed() -> None:
    x = extract("华中科技大学同济医学院附属同济医院专家到巴东县坐诊。")
    assert {o.label: o.adcode for o in x.orgs.values()}["华中科技大学同济医学院附属同济医院"] == "420100"


def test_extract_what_a_speaker_reports_is_not_their_posting() -> None:
    x = extract("厦门长庚医院院长林佑明表示，医院将派出专家到长泰区医院开设专家门诊。")
    assert facts(x, RelationType.DISPATCHED_TO) == set()


def test_extract_university_affiliated_provincial_hospital_is_one_name() -> None:
    x = extract("山东第一医科大学附属省立医院（山东省立医院）对口支援单县中心医院，"
                "受援医院单县中心医院新开展技术12项。")
    names = org_names(x)
    assert "山东省立医院" in names["山东第一医科大学附属省立医院"]
    assert not any(label.startswith("医院") for label in names)  # 受援医院 is a description
    assert facts(x, RelationType.PARTNER_OF) == {("山东第一医科大学附属省立医院", "单县中心医院")}


def test_extract_regional_centre_designation_is_not_part_of_the_name() -> None:
    x = extract("国家区域医疗中心复旦大学附属儿科医院安徽医院开诊满一周年。"
                "复旦儿科安徽医院门急诊量达120万人次。")
    names = org_names(x)
    assert "复旦大学附属儿科医院安徽医院" in names  # not 区域医疗中心复旦大学…
    assert "复旦儿科安徽医院" in names["复旦大学附属儿科医院安徽医院"]  # its short form, the same hospital
    assert {o.label: o.adcode for o in x.orgs.values()}["复旦大学附属儿科医院安徽医院"] == "340000"


def test_extract_what_two_hospitals_built_is_not_their_partner() -> None:
    x = extract("复旦大学附属儿科医院安徽医院开诊。该院由复旦大学附属儿科医院与安徽省儿童医院合作共建。")
    assert facts(x, RelationType.PARTNER_OF) == {("复旦大学附属儿科医院", "安徽省儿童医院")}


def test_extract_the_alliance_of_two_named_together_is_not_a_named_alliance() -> None:
    x = extract("荆州市第一人民医院与公安县人民医院医联体签约仪式举行。")
    assert not x.alliances
    assert facts(x, RelationType.PARTNER_OF) == {("荆州市第一人民医院", "公安县人民医院")}


def test_extract_speaker_with_title_after_the_name_is_not_sent_by_what_they_report() -> None:
    x = extract("荆州市第一人民医院与公安县人民医院签约共建医联体。"
                "市一医院心血管内科欧阳明主任医师介绍，专家团队每周二到公安县坐诊。")
    assert ("欧阳明", "荆州市第一人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert not facts(x, RelationType.DISPATCHED_TO)


def test_extract_health_centre_that_became_a_branch_is_the_branch() -> None:
    x = extract("息县人民医院医共体八里岔乡分院挂牌，原八里岔乡卫生院正式成为息县人民医院的分院。"
                "息县人民医院内科主治医师黄鹏将常驻分院工作一年。")
    names = org_names(x)
    branch = [label for label, aliases in names.items() if "八里岔乡卫生院" in aliases]
    assert len(branch) == 1 and branch[0].endswith("分院")
    assert ("黄鹏", branch[0]) in facts(x, RelationType.DISPATCHED_TO)


def test_extract_institution_jieba_knows_whole_heads_the_name() -> None:
    # 首都医科大学 holds 都, a function character elsewhere; it still opens the hospital's name
    x = extract("首都医科大学附属北京安贞医院心内科副主任医师李东宝挂职拉萨市人民医院心内科主任。")
    placed = {o.label: o.adcode for o in x.orgs.values()}
    assert placed["首都医科大学附属北京安贞医院"] == "110000"
    assert ("李东宝", "拉萨市人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_led_by_is_not_part_of_the_role_and_outpatient_visits_are_dispatches() -> None:
    x = extract("河北医大二院将派出由副院长赵胜军带队的管理团队常驻威县人民医院。"
                "天津医大总医院神经内科主任医师王佳伟每两周到蓟州区人民医院出诊一次。")
    assert {(f.source[1], f.role) for f in x.facts if f.type is RelationType.AFFILIATED_WITH} >= {
        ("赵胜军", "副院长"), ("王佳伟", "神经内科主任医师")}
    assert ("王佳伟", "蓟州区人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_groups_branch_elsewhere_is_placed_where_the_branch_is() -> None:
    x = extract("南京鼓楼医院集团宿迁医院迎来挂牌十周年。宿迁医院院长仇建军介绍，医院已建成5个省级重点专科。")
    branch = [o for o in x.orgs.values() if o.label == "南京鼓楼医院集团宿迁医院"]
    assert len(branch) == 1 and branch[0].adcode == "321300"  # Suqian, not Nanjing
    assert "宿迁医院" in branch[0].aliases
    assert ("仇建军", "南京鼓楼医院集团宿迁医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_sent_by_home_keeps_the_post_named_there() -> None:
    x = extract("绍兴市人民医院托管嵊州市人民医院。嵊州市人民医院将迎来新的管理团队。"
                "绍兴市人民医院派驻的执行院长、骨科主任医师钱峰表示，将先建创伤中心。")
    assert [f.role for f in x.facts if f.type is RelationType.DISPATCHED_TO] == ["执行院长"]


def test_extract_listed_experts_each_keep_their_own_title_and_go_where_the_clause_says() -> None:
    x = extract("陕西省人民医院与柞水县医院签订对口帮扶协议，陕西省人民医院骨科主任医师张伟、"
                "眼科副主任医师李娜等4名专家将轮流驻点柞水开展诊疗和带教。")
    assert {(f.source[1], f.role) for f in x.facts if f.type is RelationType.AFFILIATED_WITH} == {
        ("张伟", "骨科主任医师"), ("李娜", "眼科副主任医师")}
    assert facts(x, RelationType.DISPATCHED_TO) >= {("张伟", "柞水县医院"), ("李娜", "柞水县医院")}


def test_extract_facts_of_one_sentence_share_its_evidence() -> None:
    x = extract("2024年3月1日，阳新县人民医院与武汉市第一医院签约共建医联体，"
                "武汉市第一医院派驻专家张伟担任副院长。")
    sentences = {f.evidence for f in x.facts}
    assert len(x.facts) > len(sentences)  # several facts were read in one sentence
    for ev in sentences:  # and they hold one Evidence, not equal copies (memory, pickles)
        assert len({id(f.evidence) for f in x.facts if f.evidence == ev}) == 1


def partnership_dates(x: DocumentExtraction) -> dict[frozenset[str], set[str | None]]:
    label = {k: o.label for k, o in x.orgs.items()}
    out: dict[frozenset[str], set[str | None]] = {}
    for f in x.facts:
        if f.type is RelationType.PARTNER_OF:
            out.setdefault(frozenset((label[f.source[1]], label[f.target[1]])), set()).add(f.date)
    return out


def test_extract_a_partnership_is_dated_when_it_was_set_up_not_by_later_events() -> None:
    x = extract(
        "2025年3月4日　恩施日报\n"
        "3月3日，同济医院第2批驻点帮扶专家抵达巴东县人民医院，开始为期6个月的帮扶工作。\n"
        "2024年9月，同济医院与巴东县人民医院签订对口帮扶协议。"
    )
    [dates] = partnership_dates(x).values()
    assert dates == {"2024-09"}


def test_extract_members_named_later_join_on_the_day_the_group_was_formed() -> None:
    x = extract(
        "二〇二三年十二月，南丰县以南丰县人民医院为牵头单位，整合全县12家乡镇卫生院，组建紧密型县域医共体，"
        "挂牌成立南丰县医共体总医院。\n"
        "南丰县医共体总医院（南丰县人民医院）负责人介绍了分院建设。\n"
        "按照建设方案，白舍镇中心卫生院加挂“南丰县医共体总医院白舍分院”牌子。"
    )
    assert partnership_dates(x)[frozenset(("南丰县人民医院", "南丰县白舍镇中心卫生院"))] == {"2023-12"}


def test_extract_a_notice_sets_up_what_it_lists_on_the_day_it_is_signed() -> None:
    x = extract(
        "关于调整部分三级医院对口帮扶县级医院关系的通知\n\n"
        "一、调整后的对口帮扶关系\n\n"
        "1. 贵州省人民医院—紫云苗族布依族自治县人民医院\n"
        "2. 贵州中医药大学第一附属医院—望谟县人民医院\n\n"
        "贵州省卫生健康委员会\n2025年3月14日\n"
    )
    dates = partnership_dates(x)
    assert len(dates) == 2 and all(d == {"2025-03-14"} for d in dates.values())


def test_extract_an_institution_is_placed_where_the_article_says_it_is() -> None:
    x = extract("位于百色市区的右江民族医学院附属医院与靖西市人民医院建立了对口帮扶关系。"
                "位于海沧区的厦门长庚医院也派出专家。")
    code = {o.label: o.adcode for o in x.orgs.values()}
    assert code["右江民族医学院附属医院"] == "451000"
    assert code["厦门长庚医院"] == "350205"  # 厦门 in its name, the district in the text


def test_extract_our_hospital_is_the_one_whose_news_it_is() -> None:
    # a hospital's own page: the source line names it, the text says 我院
    x = extract(
        "我院华西远程会诊中心正式启用\n\n发布时间：2025-10-24　　来源：思南县人民医院\n\n"
        "日前，我院与四川大学华西医院签订远程医疗协作协议，华西医院专家将通过远程会诊系统为我院患者会诊。"
    )
    assert ("思南县人民医院", "四川大学华西医院") in facts(x, RelationType.PARTNER_OF) | {
        (b, a) for a, b in facts(x, RelationType.PARTNER_OF)
    }
    # no source line: the first institution named as an actor, not as a place
    x = extract(
        "我院名医工作室在宁蒗县人民医院揭牌\n\n"
        "5月20日，昆明医科大学第一附属医院名医工作室在宁蒗彝族自治县人民医院揭牌。"
        "我院副院长段晓鹏出席揭牌仪式。"
    )
    assert ("段晓鹏", "昆明医科大学第一附属医院") in facts(x, RelationType.AFFILIATED_WITH)
    # described by a post at 我院, after the name of the hospital it went to
    x = extract(
        "兰州大学第一医院　首页 > 新闻中心\n\n我院名医工作室在岷县人民医院揭牌\n\n"
        "7月1日，我院“伏海燕名医工作室”揭牌仪式在岷县人民医院举行。"
        "伏海燕是我院消化内科主任医师、教授，擅长消化道早癌内镜诊治。"
    )
    assert ("伏海燕", "兰州大学第一医院") in facts(x, RelationType.AFFILIATED_WITH)
    # no source line at the top: the page signs off with its institution and department
    x = extract(
        "我院第三批驻县专家启程\n\n发布时间：2025-03-06　来源：党委办公室\n\n"
        "3月5日，我院举行驻县专家欢送会。根据省卫生健康委的部署，我院自2020年起对口支援灌南县人民医院。"
        "本批我院派出神经外科副主任医师钟离岳，开展为期一年的驻点帮扶。\n\n"
        "连云港市第一人民医院　党委办公室\n（供稿：宋知遥）"
    )
    assert ("钟离岳", "连云港市第一人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    # no source line: the institution named beside 我院 in one clause (the one we joined) is not us
    x = extract(
        "我院正式加入武汉大学人民医院紧密型医联体\n\n"
        "7月2日，武汉大学人民医院与通山县人民医院紧密型医联体签约仪式在我院举行。"
        "武汉大学人民医院神经外科副主任医师鲁振宇受聘为我院挂职副院长，将在我院工作一年。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {("鲁振宇", "通山县人民医院")}


def test_extract_a_post_held_elsewhere_before_the_name_is_not_home() -> None:
    # the post, 的, the name; the home in a clause after (…，是X…医师) or in another sentence
    x = extract(
        "现任张家口市第二医院执行院长的宋继磊，是北京积水潭医院创伤骨科主任医师。"
        "2023年初，他从北京来到张家口。"
    )
    assert facts(x, RelationType.AFFILIATED_WITH) == {("宋继磊", "北京积水潭医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {("宋继磊", "张家口市第二医院")}
    x = extract(
        "指挥这场抢救的，是挂任永春县医院业务副院长的甘棠月。\n\n"
        "甘棠月是福建医科大学附属第二医院急诊医学科主任医师。\n\n"
        "在永春县医院，人们提起甘棠月，常常会提到她的前任。"
    )
    assert facts(x, RelationType.AFFILIATED_WITH) == {("甘棠月", "福建医科大学附属第二医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {("甘棠月", "永春县医院")}


def test_extract_one_named_with_the_team_that_arrived() -> None:
    x = extract(
        "4月8日，青海红十字医院第五批对口支援医疗队一行6人抵达共和县人民医院，开始为期一年的驻点帮扶。\n\n"
        "到岗第二天，医疗队与共和县人民医院医务人员开展联合义诊，共和县藏医院也派出藏医专家参加。"
        "医疗队影像科医生韩嘉霖用便携式超声为老人做检查。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {("韩嘉霖", "共和县人民医院")}
    assert facts(x, RelationType.AFFILIATED_WITH) == {("韩嘉霖", "青海红十字医院")}


def test_extract_those_who_arrive_in_the_same_period_go_along() -> None:
    x = extract(
        "福建协和医院普外科主任医师邱志鹏挂职政和县医院执行院长，血液科副主任医师连晓薇同期进驻。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {("邱志鹏", "政和县医院"), ("连晓薇", "政和县医院")}


def test_extract_the_members_of_a_counted_group_sent_somewhere() -> None:
    x = extract(
        "7月1日，包医一附院首批5名帮扶专家正式进驻固阳县医院。"
        "首批帮扶团队由包医一附院心血管内科副主任医师郝冠群担任队长。"
        "团队其他成员包括神经内科主治医师乌云毕力格、消化内科副主任医师侯静姝等。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("郝冠群", "固阳县医院"), ("乌云毕力格", "固阳县医院"), ("侯静姝", "固阳县医院"),
    }


def test_extract_members_of_an_alliance_whose_lead_is_named_after_it() -> None:
    x = extract(
        "3月9日，福建省妇产专科联盟2025年工作会议在福州举行。连江县医院、罗源县医院2家医院正式加入联盟。"
        "福建省妇产专科联盟于2019年由福建省妇幼保健院牵头组建，以危重孕产妇救治为重点。"
    )
    assert facts(x, RelationType.PARTNER_OF) == {
        ("福建省妇幼保健院", "连江县医院"), ("福建省妇幼保健院", "罗源县医院"),
    }
    # …and those awarded the plaque of a member, the alliance named after its lead
    x = extract(
        "12月6日，天津市儿童医院儿科专科联盟年会召开。会上，天津市蓟州区人民医院和天津市宝坻区妇幼保健院"
        "2家医院被授予联盟成员单位牌匾。"
    )
    assert facts(x, RelationType.PARTNER_OF) == {
        ("天津市儿童医院", "蓟州区人民医院"), ("天津市儿童医院", "宝坻区妇幼保健院"),
    }


def test_extract_a_hospitals_chronicle_says_hospital_for_itself() -> None:
    x = extract(
        "梧州市红十字会医院2024年大事记\n\n【1月】\n\n"
        "1月26日，医院与蒙山县人民医院签订对口帮扶协议，帮扶期三年。\n\n【9月】\n\n"
        "9月5日，医院党委与岑溪市人民医院党委签订党建共建协议。\n\n【10月】\n\n"
        "10月17日，医院与苍梧县人民医院远程会诊平台开通。"
    )
    own = "梧州市红十字会医院"
    assert facts(x, RelationType.PARTNER_OF) == {
        (own, "蒙山县人民医院"), (own, "岑溪市人民医院"), (own, "苍梧县人民医院"),
    }


def test_extract_the_place_a_sentence_opens_with_hosts_one_whose_home_another_mention_gives() -> None:
    x = extract("来凤县中医医院骨伤科主治医师冉启明说，医共体运行顺畅。\n\n"
                "在百福司镇卫生院，骨伤科主治医师冉启明已经驻点半年。")
    assert facts(x, RelationType.AFFILIATED_WITH) == {("冉启明", "来凤县中医医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {("冉启明", "来凤县百福司镇卫生院")}


def test_extract_the_place_a_sentence_opens_with_is_no_host_of_one_who_only_speaks() -> None:
    x = extract("在藤县太平镇卫生院，梧州市红十字会医院妇产科主治医师甘晓蔓介绍，合作已满一年。")
    assert facts(x, RelationType.DISPATCHED_TO) == set()


@pytest.mark.parametrize(("text", "pair"), [
    ("12月2日，广元市中心医院与汉中市中心医院在广元签订医疗协作协议。", ("广元市中心医院", "汉中市中心医院")),
    ("屯門醫院昨日與廈門大學附屬第一醫院簽署姊妹醫院協議。", ("屯门医院", "厦门大学附属第一医院")),
    ("醫管局與廣東省人民醫院簽署合作備忘錄。", ("香港医院管理局", "广东省人民医院")),
    ("南昌大学第一附属医院与万安县人民医院签订合作框架协议。", ("南昌大学第一附属医院", "万安县人民医院")),
])
def test_extract_agreements_of_every_name_make_partners(text: str, pair: tuple[str, str]) -> None:
    assert facts(extract(text), RelationType.PARTNER_OF) == {pair}


@pytest.mark.parametrize(("text", "own", "others"), [
    ("2021年10月，深圳市人民医院（暨南大学第二临床医学院、南方科技大学第一附属医院）与和平县人民医院签订帮扶协议。",
     "深圳市人民医院", {"南方科技大学第一附属医院"}),
    ("去年11月，山西白求恩医院（山西医学科学院、同济山西医院）与偏关县人民医院签订对口帮扶协议。",
     "山西白求恩医院", {"山西医学科学院", "同济山西医院"}),
    ("2022年8月，四川省医学科学院·四川省人民医院与石渠县人民医院签订帮扶协议。",
     "四川省人民医院", {"四川省医学科学院"}),
])
def test_extract_names_listed_in_brackets_or_joined_by_a_dot_are_one_institution(
    text: str, own: str, others: set[str]
) -> None:
    x = extract(text)
    partners = facts(x, RelationType.PARTNER_OF)
    assert len(partners) == 1 and own in next(iter(partners))
    assert others <= org_names(x)[own]


def test_extract_two_hospitals_joined_by_a_dot_are_two() -> None:
    x = extract("5月12日，黄山市人民医院·祁门县人民医院紧密型医联体正式揭牌。")
    assert facts(x, RelationType.PARTNER_OF) == {("黄山市人民医院", "祁门县人民医院")}


@pytest.mark.parametrize(("text", "expert", "home", "host"), [
    ("5月20日，昆明医科大学第一附属医院“沐春燕名医工作室”在宁蒗彝族自治县人民医院揭牌。"
     "沐春燕是昆明医科大学第一附属医院呼吸与危重症医学科主任医师。",
     "沐春燕", "昆明医科大学第一附属医院", "宁蒗彝族自治县人民医院"),
    ("2023年6月，首都医科大学宣武医院与阜平县医院签约，建立“鞠卫东专家工作站”。"
     "宣武医院神经内科主任医师鞠卫东每季度到阜平讲课。",
     "鞠卫东", "首都医科大学宣武医院", "阜平县医院"),
])
def test_extract_an_expert_whose_studio_is_at_another_hospital_works_there(
    text: str, expert: str, home: str, host: str
) -> None:
    x = extract(text)
    assert (expert, home) in facts(x, RelationType.AFFILIATED_WITH)
    assert (expert, host) in facts(x, RelationType.DISPATCHED_TO)


def test_extract_an_expert_whose_studio_is_at_home_is_not_sent() -> None:
    x = extract("浙江省中医院“何立人名中医工作室”在浙江省中医院揭牌。何立人是浙江省中医院主任中医师。")
    assert facts(x, RelationType.DISPATCHED_TO) == set()


def test_extract_an_executive_president_appointed_on_our_page_comes_from_us() -> None:
    x = extract("我院四子王旗分院揭牌\n\n来源：内蒙古医科大学附属医院党委宣传部\n\n"
                "9月3日，内蒙古医科大学附属医院四子王旗分院在四子王旗人民医院揭牌成立。\n\n"
                "当天，我院首批3名驻点专家正式到岗。心血管内科副主任医师巴特尔任四子王旗人民医院执行院长。")
    assert ("巴特尔", "内蒙古医科大学附属医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("巴特尔", "四子王旗人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_site_never_named_in_its_own_news_is_what_its_pages_call_our_hospital(tmp_path) -> None:
    page = ("<html><head><title>我院全面托管寻乌县人民医院 - 医院要闻 - 赣南医科大学第一附属医院</title>"
            "</head>"
            "<body><div class='article'><h2>我院全面托管寻乌县人民医院</h2>"
            "<p>3月28日，我院全面托管寻乌县人民医院签约仪式举行。我院心血管内科主任医师钟世平任寻乌县人民医院院长。</p>"
            "</div></body></html>")
    (tmp_path / "news.html").write_text(page, encoding="utf-8")
    x = extract_document(load(tmp_path / "news.html"))
    assert facts(x, RelationType.PARTNER_OF) == {("赣南医科大学第一附属医院", "寻乌县人民医院")}
    assert ("钟世平", "赣南医科大学第一附属医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_a_plaque_of_a_branch_of_another_hospital_is_not_that_hospital() -> None:
    x = extract("浙江大学医学院附属第一医院（浙大一院）托管仙居县人民医院，"
                "仙居县人民医院加挂“浙大一院仙居分院”牌子。")
    assert facts(x, RelationType.PARTNER_OF) == {("浙江大学医学院附属第一医院", "仙居县人民医院")}


def test_extract_a_hospital_named_only_in_its_branch_name_is_named() -> None:
    x = extract("6月10日，济宁医学院附属医院与汶上县人民医院紧密型医联体签约暨“济宁医学院附属医院汶上分院”"
                "揭牌仪式在汶上县人民医院举行。")
    assert "济宁医学院附属医院" in org_names(x)
    assert ("济宁医学院附属医院", "汶上县人民医院") in facts(x, RelationType.PARTNER_OF)
    x = extract("“济宁医学院附属医院汶上分院”揭牌仪式在汶上县人民医院举行，分院由我院与汶上县人民医院共建。")
    assert "济宁医学院附属医院" in org_names(x)


def test_extract_the_hospital_a_clause_helps_is_not_the_clause_subject() -> None:
    x = extract("昭觉县人民医院院长沙马阿木介绍，四川省人民医院自2021年起对口帮扶该院。")
    assert facts(x, RelationType.PARTNER_OF) == {("四川省人民医院", "昭觉县人民医院")}


def test_extract_bare_hospital_in_what_its_head_reports_is_the_heads() -> None:
    x = extract("莒县人民医院院长厉建军介绍，医院自2019年加入山东省立医院医联体以来，一直保持合作。")
    assert facts(x, RelationType.PARTNER_OF) == {("莒县人民医院", "山东省立医院")}
    x = extract("那曲市人民医院副院长格桑旺堆介绍，今年以来，医院依托与比如县人民医院组建的医联体。")
    assert facts(x, RelationType.PARTNER_OF) == {("那曲市人民医院", "比如县人民医院")}


def test_extract_a_list_that_helps_a_kind_of_hospital_partners_no_one_named() -> None:
    x = extract("五华县人民医院由广东省人民医院帮扶。五华县人民医院今年新开展技术12项。\n\n"
                "名单同时明确，清远市人民医院、梅州市人民医院、湛江中心人民医院等14家地级市高水平医院"
                "将继续承担本市辖区内县级医院帮扶任务。")
    assert facts(x, RelationType.PARTNER_OF) == {("广东省人民医院", "五华县人民医院")}


def test_extract_the_head_hospital_of_a_county_community_said_as_zongyuan() -> None:
    x = extract("茶陵县人民医院牵头组建县域医共体，腰潞镇卫生院挂牌“茶陵县人民医院医共体腰潞分院”。"
                "茶陵县人民医院院长谭立新说，医共体运行顺畅。\n\n"
                "在腰潞镇卫生院，总院普外科主治医师颜志明每周驻点四天。")
    assert ("颜志明", "茶陵县人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("颜志明", "茶陵县腰潞镇卫生院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_team_named_by_its_aid_on_a_visit_makes_no_partner_from_the_paragraph() -> None:
    x = extract("果洛藏族自治州人民医院院长旦正才让介绍，医院以州医院为龙头，与玛沁县人民医院组建医联体。"
                "5月16日至18日，援青医疗队一行9人赴久治县人民医院开展义诊，累计接诊群众400余人次。")
    assert not any("久治县人民医院" in pair for pair in facts(x, RelationType.PARTNER_OF))


@pytest.mark.parametrize("text", [
    "江苏省人民医院托管灌南县人民医院。",
    "四川省人民医院与石渠县人民医院签订对口帮扶协议。",
])
def test_extract_a_provinces_hospital_is_no_short_name_of_a_county_hospital_in_it(text: str) -> None:
    assert len(facts(extract(text), RelationType.PARTNER_OF)) == 1


def test_extract_zongyuan_in_a_paragraph_that_names_one_of_two_heads_is_that_one() -> None:
    x = extract("内黄县以内黄县人民医院、内黄县中医院为总院，组建两个县域医共体。内黄县人民医院院长房振宇说，"
                "内黄县人民医院医共体运行顺畅。\n\n内黄县中医院党委书记闵卫华说，总院针灸科医师桑亚楠每周到亳城镇卫生院坐诊。")
    assert ("桑亚楠", "内黄县中医医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_a_council_told_in_one_sentence_pairs_its_chair_with_the_others() -> None:
    x = extract("11月16日，山东省血管外科专科联盟成立。会议选举产生第一届理事会：山东省立医院为理事长单位；"
                "临沂市人民医院、潍坊市人民医院为副理事长单位；聊城市人民医院为理事单位。")
    chair = "山东省立医院"
    assert facts(x, RelationType.PARTNER_OF) == {
        (chair, "临沂市人民医院"), (chair, "潍坊市人民医院"), (chair, "聊城市人民医院")}


def test_extract_members_listed_a_line_each_under_their_heading(tmp_path) -> None:
    lead = "泉州市第一医院作为牵头医院，与辖区社区卫生服务中心组建紧密型城市医疗集团。"
    members = "\n泉州市鲤城区海滨街道社区卫生服务中心\n泉州市鲤城区临江街道社区卫生服务中心\n"
    expected = {("泉州市第一医院", "鲤城区海滨街道社区卫生服务中心"),
                ("泉州市第一医院", "鲤城区临江街道社区卫生服务中心")}
    assert facts(extract(lead + "集团成员单位为：\n" + members), RelationType.PARTNER_OF) == expected
    bulleted = members.replace("\n泉", "\n- 泉")  # (a Markdown list: its bullets are read away)
    post = f"# 集团揭牌\n\n{lead}\n\n## 首批成员单位名单\n{bulleted}"
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    assert facts(extract_document(load(tmp_path / "post.md")), RelationType.PARTNER_OF) == expected


def test_extract_members_taken_in_after_the_paragraph_that_names_the_group() -> None:
    x = extract("6月21日，由泉州市第一医院牵头的鲤城区紧密型城市医疗集团正式挂牌。\n\n"
                "据介绍，集团以泉州市第一医院为龙头，整合鲤城区的社区卫生服务中心，分别是：泉州市鲤城区海滨街道"
                "社区卫生服务中心、泉州市鲤城区临江街道社区卫生服务中心。")
    lead = "泉州市第一医院"
    assert facts(x, RelationType.PARTNER_OF) == {
        (lead, "鲤城区海滨街道社区卫生服务中心"), (lead, "鲤城区临江街道社区卫生服务中心")}


def test_extract_members_of_another_group_than_the_alliance_named_before() -> None:
    x = extract("4月18日，南通大学附属医院心血管专科联盟如东分中心在如东县人民医院揭牌。\n\n"
                "2020年8月，如东县人民医院牵头组建紧密型县域医共体，如东县栟茶镇卫生院、如东县岔河镇卫生院成为"
                "首批成员单位。")
    partners = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert frozenset(("南通大学附属医院", "如东县岔河镇卫生院")) not in partners
    assert frozenset(("如东县人民医院", "如东县岔河镇卫生院")) in partners


def test_extract_one_who_surveys_a_hospital_is_not_at_work_there() -> None:
    x = extract("5月8日，四川大学华西医院副院长米朝阳在马尔康市人民医院开展调研，并与该院领导班子座谈。")
    assert ("米朝阳", "四川大学华西医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert facts(x, RelationType.DISPATCHED_TO) == set()


def test_extract_two_people_listed_with_their_posts_keep_their_own_homes() -> None:
    x = extract("出席仪式的有息县人民医院副院长周海燕、八里岔乡卫生院院长付强。")
    assert facts(x, RelationType.AFFILIATED_WITH) == {
        ("周海燕", "息县人民医院"), ("付强", "息县八里岔乡卫生院")}
    assert facts(x, RelationType.DISPATCHED_TO) == set()


def test_extract_a_delegation_that_comes_is_on_a_visit() -> None:
    x = extract(
        "6月10日，山西医科大学第二医院党建共建签约仪式在娄烦县人民医院举行。"
        "山西医科大学第二医院党委副书记程婉秋一行12人来院，娄烦县人民医院院长阎立鹏参加仪式。"
    )
    assert ("程婉秋", "山西医科大学第二医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert facts(x, RelationType.DISPATCHED_TO) == set()
    # …unless it comes to work
    x = extract(
        "同一天，贵州医科大学附属医院神经外科主任龙启贤带领专家团队一行6人来到思南县人民医院，"
        "开展为期一周的技术帮扶。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {("龙启贤", "思南县人民医院")}
    # …while one who comes to the hospital every week is posted there
    x = extract(
        "6月10日，山西医科大学第二医院党建共建签约仪式在娄烦县人民医院举行。"
        "山西医科大学第二医院心内科主任医师程婉秋每周来院坐诊，娄烦县人民医院院长阎立鹏表示欢迎。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {("程婉秋", "娄烦县人民医院")}


def test_extract_a_roster_under_a_heading_that_sends_them_somewhere() -> None:
    x = extract(
        "柳州市工人医院第五批对口帮扶医疗队出征融水\n\n"
        "3月3日，柳州市工人医院举行医疗队出征仪式。医疗队名单如下：\n\n"
        "派驻融水苗族自治县人民医院（2人）：\n韦振霖（心血管内科　主任医师）队长\n"
        "石秋漪（神经内科　副主任医师）\n\n"
        "派驻融水苗族自治县妇幼保健院（1人）：\n蓝馨予（产科　副主任医师）\n\n其中，队长韦振霖将挂任副院长。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("韦振霖", "融水苗族自治县人民医院"), ("石秋漪", "融水苗族自治县人民医院"),
        ("蓝馨予", "融水苗族自治县妇幼保健院"),
    }
    assert {p for p, home in facts(x, RelationType.AFFILIATED_WITH) if home == "柳州市工人医院"} == {
        "韦振霖", "石秋漪", "蓝馨予"}


def test_extract_a_list_of_those_sent_to_a_place() -> None:
    x = extract(
        "3月2日，宁波市第一医院对口支援象山县第一人民医院和宁海县第一医院。本批共派出5名专家。\n\n"
        "赴象山县第一人民医院的专家为：普外科副主任医师闻人澈（挂职业务副院长）、儿科主治医师葛言蹊。\n\n"
        "赴宁海县第一医院的专家有：骨科主任医师卞一舟、麻醉科主治医师鲍若岚、护理部主管护师岑语桐。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("闻人澈", "象山县第一人民医院"), ("葛言蹊", "象山县第一人民医院"),
        ("卞一舟", "宁海县第一医院"), ("鲍若岚", "宁海县第一医院"), ("岑语桐", "宁海县第一医院"),
    }
    assert {home for _p, home in facts(x, RelationType.AFFILIATED_WITH)} == {"宁波市第一医院"}


def test_extract_those_led_or_joined_after_the_place_they_go_to() -> None:
    x = extract(
        "我院第三批下沉乡镇医师出发\n\n阜阳市人民医院　2025年10月9日\n\n"
        "10月8日，阜阳市人民医院举行出发仪式，我院本批共选派9名医师，分赴颍上县谢桥镇卫生院和阜南县郜台乡卫生院。\n\n"
        "本批队长、心血管内科副主任医师丰泽宇将挂任颍上县谢桥镇卫生院业务副院长。\n\n"
        "与他同赴谢桥的，还有儿科主治医师雍可欣和麻醉科主治医师卜思源。\n\n"
        "前往郜台乡卫生院的3名队员，由普外科副主任医师钮昊然带队。"
    )
    xieqiao, gaotai = "颍上县谢桥镇卫生院", "阜南县郜台乡卫生院"
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("丰泽宇", xieqiao), ("雍可欣", xieqiao), ("卜思源", xieqiao), ("钮昊然", gaotai),
    }
    # their home is the page's own hospital (我院), named nowhere beside them
    assert {home for _p, home in facts(x, RelationType.AFFILIATED_WITH)} == {"阜阳市人民医院"}


def test_extract_items_cut_by_semicolons_each_say_where_their_people_go() -> None:
    x = extract(
        "本批下沉轮转医生分别是：酉阳县人民医院心血管内科主治医师冉秋池、普外科副主任医师田望舒，到龙潭镇"
        "中心卫生院；酉阳县人民医院儿科主治医师石晚晴，到麻旺镇中心卫生院。"
    )
    longtan, mawang = "酉阳土家族苗族自治县龙潭镇中心卫生院", "酉阳土家族苗族自治县麻旺镇中心卫生院"
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("冉秋池", longtan), ("田望舒", longtan), ("石晚晴", mawang)}
    # the place named once, the other items give only the post they take there
    x = extract(
        "团队其他成员包括：广西医科大学第一附属医院重症医学科副主任医师韦若川，任天峨县人民医院重症医学科主任；"
        "心血管内科主治医师蓝星野，任心血管内科副主任；护理部副主任覃晚照，任护理部主任。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("韦若川", "天峨县人民医院"), ("蓝星野", "天峨县人民医院"), ("覃晚照", "天峨县人民医院")}


def test_extract_one_taught_at_a_hospital_is_not_sent_there() -> None:
    x = extract(
        "稻城县人民医院急诊科护士长央宗拉姆在附院进修三个月。\n\n"
        "图为央宗拉姆（右一）在西南医科大学附属医院急诊抢救室跟随带教老师学习。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == set()


def test_extract_partners_counted_then_named_by_the_people_sent_to_them() -> None:
    x = extract(
        "3月4日，河南省人民医院与信阳市的2家县级医院签订对口帮扶协议，并选派2名专家挂职业务副院长。\n\n"
        "2名挂职专家分别是：\n\n心血管内科副主任医师司徒远，挂职光山县人民医院业务副院长；\n\n"
        "神经内科副主任医师闻听雪，挂职新县人民医院业务副院长。"
    )
    pairs = facts(x, RelationType.PARTNER_OF)
    assert {("河南省人民医院", "光山县人民医院"), ("河南省人民医院", "新县人民医院")} <= pairs | {
        (b, a) for a, b in pairs}
    # a count the people sent do not match names no partner
    x = extract(
        "河南省人民医院与信阳市的3家县级医院签订对口帮扶协议。心血管内科副主任医师司徒远挂职光山县人民医院"
        "业务副院长。"
    )
    assert facts(x, RelationType.PARTNER_OF) == set()


def test_extract_two_that_lead_together_partner_each_member_and_each_other() -> None:
    x = extract(
        "12月5日，宜昌市急诊急救专科联盟成立。联盟由宜昌市急救中心（宜昌市120急救指挥中心）和宜昌市中心人民医院"
        "共同牵头，远安县人民医院、兴山县人民医院等首批成员单位现场签约。"
    )
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    leads, members = ("宜昌市急救中心", "宜昌市中心人民医院"), ("远安县人民医院", "兴山县人民医院")
    assert pairs == {frozenset(leads)} | {frozenset((a, m)) for a in leads for m in members}


def test_extract_where_another_was_sent_is_not_ones_home() -> None:
    x = extract(
        "黑龙江省疾控中心选派3名业务骨干驻点帮扶：主任技师燕秋池挂职绥化市疾控中心副主任；"
        "主治医师邰文远、主管医师晁雪凝分别驻点明水县疾控中心和青冈县疾控中心。"
    )
    homes = {p: home for p, home in facts(x, RelationType.AFFILIATED_WITH)}
    assert homes["邰文远"] == homes["晁雪凝"] == "黑龙江省疾病预防控制中心"


def test_extract_the_head_of_a_place_that_is_not_home_and_the_rest_of_the_team() -> None:
    x = extract(
        "1月14日，在龙川县麻布岗镇中心卫生院的门诊里，执行院长冯振和一边看化验单，一边叮嘱老人。\n\n"
        "冯振和是南方医科大学珠江医院全科医学科副主任医师。去年2月，珠江医院派出3人团队常驻麻布岗，"
        "冯振和挂任执行院长。\n\n团队另外两名成员是：超声科主治医师骆晚晴、护理部主管护师叶秋池。\n\n"
        "图为冯振和（右）在门诊为村民诊疗。"
    )
    homes = dict(facts(x, RelationType.AFFILIATED_WITH))
    assert homes == {"冯振和": "南方医科大学珠江医院", "骆晚晴": "南方医科大学珠江医院",
                     "叶秋池": "南方医科大学珠江医院"}
    assert {p for p, _host in facts(x, RelationType.DISPATCHED_TO)} == {"冯振和", "骆晚晴", "叶秋池"}


def test_extract_a_table_cut_by_spaces_with_home_name_and_host_columns() -> None:
    x = extract(
        "附件：派驻专家名单\n\n序号 派出单位 姓名 职称 派驻单位\n"
        "1 衡水市人民医院 钮青松 心血管内科主任医师 故城县医院\n"
        "2 衡水市中医医院 甘霖雨 针灸科副主任医师 景县中医医院\n"
    )
    assert facts(x, RelationType.AFFILIATED_WITH) == {
        ("钮青松", "衡水市人民医院"), ("甘霖雨", "衡水市中医医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {("钮青松", "故城县医院"), ("甘霖雨", "景县中医医院")}


def test_extract_alliances_each_headed_then_their_lead_and_members_a_line_each() -> None:
    x = extract(
        "我委确定河池市心血管病专科联盟等2个专科联盟为第一批市级专科联盟。现将名单公布如下：\n"
        "一、河池市心血管病专科联盟\n牵头单位：河池市人民医院\n成员单位：南丹县人民医院、天峨县人民医院\n"
        "二、河池市中医专科联盟\n牵头单位：河池市中医医院\n成员单位：东兰县中医医院\n"
    )
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {
        frozenset(("河池市人民医院", "南丹县人民医院")), frozenset(("河池市人民医院", "天峨县人民医院")),
        frozenset(("河池市中医医院", "东兰县中医医院"))}
    alliance = {k: a.label for k, a in x.alliances.items()}
    led = {(org, alliance[key]) for org, key in facts(x, RelationType.LEADS)}
    joined = {(org, alliance[key]) for org, key in facts(x, RelationType.MEMBER_OF)}
    assert led == {("河池市人民医院", "河池市心血管病专科联盟"), ("河池市中医医院", "河池市中医专科联盟")}
    assert ("东兰县中医医院", "河池市中医专科联盟") in joined


def test_extract_one_of_a_group_sent_somewhere_is_not_from_there() -> None:
    # 该院 after 同批到岗的还有 is the hospital the group came from, not the one it went to
    x = extract(
        "启动会上，昆医附一院急诊医学部副主任医师骆言川被聘为麻栗坡县人民医院院长。"
        "同批到岗的还有该院重症医学科主治医师邝思北。"
    )
    assert ("邝思北", "昆明医科大学第一附属医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("邝思北", "麻栗坡县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_team_listed_by_its_parts_leader_then_members() -> None:
    x = extract(
        "3月12日，福建医科大学附属第一医院举行第三批驻大田县医院医疗队出征仪式。\n\n本批医疗队名单如下：\n\n"
        "队长：简伯川，福建医科大学附属第一医院普外科副主任医师，挂职大田县医院副院长；\n"
        "队员：神经外科主治医师缪思北、麻醉科副主任医师郑婉秋、儿科主治医师连俊良、超声医学科主治医师翁晓溪。"
    )
    went = {p for p, host in facts(x, RelationType.DISPATCHED_TO) if host == "大田县医院"}
    assert went == {"简伯川", "缪思北", "郑婉秋", "连俊良", "翁晓溪"}


def test_extract_gaiyuan_that_sends_is_not_where_its_expert_is_posted() -> None:
    x = extract("福建省肿瘤医院对口帮扶柘荣县医院已进入第三个年头，"
                "该院派驻的肿瘤内科副主任医师詹慕川挂职柘荣县医院副院长。")
    assert ("詹慕川", "福建省肿瘤医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("詹慕川", "柘荣县医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_posted_describing_the_next_person_is_not_where_one_goes() -> None:
    x = extract(
        "陆军军医大学第一附属医院（西南医院）对口帮扶城口县人民医院。首批驻点的4名专家当天即到岗，"
        "烧伤科副主任医师郁沛川挂职城口县人民医院副院长。\n\n"
        "2月26日，郁沛川和同批驻点的西南医院肝胆外科主治医师詹雨秋来到修齐镇中心卫生院义诊。"
    )
    went = facts(x, RelationType.DISPATCHED_TO)
    assert ("郁沛川", "城口县人民医院") in went
    assert not any(host == "陆军军医大学第一附属医院" for _p, host in went)


@pytest.mark.parametrize("text", [
    "仪式上，陕西省人民医院普通外科主任医师焦启川被任命为平利县医院执行院长，重症医学科副主任医师甘可欣、"
    "急诊科主治医师景昊川随同进驻。",
    "南昌大学第一附属医院医疗队由普外科主任医师彭定川带队，他将挂职平利县医院副院长。"
    "队员还包括神经内科副主任医师甘可欣、重症医学科主治医师景昊川等4人。",
])
def test_extract_those_who_go_along_with_the_one_sent(text: str) -> None:
    went = facts(x := extract(text), RelationType.DISPATCHED_TO)
    assert {("甘可欣", "平利县医院"), ("景昊川", "平利县医院")} <= went, x.facts


def test_extract_posts_without_an_institution_after_one_that_names_it() -> None:
    x = extract(
        "山西白求恩医院全面托管大宁县人民医院。首批管理团队共6人，由我院普外科主任医师相里卫平担任大宁县人民医院院长，"
        "医务处副处长辜婉秋担任常务副院长，护理部副主任祁淑兰担任护理部主任。"
    )
    went = facts(x, RelationType.DISPATCHED_TO)
    assert {(p, "大宁县人民医院") for p in ("相里卫平", "辜婉秋", "祁淑兰")} <= went


def test_extract_the_place_an_article_is_about_is_not_home_to_one_posted_there() -> None:
    x = extract(
        "镇安县医院迎来第七批医疗队\n\n第七批医疗队由5名队员组成，队长、普外科副主任医师芮思北挂职镇安县医院副院长。"
        "镇安县医院院长表示欢迎。镇安县医院将全力配合。"
    )
    assert ("芮思北", "镇安县医院") in facts(x, RelationType.DISPATCHED_TO)
    assert ("芮思北", "镇安县医院") not in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_what_one_did_after_arriving_says_where_one_was_sent() -> None:
    x = extract("南乐医疗队的队长，是河南省人民医院呼吸与危重症医学科副主任医师阙佳北。"
                "她到南乐县人民医院后，推动成立了独立的呼吸与危重症医学科。")
    assert ("阙佳北", "南乐县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_team_whose_home_is_not_said_is_not_from_where_it_went() -> None:
    x = extract(
        "镇安县医院迎来第七批医疗队\n\n第七批医疗队由3名队员组成，队长、普外科副主任医师芮思北挂职镇安县医院副院长，"
        "队员包括心血管内科主治医师訾晓秋、儿科主治医师贲雨北。镇安县医院院长表示欢迎。"
    )
    assert {p for p, host in facts(x, RelationType.DISPATCHED_TO) if host == "镇安县医院"} == {
        "芮思北", "訾晓秋", "贲雨北"}
    assert not {p for p, home in facts(x, RelationType.AFFILIATED_WITH) if home == "镇安县医院"} & {
        "芮思北", "訾晓秋", "贲雨北"}


def test_extract_a_roster_grouped_under_the_places_they_go_to() -> None:
    x = extract(
        "黑龙江省医院第二批下沉专家出发\n\n4月1日，黑龙江省医院为下沉专家送行。\n\n"
        "第二批下沉帮扶专家名单\n\n"
        "桦南县人民医院（2人）\n1. 栾星河　心血管内科　主任医师（挂任业务副院长）\n"
        "2. 曲晚晴　儿科　主治医师\n\n"
        "汤原县人民医院（2人）\n1. 佟修远　骨科　副主任医师\n2. 盖一鸣　急诊科　主治医师\n\n"
        "出发前，栾星河说：“这次一定把卒中中心建起来。”"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("栾星河", "桦南县人民医院"), ("曲晚晴", "桦南县人民医院"),
        ("佟修远", "汤原县人民医院"), ("盖一鸣", "汤原县人民医院"),
    }
    assert {home for _p, home in facts(x, RelationType.AFFILIATED_WITH)} == {"黑龙江省医院"}


def test_extract_the_hospital_of_a_page_that_says_we() -> None:
    # 院党委书记 on a page that says 我院 is of the page's own hospital, not the one it helps
    x = extract(
        "我院驻县专家出发\n\n来源：南通大学附属医院\n\n"
        "3月5日，我院举行欢送会。院党委书记宗政远、副院长冷秋池出席。"
        "我院对口支援如东县人民医院，帮助如东县人民医院建成胸痛中心。"
    )
    assert {("宗政远", "南通大学附属医院"), ("冷秋池", "南通大学附属医院")} <= facts(
        x, RelationType.AFFILIATED_WITH)


def test_extract_members_numbered_below_the_paragraph_that_names_their_lead() -> None:
    x = extract(
        "1月8日，德阳市人民医院紧密型城市医疗集团揭牌。德阳市人民医院作为牵头医院，与旌阳区的3家医疗卫生机构"
        "组建紧密型城市医疗集团。集团成员单位为：\n\n1.德阳市旌阳区人民医院\n2.旌阳区孝泉镇中心卫生院\n"
        "3.德阳市旌阳区疾病预防控制中心（医防融合协作单位）\n\n集团实行理事会领导下的总院长负责制。"
    )
    assert facts(x, RelationType.PARTNER_OF) == {
        ("德阳市人民医院", "旌阳区人民医院"), ("德阳市人民医院", "旌阳区孝泉镇中心卫生院"),
        ("德阳市人民医院", "旌阳区疾病预防控制中心"),
    }


def test_extract_every_township_health_centre_of_the_county_is_a_branch() -> None:
    x = extract(
        "隆回县人民医院（以下简称县医院）专家何述华常驻小沙江镇卫生院。\n\n"
        "2022年，县里以县医院为总院，组建紧密型县域医共体，全县乡镇卫生院全部作为分院纳入统一管理。\n\n"
        "在金石桥镇卫生院，总院骨科医生正在坐诊。邵阳市中心医院专家也来到县医院。"
    )
    partners = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert partners == {frozenset(("隆回县人民医院", "隆回县小沙江镇卫生院")),
                        frozenset(("隆回县人民医院", "隆回县金石桥镇卫生院"))}


def test_extract_a_team_s_people_go_where_the_team_went() -> None:
    x = extract(
        "珠江医院第三批帮扶专家进驻我院\n\n发布时间：2025-03-19　　来源：阳山县人民医院\n\n"
        "3月18日，南方医科大学珠江医院第三批对口帮扶专家团队一行3人抵达我院，开始为期半年的驻点帮扶。\n\n"
        "本批专家团队由珠江医院神经外科副主任医师谌立峰担任队长，成员包括消化内科主治医师冼嘉莹和"
        "重症医学科主管护师麦婉晴。根据安排，谌立峰挂任我院神经外科主任。"
    )
    sent = {(p, host) for p, host in facts(x, RelationType.DISPATCHED_TO)}
    assert sent == {("谌立峰", "阳山县人民医院"), ("冼嘉莹", "阳山县人民医院"), ("麦婉晴", "阳山县人民医院")}


def test_extract_a_city_s_numbered_hospital_by_its_short_name() -> None:
    x = extract("深圳市第二人民医院与凌云县人民医院签订对口帮扶协议。深圳二院泌尿外科主任医师伍振华"
                "到任后挂职凌云县人民医院副院长。")
    assert ("伍振华", "深圳市第二人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("伍振华", "凌云县人民医院") in facts(x, RelationType.DISPATCHED_TO)
    assert len(x.orgs) == 2  # 深圳二院 is 深圳市第二人民医院


def test_extract_each_line_pairs_a_place_with_the_one_sent_there() -> None:
    x = extract(
        "庆安县人民医院与7家基层医疗机构签订帮扶协议。各单位帮扶责任人如下：\n\n"
        "吉康街道社区卫生服务中心——庆安县人民医院全科医学科主任滕文静\n\n"
        "久胜镇中心卫生院——心血管内科主任医师仉德顺\n\n"
        "勤劳镇卫生院——呼吸内科主治医师邴海峰\n\n"
        "庆安县人民医院院长佟志远表示，将把帮扶成效纳入考核。"
    )
    assert {p for p, _host in facts(x, RelationType.DISPATCHED_TO)} == {"滕文静", "仉德顺", "邴海峰"}
    assert {p for p, home in facts(x, RelationType.AFFILIATED_WITH) if home == "庆安县人民医院"} >= {
        "滕文静", "仉德顺", "邴海峰"}


def test_extract_numbered_lines_under_groups_pair_a_place_with_those_sent_there() -> None:
    x = extract(
        "现将县级医院派驻乡镇卫生院医师人员安排公示如下：\n\n一、平舆县人民医院医共体\n\n"
        "1.阳城镇卫生院：平舆县人民医院普外科副主任医师骆文斌（挂任业务副院长）、儿科主治医师甄梦瑶\n\n"
        "2.射桥镇卫生院：平舆县人民医院心血管内科主治医师阚志鹏\n\n二、平舆县中医院医共体\n\n"
        "3.万金店镇卫生院：平舆县中医院针灸推拿科主治医师晏俊楠\n\n"
        "派驻医师须全脱产驻点，每周在岗不少于4天。"
    )
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("骆文斌", "平舆县阳城镇卫生院"), ("甄梦瑶", "平舆县阳城镇卫生院"), ("阚志鹏", "平舆县射桥镇卫生院"),
        ("晏俊楠", "平舆县万金店镇卫生院"),
    }


def test_extract_two_pairs_joined_by_yu_in_one_sentence_are_two_partnerships() -> None:
    x = extract("11月15日，萍乡市人民医院与中南大学湘雅二医院、萍乡市中医院与江西中医药大学附属医院"
                "分别签订心血管专科联盟和紧密型医联体合作协议。")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {frozenset(("萍乡市人民医院", "中南大学湘雅二医院")),
                     frozenset(("萍乡市中医医院", "江西中医药大学附属医院"))}  # 中医院 in full


def test_extract_each_head_with_the_members_named_for_it() -> None:
    x = extract("2022年，平邑县组建两个紧密型县域医共体：以平邑县人民医院为总院，"
                "平邑县仲村镇卫生院、武台镇卫生院为分院；以平邑县中医医院为总院，郑城镇卫生院、白彦镇卫生院为分院。")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {
        frozenset(("平邑县人民医院", "平邑县仲村镇卫生院")),
        frozenset(("平邑县人民医院", "平邑县武台镇卫生院")),
        frozenset(("平邑县中医医院", "平邑县郑城镇卫生院")),
        frozenset(("平邑县中医医院", "平邑县白彦镇卫生院")),
    }
    kinds = {f.partnership_types for f in x.facts if f.type is RelationType.PARTNER_OF}
    assert kinds == {frozenset({PartnershipType.COUNTY_MEDICAL_COMMUNITY})}


def test_extract_a_mention_without_a_home_goes_where_it_says_from_the_home_another_gave() -> None:
    x = extract(
        "察布查尔锡伯自治县人民医院：援疆专家下沉乡镇\n\n"
        "清晨，南京医科大学第二附属医院消化医学中心副主任医师戚晓蔓已经坐上了开往乡里的车。\n\n"
        "去年8月，作为江苏省援疆医疗队队员，戚晓蔓来到察布查尔锡伯自治县人民医院，挂职副院长。"
    )
    assert ("戚晓蔓", "南京医科大学第二附属医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("戚晓蔓", "察布查尔锡伯自治县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_what_a_speaker_says_after_where_they_speak_is_reported() -> None:
    x = extract("昆明医科大学第一附属医院副院长段晓鹏出席揭牌仪式。"
                "段晓鹏在揭牌仪式上说，医院长期对口帮扶宁蒗县人民医院。")
    assert ("段晓鹏", "宁蒗县人民医院") not in facts(x, RelationType.DISPATCHED_TO)


def test_extract_the_day_a_story_was_filed_is_not_the_partnerships() -> None:
    x = extract("本报聊城3月16日讯（记者 孙晓明）3月15日，山东大学齐鲁医院与聊城市茌平区人民医院"
                "紧密型医联体签约仪式举行。", date="2024-03-16")
    [dates] = partnership_dates(x).values()
    assert dates == {"2024-03-15"}


def test_extract_of_two_years_in_a_sentence_the_first_dates_what_began() -> None:
    x = extract("2015年起，复旦大学附属中山医院牵头对口支援日喀则市人民医院，"
                "帮助医院于2017年成功创建三级甲等医院。")
    assert partnership_dates(x)[frozenset(("复旦大学附属中山医院", "日喀则市人民医院"))] == {"2015"}


def test_extract_our_hospital_on_a_page_is_the_site_it_belongs_to(tmp_path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>远程会诊中心在我院揭牌_院内新闻_桓仁满族自治县人民医院</title></head><body>"
        "<div class='article'><p>11月6日，中国医科大学附属盛京医院远程会诊中心桓仁工作站在我院揭牌。</p>"
        "<p>我院与盛京医院签订远程医疗协作协议。我院院长富春雷致辞。</p></div></body></html>",
        encoding="utf-8",
    )
    x = extract_document(load(path))
    assert ("富春雷", "桓仁满族自治县人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert frozenset(("桓仁满族自治县人民医院", "中国医科大学附属盛京医院")) in pairs


def test_extract_an_alliance_named_after_an_institution_is_led_by_it() -> None:
    x = extract("喜讯｜我院正式加入河北省胸科医院呼吸专科联盟！\n临城县人民医院　2025年03月21日\n\n"
                "3月20日，我院被授予“河北省胸科医院呼吸专科联盟成员单位”牌匾。")
    assert "河北省胸科医院" in org_names(x)
    assert {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)} == {
        frozenset(("河北省胸科医院", "临城县人民医院"))
    }


def test_extract_a_citys_hospital_said_about_a_county_level_city_is_the_one_named_in_full() -> None:
    x = extract("济宁市第一人民医院与邹城市人民医院签订紧密型医联体协议。首批派出的专家中，"
                "市第一人民医院心内科副主任医师冯启明将常驻邹城市人民医院半年。")
    assert set(org_names(x)) == {"济宁市第一人民医院", "邹城市人民医院"}  # no 邹城市第一人民医院
    assert ("冯启明", "济宁市第一人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("冯启明", "邹城市人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_bare_shili_hospital_is_the_citys_own() -> None:
    x = extract("福建省立医院与顺昌县医院签约。"
                "首批派出的专家中，省立医院心内科副主任医师冯启明将常驻顺昌县医院。")
    assert ("冯启明", "福建省立医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("冯启明", "顺昌县医院") in facts(x, RelationType.DISPATCHED_TO)


@pytest.mark.parametrize("text", [
    "甘肃省人民医院神经内科副主任医师罗成林驻点临潭县人民医院。同批驻点的还有麻醉科主治医师苏晓敏、检验科主管技师韩蕾。",
    "甘肃省人民医院神经内科副主任医师罗成林驻点临潭县人民医院，首批同时到岗的还有麻醉科主治医师苏晓敏和检验科主管技师韩蕾。",
    "甘肃省人民医院选派专家驻点临潭县人民医院，心内科主任医师罗成林挂任临潭县人民医院业务副院长。"
    "本批医疗队成员如下：\n"
    "麻醉科：主治医师苏晓敏\n检验科：韩蕾（主管技师）\n",
])
def test_extract_others_of_a_batch_sent_go_where_it_went(text: str) -> None:
    x = extract(text)
    for person in ("苏晓敏", "韩蕾"):
        assert (person, "甘肃省人民医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "临潭县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_posts_listed_by_semicolons_are_at_the_institution_the_first_names() -> None:
    x = extract("首批派驻的管理团队共3人：赣南医科大学第一附属医院医务处副处长钟世平任寻乌县人民医院院长；"
                "普外科副主任医师赖文斌任业务副院长；护理部副主任廖春花任护理部主任。")
    for person in ("钟世平", "赖文斌", "廖春花"):
        assert (person, "赣南医科大学第一附属医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "寻乌县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_those_at_work_in_the_departments_go_where_the_others_went() -> None:
    x = extract("中国医科大学附属盛京医院选派骨干常驻法库县人民医院。"
                "盛京医院首批派驻的6名专家将于本月下旬到岗。其中，"
                "心血管内科副主任医师荀宏伟挂职法库县人民医院业务副院长，重症医学科副主任医师栗建华任该院重症医学科"
                "执行主任，神经内科主治医师覃思远、儿科主治医师阙梦琪分别在相应科室开展带教和质控工作。")
    for person in ("覃思远", "阙梦琪"):
        assert (person, "中国医科大学附属盛京医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "法库县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_those_placed_in_the_departments_go_where_their_leader_went() -> None:
    x = extract("本批8名专家中，浙江省人民医院胃肠外科主任医师鲍海锋担任淳安县第一人民医院执行院长。"
                "呼吸与危重症医学科副主任医师宓晓岚、眼科主治医师戎子墨等专家分别进驻相应科室。")
    for person in ("宓晓岚", "戎子墨"):
        assert (person, "浙江省人民医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "淳安县第一人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_roster_line_with_home_and_post_in_brackets() -> None:
    x = extract("西藏自治区人民医院选派医疗队进驻当雄县人民医院。队员名单如下：\n"
                "队　长：尼玛次仁（自治区人民医院高原病科副主任医师，挂职当雄县人民医院副院长）\n")
    assert ("尼玛次仁", "西藏自治区人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("尼玛次仁", "当雄县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_table_of_the_group_whose_arrival_the_article_tells() -> None:
    x = extract("3月6日，锦州医科大学附属第一医院第三批驻点帮扶专家团队抵达义县人民医院。\n\n"
                "本批驻点专家名单如下：\n\n序号｜姓名｜派出科室｜职称｜驻点岗位\n\n"
                "1｜冉立宏｜心血管内科｜主任医师｜心内科业务主任\n\n2｜仉德胜｜骨科｜副主任医师｜骨科业务主任\n")
    for person in ("冉立宏", "仉德胜"):
        assert (person, "锦州医科大学附属第一医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "义县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_one_of_a_batch_named_with_its_own_home_keeps_it() -> None:
    x = extract("甘肃省人民医院神经内科副主任医师罗成林驻点临潭县人民医院。"
                "与罗成林同批的兰州大学第二医院麻醉科主治医师苏晓敏，则牵头建立了无痛诊疗中心。")
    assert ("苏晓敏", "兰州大学第二医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("苏晓敏", "临潭县人民医院") in facts(x, RelationType.DISPATCHED_TO)


@pytest.mark.parametrize("went_along", [
    "和他一同驻点的兰州大学第二医院麻醉科主治医师苏晓敏，则牵头建立了无痛诊疗中心。",
    "和罗成林同船上岛的，还有兰州大学第二医院麻醉科主治医师苏晓敏。",
])
def test_extract_one_who_went_along_with_one_sent_goes_there_too(went_along: str) -> None:
    x = extract("甘肃省人民医院神经内科副主任医师罗成林驻点临潭县人民医院。" + went_along)
    assert ("苏晓敏", "兰州大学第二医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("苏晓敏", "临潭县人民医院") in facts(x, RelationType.DISPATCHED_TO)
    assert [f.role for f in x.facts if f.source == ("person", "苏晓敏")
            and f.type is RelationType.AFFILIATED_WITH] == ["麻醉科主治医师"]  # (not 还有麻醉科…)


def test_extract_what_follows_a_name_and_a_colon_is_what_they_say() -> None:
    x = extract("专访长治市人民医院院长秦振军：让优质资源扎根沁源\n\n"
                "长治市人民医院与沁源县人民医院组建医联体。")
    assert not facts(x, RelationType.DISPATCHED_TO)
    x = extract("长治市人民医院儿科副主任医师秦振军扎根沁源县人民医院儿科，规范了新生儿复苏流程。")
    assert ("秦振军", "沁源县人民医院") in facts(x, RelationType.DISPATCHED_TO)


@pytest.mark.parametrize(("text", "label", "adcode"), [
    ("瑪嘉烈醫院與深圳市第三人民醫院簽署傳染病防治合作協議。", "玛嘉烈医院", "810000"),
    ("澳門科大醫院與中山市人民醫院簽署合作協議。", "澳门科大医院", "820000"),
    ("高雄長庚今天與屏東縣恆春鎮的醫院簽署醫療策略聯盟。", "长庚医疗财团法人高雄长庚纪念医院", "710200"),
    ("衛生福利部金門醫院與廈門大學附屬中山醫院簽署合作備忘錄。", "卫生福利部金门医院", "350527"),
    ("由中山大學中山眼科中心牽頭的眼科專科聯盟在澳門成立。", "中山大学中山眼科中心", "440100"),
])
def test_extract_hong_kong_macau_and_taiwan_hospitals_known_by_name(text: str, label: str, adcode) -> None:
    x = extract(text)
    org = next(o for o in x.orgs.values() if o.label == label)
    if adcode is not None:
        assert org.adcode == adcode


def test_extract_members_that_join_an_alliance_named_after_its_lead_partner_the_lead() -> None:
    x = extract("重医附一院召开年度工作会议。会上，重庆医科大学附属第一医院内分泌专科联盟新成员授牌。"
                "璧山区人民医院、铜梁区人民医院等2家医院正式加入联盟。")
    assert set(org_names(x)) == {"重庆医科大学附属第一医院", "璧山区人民医院", "铜梁区人民医院"}
    assert {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)} == {
        frozenset(("重庆医科大学附属第一医院", "璧山区人民医院")),
        frozenset(("重庆医科大学附属第一医院", "铜梁区人民医院")),
    }


def test_extract_a_table_of_pairs_led_by_the_column_headed_as_helping() -> None:
    x = extract("2月6日，广元市卫生健康委员会印发通知，调整全市城乡医院对口帮扶关系，"
                "要求支援医院每年派驻医务人员不少于8人。2026年度对口帮扶关系如下：\n\n"
                "序号　单位　　　　　　　帮扶医院\n"
                "1　　旺苍县人民医院　　　　四川省人民医院\n2　　青川县人民医院　　　　广元市中心医院\n")
    pairs = {frozenset((a, b)) for a, b in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {frozenset(("旺苍县人民医院", "四川省人民医院")),
                     frozenset(("青川县人民医院", "广元市中心医院"))}
    leads = {f.lead for f in x.facts if f.type is RelationType.PARTNER_OF}
    assert {x.orgs[k[1]].label for k in leads if k} == {"四川省人民医院", "广元市中心医院"}


@pytest.mark.parametrize("text", [
    "当天上午，专家们分两路出发，分别前往忻州市五寨县人民医院和神池县人民医院。",
    "长兴县组建两个医共体，分别由长兴县人民医院和长兴县中医院牵头。",  # each leads its own
])
def test_extract_two_places_a_team_went_to_each_are_not_partners(text: str) -> None:
    assert not facts(extract(text), RelationType.PARTNER_OF)


def test_extract_two_that_each_send_their_own_are_not_partners() -> None:
    x = extract("远在泸州的西南医科大学附属医院和位于南充的川北医学院附属医院也将分别派出专家团队，"
                "到金口河区和犍为县开展帮扶。")
    assert not facts(x, RelationType.PARTNER_OF)


def test_extract_members_listed_after_chengyuan_baokuo_partner_the_alliances_lead() -> None:
    x = extract("大湾区眼科专科联盟成立　澳门三医院首批加盟\n\n"
                "由中山大学中山眼科中心牵头的“粤港澳大湾区眼科专科联盟”前日在澳门成立。"
                "首批成员包括仁伯爵综合医院、镜湖医院、澳门科大医院及江门市中心医院。")
    assert "澳门三医院" not in org_names(x)  # three of Macau's hospitals, not one so named
    assert [a.label for a in x.alliances.values()] == ["粤港澳大湾区眼科专科联盟"]
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    for member in ("仁伯爵综合医院", "澳门镜湖医院", "澳门科大医院", "江门市中心医院"):
        assert frozenset(("中山大学中山眼科中心", member)) in pairs


def test_extract_where_one_is_posted_is_not_the_home_a_later_mention_guesses() -> None:
    x = extract("4月7日，陕西省人民医院第三批对口支援医疗队抵达宜川县人民医院。\n\n"
                "2024年，陕西省人民医院与宜川县人民医院签订对口支援协议，由陕西省人民医院每半年选派专家常驻。\n\n"
                "队长、心血管内科副主任医师郑博宇同时挂任宜川县人民医院业务副院长。"
                "“急性心梗患者往外转，最怕耽误时间。”郑博宇说，医疗队将把胸痛中心建设作为头号任务。")
    assert ("郑博宇", "陕西省人民医院") in facts(x, RelationType.AFFILIATED_WITH)
    assert ("郑博宇", "宜川县人民医院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_county_medical_communitys_head_and_branches_named_by_their_role() -> None:
    x = extract("仙居县以仙居县人民医院为总院组建县域医共体，全县乡镇卫生院全部作为分院纳入。\n\n"
                "在仙居县横溪镇，“仙居县人民医院医共体横溪分院”的牌子挂在仙居县横溪镇中心卫生院门口。"
                "仙居县人民医院医共体总院院长林海峰说，总院每年向分院下派医生。")
    names = set(org_names(x))
    assert {"仙居县人民医院", "仙居县横溪镇中心卫生院"} <= names
    assert not {n for n in names if n.endswith(("分院", "总院"))}  # the same two, not four


def test_extract_a_branch_named_by_its_place_is_the_hospital_that_hangs_its_plaque() -> None:
    x = extract("东宁市人民医院加挂“牡丹江市第一人民医院东宁分院”牌子。"
                "牡丹江市第一人民医院的专家每周到东宁分院坐诊、手术。")
    assert set(org_names(x)) == {"东宁市人民医院", "牡丹江市第一人民医院"}


def test_extract_a_university_named_with_a_direction_word() -> None:
    x = extract("河北北方学院附属第一医院副院长栾德昌说，作为临床教学基地，蔚县人民医院将接收实习生。")
    assert "河北北方学院附属第一医院" in org_names(x)


def test_extract_two_heads_of_county_communities_respectively_take_no_centre_each() -> None:
    x = extract("县里组建两个紧密型县域医共体，分别以天台县人民医院、天台县中医院为总院，"
                "全县乡镇卫生院全部作为分院纳入，实行人事、财务、业务统一管理。\n\n"
                "在天台县平桥镇中心卫生院，新开的胃肠镜室每周都有县里的医生坐镇。")
    assert not facts(x, RelationType.PARTNER_OF)


def test_extract_members_listed_after_the_alliance_named_last_of_two() -> None:
    x = extract("本院是广西医科大学第一附属医院神经内科专科联盟成员单位。\n\n"
                "当天，由钦州市第一人民医院牵头的钦州市卒中急救联盟年会召开。"
                "联盟成员单位灵山县人民医院、浦北县人民医院的神经内科负责人参加。")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert frozenset(("钦州市第一人民医院", "灵山县人民医院")) in pairs
    assert frozenset(("钦州市第一人民医院", "浦北县人民医院")) in pairs
    assert not any("广西医科大学第一附属医院" in p and "灵山县人民医院" in p for p in pairs)


@pytest.mark.parametrize("text", [
    "帮扶队里还有一位特别的成员——四川大学华西第二医院儿科主治医师程悦。"
    "她被派驻到昭觉县妇幼保健计划生育服务中心，手把手教当地医护人员开展新生儿复苏。",
    "在岷县帮扶的天津专家还有天津市中医药研究院附属医院针灸科医生程悦。她驻点岷县中医医院，把针刺法带到了这里。",
    # after a clause that says when
    "这位老朋友是吉林大学第一医院心血管内科主任医师程悦。从2020年起，她每年冬天来到琼海，"
    "担任琼海市人民医院心血管内科名誉主任。",
])
def test_extract_a_sentence_opening_with_a_pronoun_says_where_the_one_just_named_went(text: str) -> None:
    x = extract(text)
    went = facts(x, RelationType.DISPATCHED_TO)
    assert len(went) == 1 and next(iter(went))[0] == "程悦"
    hosts = ("昭觉县妇幼保健计划生育服务中心", "岷县中医医院", "琼海市人民医院")
    assert next(iter(went))[1] in hosts
    assert not any(home in hosts
                   for _p, home in facts(x, RelationType.AFFILIATED_WITH))


def test_extract_the_batch_listed_after_benpi_zhuanjia_goes_where_its_named_member_goes() -> None:
    x = extract("10月12日，山东大学齐鲁医院对口支援东明县人民医院第五批专家团队到岗。\n\n"
                "本批专家共3人：心内科主任医师柏文军，普外科副主任医师殷少宁，副主任医师隋若冰（儿科）。"
                "其中，柏文军挂职东明县人民医院业务副院长。")
    for person in ("柏文军", "殷少宁", "隋若冰"):
        assert (person, "山东大学齐鲁医院") in facts(x, RelationType.AFFILIATED_WITH)
        assert (person, "东明县人民医院") in facts(x, RelationType.DISPATCHED_TO)


@pytest.mark.parametrize("roster", [
    "第一组（壶关县树掌镇中心卫生院）：心血管内科副主任医师常宇航、护师李艳华\n"
    "第二组（壶关县石坡乡卫生院）：普外科主治医师申鹏飞\n",
    "树掌镇中心卫生院团队：心血管内科副主任医师常宇航、护师李艳华\n"
    "石坡乡卫生院团队：壶关县人民医院普外科主治医师申鹏飞\n",
])
def test_extract_a_roster_of_groups_each_serving_a_place(roster: str) -> None:
    x = extract("4月12日一早，壶关县人民医院门诊楼前，一支由11名医务人员组成的巡回医疗队整装出发，"
                "分赴树掌镇、石坡乡2个乡镇卫生院，开展为期半年的对口帮扶，每月在乡镇驻点不少于20天，"
                "重点帮助卫生院提升慢病管理、急诊急救和中医适宜技术服务能力。\n\n"
                "巡回医疗队名单\n\n" + roster)
    went = facts(x, RelationType.DISPATCHED_TO)
    assert {("常宇航", "壶关县树掌镇中心卫生院"), ("李艳华", "壶关县树掌镇中心卫生院"),
            ("申鹏飞", "壶关县石坡乡卫生院")} == went
    for person in ("常宇航", "李艳华", "申鹏飞"):
        assert (person, "壶关县人民医院") in facts(x, RelationType.AFFILIATED_WITH)


def test_extract_each_team_member_goes_to_each_place_the_team_works_in() -> None:
    x = extract("巡回医疗第一队由临洮县人民医院副院长、外科主任医师齐永强任队长，"
                "队员有心内科副主任医师鲜于杭、妇产科主治医师谈瑞雪等8人，主要在辛店镇中心卫生院和太石镇卫生院开展工作；第二队由临洮县中医院"
                "针灸科主任医师漆振宇任队长，队员包括康复科主治医师苟丽娟等6人，主要在衙下集镇卫生院开展工作。")
    went = facts(x, RelationType.DISPATCHED_TO)
    for person in ("齐永强", "鲜于杭", "谈瑞雪"):
        assert {(person, "临洮县辛店镇中心卫生院"), (person, "临洮县太石镇卫生院")} <= went
    for person in ("漆振宇", "苟丽娟"):
        assert (person, "临洮县衙下集镇卫生院") in went and (person, "临洮县太石镇卫生院") not in went


def test_extract_one_who_goes_with_the_team_goes_where_it_goes() -> None:
    x = extract("此外，定西市人民医院神经内科主任医师廉启华也随队到通渭县马营镇中心卫生院参加巡诊。")
    assert ("廉启华", "通渭县马营镇中心卫生院") in facts(x, RelationType.DISPATCHED_TO)


def test_extract_a_numbered_list_of_members_of_an_alliance_named_after_its_lead() -> None:
    x = extract("6月21日，遵义医科大学附属医院儿科专科联盟成立大会在遵义召开，"
                "来自黔北各地的医院代表参加会议，大会选举产生了首届理事会。\n\n"
                "首批成员单位名单如下：\n\n1．习水县人民医院\n2．桐梓县人民医院\n\n（排名不分先后）\n")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {frozenset(("遵义医科大学附属医院", "习水县人民医院")),
                     frozenset(("遵义医科大学附属医院", "桐梓县人民医院"))}
    assert {m for m, _a in facts(x, RelationType.MEMBER_OF)} >= {"习水县人民医院", "桐梓县人民医院"}


def test_extract_members_listed_with_their_cities_after_the_alliance_is_named() -> None:
    x = extract("8月23日，由中国科学技术大学附属第一医院牵头组建的"
                "安徽省县域呼吸与危重症医学专科联盟在合肥成立。"
                "来自六安市的霍邱县第一人民医院、舒城县人民医院，阜阳市的阜南县人民医院和亳州市的利辛县人民医院"
                "现场签约，成为首批成员单位。")
    assert [a.label for a in x.alliances.values()] == ["安徽省县域呼吸与危重症医学专科联盟"]
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    for member in ("霍邱县第一人民医院", "舒城县人民医院", "阜南县人民医院", "利辛县人民医院"):
        assert frozenset(("中国科学技术大学附属第一医院", member)) in pairs


def test_extract_one_with_a_long_list_that_goes_on_after_yiji() -> None:
    x = extract("绥棱县人民医院与绥棱县中医医院以及上集镇中心卫生院、四海店镇卫生院、"
                "克音河乡卫生院、后头乡卫生院等5家基层医疗机构签订对口帮扶协议，期限3年。")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert len(pairs) == 5 and all("绥棱县人民医院" in p for p in pairs)


def test_extract_a_well_known_name_written_in_full_is_one_mention() -> None:
    x = extract("3月12日，吉林大学中日联谊医院与梨树县第一人民医院、伊通满族自治县第一人民医院、"
                "双辽市中心医院远程医疗协作网签约。")
    assert "吉林大学" not in org_names(x)
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert frozenset(("吉林大学中日联谊医院", "双辽市中心医院")) in pairs and len(pairs) == 3


def test_extract_a_branch_plaque_of_a_hospitals_community_partners_that_hospital() -> None:
    x = extract("今年3月下旬，永宁县望洪镇卫生院加挂“永宁县人民医院医共体望洪分院”牌子，"
                "实行人员统一调配、业务统一管理。")
    assert {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)} == {
        frozenset(("永宁县人民医院", "永宁县望洪镇卫生院"))}


def test_extract_a_table_of_leads_and_members_cut_by_bars() -> None:
    x = extract("经各牵头医院申报、专家评审，现将2025年度医联体建设名单公示如下。\n\n"
                "序号｜名称｜牵头医院｜成员单位\n"
                "1｜开封市中心医院医联体｜开封市中心医院｜兰考县人民医院、杞县人民医院\n"
                "2｜开封市妇女儿童医疗保健中心妇幼专科联盟｜开封市妇女儿童医疗保健中心｜尉氏县妇幼保健院\n")
    pairs = {frozenset(p) for p in facts(x, RelationType.PARTNER_OF)}
    assert pairs == {frozenset(("开封市中心医院", "兰考县人民医院")),
                     frozenset(("开封市中心医院", "杞县人民医院")),
                     frozenset(("开封市妇女儿童医疗保健中心", "尉氏县妇幼保健院"))}


def test_extract_a_table_of_people_with_home_and_host_columns_headed_by_kind() -> None:
    x = extract("二、先进个人（2名）\n\n序号｜姓名｜派出单位（支援医院）｜受援医院｜派驻期间职务\n\n"
                "1｜綦晓岚｜山东大学齐鲁医院｜鄄城县人民医院｜挂职副院长、妇产科主任医师\n\n"
                "2｜亢文博｜山东大学第二医院｜东明县人民医院｜骨科副主任医师\n")
    assert facts(x, RelationType.AFFILIATED_WITH) == {
        ("綦晓岚", "山东大学齐鲁医院"), ("亢文博", "山东大学第二医院")}
    assert facts(x, RelationType.DISPATCHED_TO) == {
        ("綦晓岚", "鄄城县人民医院"), ("亢文博", "东明县人民医院")}


def test_extract_a_table_of_pairs_cut_by_bars_with_two_columns_of_institutions() -> None:
    x = extract("## 一、结对一览\n\n"
                "| 序号 | 省级医院 | 结对县级医院 | 合作方式 |\n|:--:|---|---|---|\n"
                "| 1 | 浙江大学医学院附属邵逸夫医院 | 开化县人民医院 | 紧密型合作办医 |\n"
                "| 2 | 浙江省肿瘤医院 | 江山市人民医院 | 肿瘤专科联盟 |\n")
    assert facts(x, RelationType.PARTNER_OF) == {
        ("浙江大学医学院附属邵逸夫医院", "开化县人民医院"), ("浙江省肿瘤医院", "江山市人民医院")}
    kinds = {f.target: f.partnership_types for f in x.facts if f.type is RelationType.PARTNER_OF}
    assert PartnershipType.SPECIALTY_ALLIANCE in kinds[("org", ("330881", "人民医院"))]


def test_extract_a_table_of_people_sent_pairs_the_helping_and_the_helped() -> None:
    x = extract("对口支援工作先进个人名单如下：\n\n"
                "序号｜姓名｜派出单位（支援医院）｜受援医院｜派驻期间职务\n\n"
                "1｜綦晓岚｜山东大学齐鲁医院｜鄄城县人民医院｜挂职副院长、妇产科主任医师\n\n"
                "2｜亢文博｜山东大学第二医院｜东明县人民医院｜骨科副主任医师\n")
    assert facts(x, RelationType.PARTNER_OF) == {
        ("山东大学齐鲁医院", "鄄城县人民医院"), ("山东大学第二医院", "东明县人民医院")}
    assert {x.orgs[f.lead[1]].label for f in x.facts if f.type is RelationType.PARTNER_OF} == {
        "山东大学齐鲁医院", "山东大学第二医院"}


def test_extract_a_table_of_people_and_where_each_is_sent() -> None:
    x = extract("新乡医学院第一附属医院选派第三批专家赴封丘、原阳两县开展为期半年的驻点帮扶，名单如下。\n\n"
                "姓名｜科室｜职称｜派驻单位\n"
                "栾秋明｜心血管内科｜主任医师｜封丘县人民医院\n"
                "佘立华｜神经内科｜副主任医师｜原阳县人民医院\n")
    went = facts(x, RelationType.DISPATCHED_TO)
    assert {("栾秋明", "封丘县人民医院"), ("佘立华", "原阳县人民医院")} <= went
    for person in ("栾秋明", "佘立华"):
        assert (person, "新乡医学院第一附属医院") in facts(x, RelationType.AFFILIATED_WITH)

"""The visual grammar of the views: colour, shape and name of each node class and edge kind.

Kept apart from the page builder so that the legend, the pages and the tests read one table.
"""

from __future__ import annotations

__all__ = ["EDGE_KINDS", "NODE_TYPES", "ORG_TYPES", "edge_kinds", "kind_style", "type_style"]

# type -> (Chinese name, colour, vis-network shape)
NODE_TYPES: dict[str, tuple[str, str, str]] = {
    "Hospital": ("医院", "#d94841", "dot"),
    "PrimaryCareInstitution": ("基层医疗机构", "#3a9d23", "triangle"),
    "PublicHealthInstitution": ("公共卫生机构", "#f28e2b", "diamond"),
    "HealthAuthority": ("卫生行政部门", "#7b4fa0", "square"),
    "AcademicInstitution": ("高校与科研机构", "#2f6db5", "star"),
    "Organization": ("其他机构", "#8c8c8c", "triangleDown"),
    "Alliance": ("医联体与联盟", "#e377c2", "hexagon"),
    "Person": ("专家与人员", "#17a2b8", "dot"),
    "Region": ("地区", "#9aa5b1", "box"),
    "Document": ("文章", "#cccccc", "box"),
}

ORG_TYPES = frozenset(
    {"Hospital", "PrimaryCareInstitution", "PublicHealthInstitution", "HealthAuthority",
     "AcademicInstitution", "Organization"}
)

# kind -> (Chinese name, colour, dashed); partnership kinds first, in the order that picks an
# edge's colour when it has several kinds, then the other edge types.
EDGE_KINDS: dict[str, tuple[str, str, bool]] = {
    "TightMedicalAlliance": ("紧密型医联体", "#b2182b", False),
    "CountyMedicalCommunity": ("县域医共体", "#e66101", False),
    "MedicalAlliance": ("医联体", "#e15759", False),
    "SpecialtyAlliance": ("专科联盟", "#4e79a7", False),
    "Trusteeship": ("托管", "#6a3d9a", False),
    "PairedAssistance": ("对口帮扶", "#33a02c", False),
    "PartyBuilding": ("党建共建", "#d6604d", False),
    "Telemedicine": ("远程医疗", "#8c6d31", False),
    "Referral": ("双向转诊", "#c9a800", False),
    "TeachingBase": ("教学基地", "#af7aa1", False),
    "JointActivity": ("合作活动", "#9c9c9c", False),
    "partnerOf": ("合作（未分类）", "#7f7f7f", False),
    "leads": ("牵头", "#c0398f", False),
    "memberOf": ("成员", "#e8a3c9", False),
    "dispatchedTo": ("派驻专家", "#0f7c8c", True),
    "affiliatedWith": ("所属", "#8fd0da", False),
    "locatedIn": ("位于", "#c8ccd0", False),
    "partOf": ("隶属", "#dde1e4", False),
}
_ORDER = {k: i for i, k in enumerate(EDGE_KINDS)}


def type_style(node_type: str) -> tuple[str, str, str]:
    """``(name, colour, shape)`` of a node type; unknown types look like other organisations.

    >>> type_style("Hospital")
    ('医院', '#d94841', 'dot')
    """
    return NODE_TYPES.get(node_type, (node_type, "#8c8c8c", "dot"))


def edge_kinds(edge: dict) -> list[str]:
    """The kinds an edge is filtered and coloured by: its partnership kinds, or its type.

    >>> edge_kinds({"type": "partnerOf", "partnershipTypes": ["Trusteeship", "TightMedicalAlliance"]})
    ['TightMedicalAlliance', 'Trusteeship']
    >>> edge_kinds({"type": "dispatchedTo"})
    ['dispatchedTo']
    """
    if edge["type"] == "partnerOf":
        kinds = [k for k in edge.get("partnershipTypes") or () if k in EDGE_KINDS]
        return sorted(set(kinds), key=_ORDER.__getitem__) or ["partnerOf"]
    return [edge["type"]]


def kind_style(kind: str) -> tuple[str, str, bool]:
    return EDGE_KINDS.get(kind, (kind, "#7f7f7f", False))

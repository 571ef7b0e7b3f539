"""The OpenAPI 3.1 document of /api/v1, built from the same enums the models use.

The request-body schemas are also what the API validates incoming JSON against (api.payload),
and the tests validate every response against the response schemas, so the document cannot drift
from the behaviour.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any

from matchmaker.capabilities import queries as capability_queries
from matchmaker.challenges import queries as challenge_queries
from matchmaker.models import CapabilityStatus, ChallengeMode, ChallengeStatus, CooperationMode, OrgKind, SolutionMode
from matchmaker.organizations.credit_code import CITY_DIVISION_CODES

MAX_PER_PAGE = 100
MAX_PAGE = 10_000  # as the web lists (matchmaker/pagination.py)
DEFAULT_PER_PAGE = 20
TEXT_LENGTH = 5000
MAX_KEYWORDS = 5
KEYWORD_LENGTH = 20
REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _enum(members: type[StrEnum] | list[StrEnum]) -> list[str]:
    return [m.value for m in members]


def _text(max_length: int = TEXT_LENGTH, description: str = "") -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length} | ({"description": description} if description else {})


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _page(item: str) -> dict[str, Any]:
    return _object(
        {
            "items": {"type": "array", "items": _ref(item)},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 0},
        },
        required=("items", "page", "per_page", "total", "pages"),
    )


TIMESTAMP = {"type": ["string", "null"], "format": "date-time"}
KEYWORDS = {
    "type": "array",
    "items": {"type": "string", "minLength": 1, "maxLength": KEYWORD_LENGTH},
    "maxItems": MAX_KEYWORDS,
    "description": "关键字，最多 5 个",
}
CHAIN_CODES = {
    "type": "array",
    "items": {"type": "string", "maxLength": 40},
    "minItems": 1,
    "maxItems": 2,
    "description": "所属产业链代码（见 GET /chains），1–2 个，第一个为主产业链",
}
BUDGET = {"type": ["number", "null"], "minimum": 0, "maximum": 9999999999.99, "description": "拟投入资金（万元）"}

POST_COMMON = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "title_en": {"type": "string"},
    "chains": {"type": "array", "items": {"type": "string"}},
    "keywords": {"type": "array", "items": {"type": "string"}},
    "organization": _ref("Organization"),
    "version": {"type": "integer", "description": "乐观锁版本号；PATCH 时原样提交（或放在 If-Match 请求头）"},
    "published_at": TIMESTAMP,
    "created_at": TIMESTAMP,
    "updated_at": TIMESTAMP,
    "url": {"type": "string", "format": "uri", "description": "网页地址"},
}
POST_REQUIRED = ("id", "title", "title_en", "chains", "keywords", "organization", "version", "url")
POST_REQUIRED += ("published_at", "created_at", "updated_at")

CHALLENGE_CONFIDENTIAL = {
    "confidential_detail": _text(description="保密技术资料"),
    "contact_name": _text(40, "联系人"),
    "contact_phone": _text(40, "联系电话"),
}
CHALLENGE_PUBLIC_FIELDS = {
    "status": {"enum": _enum(ChallengeStatus)},
    "mode": {"enum": _enum(ChallengeMode)},
    "solution_mode": {"enum": _enum(SolutionMode)},
    "problem": {"type": "string"},
    "indicators": {"type": "string"},
    "goal": {"type": "string"},
    "budget_min": BUDGET,
    "budget_max": BUDGET,
    "deadline": {"type": ["string", "null"], "format": "date"},
    "summary_en": {"type": "string"},
}
CHALLENGE_WRITE = {
    "title": _text(120, "名称"),
    "title_en": _text(200, "英文名称"),
    "chains": CHAIN_CODES,
    "mode": {"enum": _enum(ChallengeMode), "description": "对接方式"},
    "problem": _text(description="主要问题"),
    "indicators": _text(description="技术关键与主要指标"),
    "goal": _text(description="预期目标"),
    "keywords": KEYWORDS,
    "budget_min": BUDGET,
    "budget_max": BUDGET,
    "solution_mode": {"enum": _enum(SolutionMode), "description": "解决方式"},
    "deadline": {"type": ["string", "null"], "format": "date", "description": "需求时限（YYYY-MM-DD）"},
    "summary_en": _text(description="英文摘要"),
    **CHALLENGE_CONFIDENTIAL,
}
CAPABILITY_FIELDS = {
    "team_name": _text(80, "团队名称"),
    "leader": _text(40, "负责人"),
    "leader_title": _text(40, "负责人职称"),
    "description": _text(description="成果介绍"),
    "trl": {"type": "integer", "minimum": 1, "maximum": 9, "description": "技术成熟度 1–9"},
    "cooperation_modes": {
        "type": "array",
        "items": {"enum": _enum(CooperationMode)},
        "uniqueItems": True,
        "description": "合作方式",
    },
    "ip": _text(description="知识产权"),
    "applications": _text(description="应用领域"),
    "funded_project": _text(120, "财政资助项目名称"),
    "funded_project_no": _text(60, "项目编号"),
    "product": _text(200, "转化产品（可转化成果形成的产品或工艺）"),
}
CAPABILITY_WRITE = {
    "title": _text(120, "名称"),
    "title_en": _text(200, "英文名称"),
    "chains": CHAIN_CODES,
    "keywords": KEYWORDS,
    **CAPABILITY_FIELDS,
}
CREATE_STATUS = {
    "enum": ["draft", "published"],
    "default": "draft",
    "description": "published 需单位已通过审核且字段齐全；否则返回 403 或 422，不会创建任何内容",
}
VERSION = {"type": "integer", "minimum": 1, "description": "读取时的 version；也可改用 If-Match 请求头"}

SCHEMAS: dict[str, Any] = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {"type": "string", "examples": ["validation_error"]},
                    "message": {"type": "string", "description": "中文说明"},
                    "fields": {
                        "type": "object",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        "description": "逐字段的错误说明（仅校验错误时）",
                    },
                },
                required=("code", "message"),
            )
        },
        required=("error",),
    ),
    "Chain": _object(
        {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "name_en": {"type": "string"},
            "active": {"type": "boolean"},
        },
        required=("code", "name", "name_en", "active"),
    ),
    "ChainList": _object({"items": {"type": "array", "items": _ref("Chain")}}, required=("items",)),
    "Organization": _object(
        {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"enum": _enum(OrgKind)},
            "city": {"type": "string"},
            "verified": {"type": "boolean"},
        },
        required=("id", "name", "kind", "city", "verified"),
    ),
    "Challenge": _object(
        POST_COMMON | CHALLENGE_PUBLIC_FIELDS | CHALLENGE_CONFIDENTIAL,
        required=(*POST_REQUIRED, *CHALLENGE_PUBLIC_FIELDS),
        description=(
            "技术需求。confidential_detail / contact_name / contact_phone 仅在详情中、且仅对有权查看保密资料者出现"
        ),
    ),
    "ChallengePage": _page("Challenge"),
    "ChallengeCreate": _object(CHALLENGE_WRITE | {"status": CREATE_STATUS}, required=("title", "chains", "problem")),
    "ChallengeUpdate": _object(
        CHALLENGE_WRITE
        | {
            "version": VERSION,
            "status": {
                "enum": ["published", "withdrawn", "draft"],
                "description": "状态变更：草稿→发布，已发布→撤回，已撤回→草稿",
            },
        },
        description="只需提交要修改的字段",
    ),
    "Capability": _object(
        POST_COMMON | CAPABILITY_FIELDS | {"status": {"enum": _enum(CapabilityStatus)}},
        required=(*POST_REQUIRED, *CAPABILITY_FIELDS, "status"),
        description="科研能力 / 科技成果",
    ),
    "CapabilityPage": _page("Capability"),
    "CapabilityCreate": _object(
        CAPABILITY_WRITE | {"status": CREATE_STATUS},
        required=("title", "chains", "team_name", "leader", "description", "trl"),
    ),
    "CapabilityUpdate": _object(
        CAPABILITY_WRITE
        | {
            "version": VERSION,
            "status": {
                "enum": ["published", "withdrawn", "draft"],
                "description": "状态变更：草稿→发布，已发布→撤回，已撤回→草稿",
            },
        },
        description="只需提交要修改的字段",
    ),
}

ERROR_DESCRIPTIONS = {
    "400": "请求不合法：请求体不是合法的 JSON，或参数、字段中含有 NUL 等控制字符",
    "401": "缺少令牌，或令牌无效、已撤销、其账号已停用",
    "403": "无权执行（不是所有者、角色不符，或单位未通过审核而要求发布）",
    "404": "资源不存在或不可见",
    "409": "version 与当前版本不符（他人已修改），或状态不允许此操作",
    "413": "请求体过大",
    "415": "请求体不是 application/json",
    "422": "字段未通过校验，见 error.fields",
    "428": "PATCH 未提供 version 或 If-Match",
    "429": "请求过于频繁",
}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): {"$ref": f"#/components/responses/E{c}"} for c in codes}


def _json(schema: str, description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}
    if headers:
        response["headers"] = headers
    return response


ETAG = {"ETag": {"description": '当前版本号，如 "3"；可放入 If-Match', "schema": {"type": "string"}}}
BEARER = [{"bearerAuth": []}]
OPTIONAL_BEARER = [{}, {"bearerAuth": []}]


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


PAGING = [
    _param(
        "page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        "页码，从 1 开始，最大 10000；超出末页返回空列表",
    ),
    _param(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        "每页条数，最多 100",
    ),
]
COMMON_FILTERS = [
    _param("chain", {"type": "string", "maxLength": 40}, "产业链代码"),
    _param("city", {"enum": list(CITY_DIVISION_CODES)}, "单位所在城市"),
    _param("org_kind", {"enum": _enum(OrgKind)}, "单位类型"),
    _param(
        "q",
        {"type": "string", "maxLength": 100},
        "关键词搜索：只返回包含大部分关键词（三个以内须全部包含）的条目，按相关度排序",
    ),
]


def _status_param(every: type[StrEnum], public: tuple, organiser: bool) -> dict[str, Any]:
    """Each caller's document lists the statuses it may filter by: all for organisers, the
    public ones for everybody else (asking for another is a 422)."""
    values = _enum(every) if organiser else [s.value for s in public]
    return _param("status", {"enum": values}, "状态（组织方可按任一状态筛选，其他调用方只能按公开状态筛选）")


CHALLENGE_FILTERS = [
    _param("mode", {"enum": _enum(ChallengeMode)}, "对接方式"),
    _param("budget_min", {"type": "number", "minimum": 0}, "拟投入资金下限（万元）"),
    _param("budget_max", {"type": "number", "minimum": 0}, "拟投入资金上限（万元）"),
    _param("sort", {"enum": list(challenge_queries.SORTS)}, "排序；有 q 时默认按相关度"),
]
CAPABILITY_FILTERS = [
    _param("trl_min", {"type": "integer", "minimum": 1, "maximum": 9}, "技术成熟度下限"),
    _param("trl_max", {"type": "integer", "minimum": 1, "maximum": 9}, "技术成熟度上限"),
    _param("sort", {"enum": list(capability_queries.SORTS)}, "排序；有 q 时默认按相关度"),
]
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "当前版本号（GET 返回的 ETag）；请求体中的 version 优先",
}


def _resource(plural: str, singular: str, label: str, role: str, filters: list[dict[str, Any]]) -> dict[str, Any]:
    id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    return {
        f"/{plural}": {
            "get": {
                "operationId": f"list_{plural}",
                "summary": f"{label}列表（与网页列表相同的筛选）",
                "security": OPTIONAL_BEARER,
                "parameters": COMMON_FILTERS + filters + PAGING,
                "responses": {"200": _json(f"{singular}Page", "一页结果")} | _errors(400, 401, 422),
            },
            "post": {
                "operationId": f"create_{singular.lower()}",
                "summary": f"新建{label}（{role}用户）；默认保存为草稿",
                "security": BEARER,
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(f"{singular}Create")}},
                },
                "responses": {
                    "201": _json(
                        singular,
                        "已创建",
                        ETAG | {"Location": {"description": "新资源的 API 地址", "schema": {"type": "string"}}},
                    )
                }
                | _errors(400, 401, 403, 413, 415, 422, 429),
            },
        },
        f"/{plural}/{{id}}": {
            "parameters": [id_param],
            "get": {
                "operationId": f"get_{singular.lower()}",
                "summary": f"{label}详情；草稿只对所有者和组织方可见",
                "security": OPTIONAL_BEARER,
                "responses": {"200": _json(singular, label, ETAG)} | _errors(400, 401, 404),
            },
            "patch": {
                "operationId": f"update_{singular.lower()}",
                "summary": f"修改{label}（仅所有单位）；需提交当前 version，否则 409/428",
                "security": BEARER,
                "parameters": [IF_MATCH],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(f"{singular}Update")}},
                },
                "responses": {"200": _json(singular, "已修改", ETAG)}
                | _errors(400, 401, 403, 404, 409, 413, 415, 422, 428, 429),
            },
        },
    }


@cache
def document(organiser: bool = False) -> dict[str, Any]:
    """The document as one kind of caller sees it (organisers may filter by every status)."""
    challenge_status = _status_param(ChallengeStatus, challenge_queries.LISTED, organiser)
    capability_status = _status_param(CapabilityStatus, capability_queries.LISTED, organiser)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "产学研精准对接平台 API",
            "version": "1.0.0",
            "description": (
                "读取公开的技术需求与科研成果无需令牌；写操作需在请求头携带 "
                "`Authorization: Bearer <令牌>`（在网页“API 令牌”页面创建）。"
                "浏览器登录状态（Cookie）对本接口无效。错误统一返回 Error 结构。"
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/chains": {
                "get": {
                    "operationId": "list_chains",
                    "summary": "标志性产业链（代码用于筛选和发布）",
                    "security": OPTIONAL_BEARER,
                    "responses": {"200": _json("ChainList", "全部产业链")} | _errors(401),
                }
            },
            **_resource("challenges", "Challenge", "技术需求", "企业", [challenge_status, *CHALLENGE_FILTERS]),
            **_resource("capabilities", "Capability", "科研成果", "科研团队", [*CAPABILITY_FILTERS, capability_status]),
            "/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "本文档",
                    "security": [{}],
                    "responses": {"200": {"description": "OpenAPI 3.1 文档", "content": {"application/json": {}}}}
                    | _errors(401),
                }
            },
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {f"E{code}": _json("Error", description) for code, description in ERROR_DESCRIPTIONS.items()},
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "mm_ 开头的个人 API 令牌"}
            },
        },
    }

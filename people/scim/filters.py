"""SCIM filters (`userName eq "bjensen"`, `… and …`) as Django queries, by scim2-filter-parser.

The library parses the filter and turns it into a `Q` through an attribute map. Its
transpiler leaves out a comparison on an attribute the map does not name, which would widen
`userName eq "x" or nonsense eq "y"` to every account; here such a filter is refused as
invalidFilter instead (RFC 7644 §3.4.2.2).
"""

from collections.abc import Mapping

from django.db.models import Q
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser
from scim2_filter_parser.transpilers.django_q_object import Transpiler
from scim2_models import InvalidFilterException

CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"


def _with_schema(schema: str, attributes: dict[tuple[str, str | None], str]) -> dict:
    """Each attribute both bare (`userName`) and fully named (`urn:…:User:userName`)."""
    mapped = {}
    for (name, sub), field in attributes.items():
        mapped[(name, sub, None)] = field
        mapped[(name, sub, schema)] = field
    return mapped


USER_ATTRIBUTES = {
    **_with_schema(
        CORE_USER,
        {
            ("id", None): "pk",
            ("userName", None): "username",
            ("externalId", None): "person__external_id",
            ("emails", None): "email",
            ("emails", "value"): "email",
            ("name", "givenName"): "first_name",
            ("name", "familyName"): "last_name",
            ("displayName", None): "scim__display_name",
            ("title", None): "person__function",
            ("active", None): "is_active",
            ("meta", "created"): "date_joined",
        },
    ),
    ("employeeNumber", None, ENTERPRISE): "scim__employee_number",
    ("department", None, ENTERPRISE): "scim__department",
}

GROUP_ATTRIBUTES = _with_schema(
    CORE_GROUP,
    {
        ("id", None): "pk",
        ("displayName", None): "display_name",
        ("externalId", None): "external_id",
        ("members", None): "members__pk",
        ("members", "value"): "members__pk",
        ("meta", "created"): "created_at",
    },
)


class _Unknown(Exception):
    def __init__(self, path: str):
        self.path = path


class _StrictTranspiler(Transpiler):
    def visit_AttrPath(self, node):
        field = super().visit_AttrPath(node)
        if field is None:
            sub = f".{node.sub_attr.value}" if node.sub_attr else ""
            raise _Unknown(f"{node.attr_name}{sub}")
        return field


def filter_query(text: str, attributes: Mapping) -> Q:
    """The `Q` a SCIM filter stands for; InvalidFilterException (400) when it is not one."""
    try:
        tree = SCIMParser().parse(SCIMLexer().tokenize(text))
        query = _StrictTranspiler(attributes).transpile(tree)
    except _Unknown as unknown:
        raise InvalidFilterException(
            detail=f"This service cannot filter on {unknown.path!r}.", filter=text
        ) from None
    except Exception as error:  # the parser's errors have no common class
        raise InvalidFilterException(
            detail=f"The filter is not valid: {str(error)[:200]}", filter=text
        ) from None
    if query is None:
        raise InvalidFilterException(detail="The filter is empty.", filter=text)
    return query

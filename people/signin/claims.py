"""From an identity provider's claims to what the organisation knows of a person.

Pure: no database, no request; the claim names and the group mapping come from settings
(`OIDC_CLAIMS`, `OIDC_ROLE_MAP`, see codeapp/settings.py) and are passed in.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class MissingClaims(Exception):
    """The claims lack what a sign-in needs; `names` are the claims at fault."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


@dataclass(frozen=True)
class Profile:
    """A person as the identity provider describes them at one sign-in.

    `unit`, `function`, `manages` and `leads` are None when the claim is not configured or not sent:
    then what is stored stays as it is (provisioning or an administrator may keep it).
    `roles` is None when no group mapping is configured.
    """

    subject: str
    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    unit: str | None = None
    function: str | None = None
    roles: frozenset[str] | None = None
    managed_roles: frozenset[str] = field(default_factory=frozenset)
    manages: tuple[str, ...] | None = None
    leads: tuple[str, ...] | None = None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else str(value) if value is not None else ""


def _strings(value: Any) -> list[str]:
    """A claim that may be one string or a list of them."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list | tuple):
        return [_text(v) for v in value if _text(v)]
    return [_text(value)]


def _overflowed(claims: Mapping[str, Any], name: str) -> bool:
    """Microsoft Entra ID leaves out a groups claim that would be too long and points to
    Microsoft Graph instead (`_claim_names`): then the groups are unknown, not empty."""
    pointers = claims.get("_claim_names")
    return isinstance(pointers, dict) and name in pointers


def profile_from_claims(
    claims: Mapping[str, Any],
    *,
    names: Mapping[str, str],
    role_map: Mapping[str, str],
    email_required: bool,
) -> Profile:
    """The person the `claims` describe; raises MissingClaims naming what is missing.

    `names` maps each meaning (subject, username, name, email, unit, function, groups,
    manages, leads) to the claim that carries it; an empty name switches that meaning off.
    """

    def claim(meaning: str) -> Any:
        name = names.get(meaning, "")
        return claims.get(name) if name else None

    missing = []
    subject = _text(claim("subject"))
    if not subject:
        missing.append(names["subject"])
    email = _text(claim("email"))
    if email_required and not email:
        missing.append(names["email"] or "email")
    groups_claim = names.get("groups", "")
    if role_map and groups_claim and _overflowed(claims, groups_claim):
        missing.append(groups_claim)
    if missing:
        raise MissingClaims(missing)

    if "given_name" in claims or "family_name" in claims:
        first, last = _text(claims.get("given_name")), _text(claims.get("family_name"))
    else:
        first, last = _text(claim("name")), ""
    unit_name = names.get("unit", "")
    function_name = names.get("function", "")
    manages_name = names.get("manages", "")
    leads_name = names.get("leads", "")
    roles = None
    if role_map:
        groups = _strings(claim("groups"))
        roles = frozenset(role_map[group] for group in groups if group in role_map)
    return Profile(
        subject=subject[:255],
        username=(_text(claim("username")) or email or subject)[:150],
        email=email[:254],
        first_name=first[:150],
        last_name=last[:150],
        unit=(_text(claims[unit_name])[:200] if unit_name and unit_name in claims else None),
        function=(
            _text(claims[function_name])[:200]
            if function_name and function_name in claims
            else None
        ),
        roles=roles,
        managed_roles=frozenset(role_map.values()),
        manages=(
            tuple(v[:200] for v in _strings(claims[manages_name]))
            if manages_name and manages_name in claims
            else None
        ),
        leads=(
            tuple(v[:200] for v in _strings(claims[leads_name]))
            if leads_name and leads_name in claims
            else None
        ),
    )

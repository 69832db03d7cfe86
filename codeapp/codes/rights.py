"""Who keeps which code: an editor or integrity officer named for chosen codes (Code.keepers)
holds that role for those codes only; someone named for none holds it for every code.

The rule is an authentication backend placed first: for a code the user does not keep, it
refuses every permission of the code's apps, so each view's own permission check says no —
no view needs to know about codes.
"""

from django.core.exceptions import PermissionDenied

from core.codes import active_code, several

# The apps whose permissions are about one code (its draft, reflection, versions, reports).
CODE_APPS = frozenset({"values", "norms", "reflection", "codeapp"})


def kept_code_ids(user) -> frozenset[int]:
    """The codes `user` is named for (empty: every code); read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    kept = getattr(user, "_kept_code_ids", None)
    if kept is None:
        kept = frozenset(user.kept_codes.values_list("pk", flat=True))
        user._kept_code_ids = kept
    return kept


def keeps(user, code) -> bool:
    """Whether `user`'s roles hold for `code` (no query while there is one code)."""
    if not several():
        return True
    kept = kept_code_ids(user)
    return not kept or code.pk in kept


class CodeRightsBackend:
    """Refuses a code's permissions to someone who keeps only other codes (see above).

    It signs nobody in and finds no user (no `get_user`: Django's test client and
    `login()` then never take it for the backend that signed someone in)."""

    def authenticate(self, request, **credentials) -> None:
        return None

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if (
            user_obj.is_active
            and not user_obj.is_superuser
            and perm.partition(".")[0] in CODE_APPS
            and not keeps(user_obj, active_code())
        ):
            raise PermissionDenied
        return False

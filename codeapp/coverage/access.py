"""Who sees which coverage: one rule, `scope_of`, for every coverage page and export.

Those who see reports (`codeapp.view_confirmation`: editors and integrity officers) see the
whole organisation. A manager — anyone with UnitManager rows, no group needed — sees the
units they manage and every unit below them, and nothing else: no other unit, no draft, no
session notes, no proposals (those pages check permissions a manager does not hold). Anyone
else gets 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from people.units import UnitTree, managed_unit_ids, visible_unit_ids

REPORTS_PERMISSION = "codeapp.view_confirmation"


@dataclass(frozen=True)
class Scope:
    """What a reader of coverage sees: the tree, and which units of it (None: all)."""

    tree: UnitTree
    visible: set[int] | None
    managed: frozenset[int]

    @property
    def everything(self) -> bool:
        return self.visible is None

    def unit_or_404(self, pk: int):
        """The unit `pk` as the tree knows it; 404 for a unit this reader does not see."""
        node = self.tree.get(pk)
        if node is None or (self.visible is not None and pk not in self.visible):
            raise Http404
        return node


def may_see_coverage(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` sees any coverage (the menu asks this)."""
    return user.has_perm(REPORTS_PERMISSION) or bool(managed_unit_ids(user))


def scope_of(user: AbstractBaseUser | AnonymousUser) -> Scope:
    """The coverage `user` sees; PermissionDenied when none."""
    if user.has_perm(REPORTS_PERMISSION):
        return Scope(tree=UnitTree.load(), visible=None, managed=frozenset())
    managed = managed_unit_ids(user)
    if not managed:
        raise PermissionDenied
    tree = UnitTree.load()
    return Scope(tree=tree, visible=visible_unit_ids(tree, managed), managed=frozenset(managed))


def coverage_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A coverage page: the view gets the reader's `scope` (403 for those who see none).

    Put it under login_required: an anonymous visitor goes to the sign-in page first.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return view(request, *args, scope=scope_of(request.user), **kwargs)

    return wrapper

"""Whether a code asks a person to confirm it (Code.audience and its units).

A code for all employees asks everyone. A code for council members, office holders or chosen
units asks the people of the units chosen for it (their sub-units included); with no unit
chosen it cannot tell who they are, and asks everyone, as before there were audiences.
"""

from codeapp.codes.models import AudienceUnit
from core.models import Code
from people.models import Person
from people.units import UnitTree


def asks(user, code: Code) -> bool:
    """Whether `code` asks `user` to read and confirm it (a query or three, only for a code
    that is not for everyone)."""
    if code.audience == Code.Audience.EVERYONE:
        return True
    chosen = list(AudienceUnit.objects.filter(code=code).values_list("unit_id", flat=True))
    if not chosen:
        return True
    unit = Person.objects.filter(user=user).values_list("unit_id", flat=True).first()
    if unit is None:
        return False
    tree = UnitTree.load()
    return any(unit in tree.subtree_ids(pk) for pk in chosen)

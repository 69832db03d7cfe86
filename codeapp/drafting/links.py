"""Links into the working draft at one item: where an editor lands after working on it.

The item kernel (core) knows no draft page; codeapp names `draft_url` to it as the landing
page at start-up (codeapp.apps, through core.pages.set_landing_page).
"""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse

from values.models import Value


def draft_url(item: models.Model | None = None) -> str:
    """The working draft at `item`, in its core value; without an item, the draft's top.

    One value of the draft is shown with the item's anchor, and `at` names the item so the
    draft page puts the confirmation beside it, where the browser scrolls, rather than at
    the top of a long page. An item of a retired value is found among the retired items.
    """
    url = reverse("codeapp:draft")
    if item is None:
        return url
    value = item
    while value.parent_field:
        value = value.parent
    if not isinstance(value, Value):  # the code's title and preamble, atop the whole draft
        where = {}
    elif value.retired:
        where = {"retired": "on"}
    else:
        where = {"value": value.key}
    return f"{url}?{urlencode({**where, 'at': item.key})}#{type(item)._meta.model_name}-{item.key}"

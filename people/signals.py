"""Signals of the people app, for the layers above it (people names none of them).

`people_joined` is sent with `user_ids` after accounts arrived in bulk (a SCIM bulk request,
a CSV import) where no post_save of each Person is sent: the code's onboarding campaign
(codeapp/campaigns) listens, as it does to each Person saved.
"""

from django.dispatch import Signal

people_joined = Signal()  # sender, user_ids: list[int]

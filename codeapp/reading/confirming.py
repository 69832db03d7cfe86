"""Confirming: a reader records having read a version (the write behind the confirm button).

On the day a version is published thousands confirm within the hour, so the write is one
statement: an INSERT that does nothing when the reader confirmed the version already (the
unique constraint on version and user decides, also between two requests at the same
moment), and that returns the new row. Only a second confirmation reads the first one.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router
from django.db.models.signals import post_save
from django.utils import timezone

from codeapp.models import CodeVersion, Confirmation


def version_confirm(*, user: AbstractBaseUser, version: CodeVersion) -> Confirmation:
    """Record that `user` has read `version`; confirming twice keeps the first moment."""
    using = router.db_for_write(Confirmation)
    meta = Confirmation._meta
    column = {f.name: f.column for f in meta.concrete_fields}
    quote = connections[using].ops.quote_name
    moment = timezone.now()
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "
        f"({quote(column['version'])}, {quote(column['user'])}, {quote(column['confirmed_at'])}) "
        f"VALUES (%s, %s, %s) "
        f"ON CONFLICT ({quote(column['version'])}, {quote(column['user'])}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}"
    )
    field = meta.get_field("confirmed_at")
    with connections[using].cursor() as cursor:
        cursor.execute(
            sql,
            [
                version.pk,
                user.pk,
                field.get_db_prep_save(moment, connection=connections[using]),
            ],
        )
        row = cursor.fetchone()
    if row is None:  # confirmed before: the first moment stands
        return Confirmation.objects.using(using).get(version=version, user=user)
    confirmation = Confirmation(pk=row[0], version=version, user=user, confirmed_at=moment)
    confirmation._state.adding, confirmation._state.db = False, using
    # What a save would tell (the readers' facts of codeapp.caching listen): the same signal.
    post_save.send(
        sender=Confirmation,
        instance=confirmation,
        created=True,
        update_fields=None,
        raw=False,
        using=using,
    )
    return confirmation

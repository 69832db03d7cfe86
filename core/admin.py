"""The admin of what core holds: the key register, the mail outbox, and the base of every
revisioned row's admin."""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import CodeItem, ItemKey, OutgoingMail
from core.revision import lock, save_revision


class RevisionAdmin(SimpleHistoryAdmin):
    """The admin of a row people edit with a revision (items, the code profile): a save here
    counts the revision, so an editor with the row open is told about this change."""

    def save_model(self, request: HttpRequest, obj: models.Model, form, change: bool) -> None:
        # The admin's change view runs in a transaction, so the row lock holds until commit.
        # Validated by the admin's form already; who is recorded, with no reason given.
        stored = lock(type(obj), obj.pk) if change else None
        save_revision(obj, user=request.user, reason=None, stored=stored, clean=False)


class CodeItemAdmin(RevisionAdmin):
    """Administrators may correct items here, with history; editors use the working draft.

    Items are created in the working draft (which gives them their key) and never
    deleted, only retired, so the admin offers neither.
    """

    readonly_fields = ["key", "revision", "created_at", "updated_at"]
    list_filter = ["retired"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: CodeItem | None = None) -> bool:
        return False


@admin.register(ItemKey)
class ItemKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "code", "claimed_at"]
    list_filter = ["kind", "code"]
    search_fields = ["key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ItemKey | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ItemKey | None = None) -> bool:
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The record of mail: what was sent to whom and when, what waits, what failed and why.

    Read only: a record is never edited. Failed mail is sent again with
    `manage.py deliver_mail --retry-failed`.
    """

    list_display = [
        "created_at", "template", "address", "readers", "status", "attempts", "sent_at",
    ]  # fmt: skip
    list_filter = ["status", "template"]
    search_fields = ["key", "address", "bcc", "subject"]
    date_hierarchy = "created_at"
    list_select_related = False
    fields = [
        "key", "template", "address", "bcc", "subject", "body", "message_id", "status",
        "attempts", "next_attempt_at", "last_error", "created_at", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("readers"))
    def readers(self, obj: OutgoingMail) -> int:
        return len(obj.recipients())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutgoingMail | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutgoingMail | None = None) -> bool:
        return False

"""The code in the Django admin: published versions and confirmations to look at, never to edit.

A published version is sealed and immutable (the model, its queryset and a database
trigger refuse changes), so the admin offers it read-only; versions are made by
publishing the working draft, confirmations by employees on the reading pages.
"""

from django.contrib import admin
from django.http import HttpRequest

from codeapp.models import CodeProfile, CodeVersion, Confirmation, EstablishmentEntry
from core.admin import RevisionAdmin


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: no add, change or delete, whoever asks."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(CodeVersion)
class CodeVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "effective_from", "established_by", "published_at", "sha256"]
    search_fields = ["established_by", "change_summary", "sha256"]
    date_hierarchy = "effective_from"
    fields = [
        "number", "effective_from", "published_at", "published_by", "established_by",
        "change_summary", "sha256", "previous_sha256", "document",
    ]  # fmt: skip


@admin.register(Confirmation)
class ConfirmationAdmin(ReadOnlyAdmin):
    list_display = ["version", "user", "confirmed_at"]
    list_filter = ["version"]
    list_select_related = ["version", "user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


@admin.register(CodeProfile)
class CodeProfileAdmin(RevisionAdmin):
    """Title, language and preamble of the working draft, with history; one row, never deleted."""

    list_display = ["title", "language", "revision", "updated_at"]
    readonly_fields = ["revision", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: CodeProfile | None = None) -> bool:
        return False


@admin.register(EstablishmentEntry)
class EstablishmentEntryAdmin(ReadOnlyAdmin):
    """The establishment log is append-only: added on the version's page, never edited."""

    list_display = ["version", "step", "recorded_at", "recorded_by", "sha256"]
    list_filter = ["step"]
    list_select_related = ["version", "recorded_by"]
    fields = [
        "version", "step", "fields", "recorded_by", "recorded_at", "previous_sha256", "sha256",
    ]  # fmt: skip

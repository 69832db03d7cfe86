"""The code in the Django admin: published versions and confirmations to look at, never to edit.

A published version is sealed and immutable (the model, its queryset and a database
trigger refuse changes), so the admin offers it read-only; versions are made by
publishing the working draft, confirmations by employees on the reading pages.
"""

from django.contrib import admin
from django.http import HttpRequest

from codeapp.codes.models import AudienceUnit
from codeapp.models import CodeProfile, CodeVersion, Confirmation, EstablishmentEntry
from core.admin import RevisionAdmin
from core.models import Code


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


class AudienceUnitInline(admin.TabularInline):
    """The units whose people (sub-units included) a code for council members, office holders
    or chosen units asks to confirm it (codeapp/codes/audience.py)."""

    model = AudienceUnit
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    """The organisation's codes: a new code is added here (or with `manage.py add_code`); its
    draft, versions and reflection are made in the product. A code is never deleted: its
    versions are sealed. Its short name is part of every address cited, so it stays."""

    list_display = ["name", "slug", "is_main", "public", "audience", "position"]
    list_editable = ["position"]
    filter_horizontal = ["keepers"]
    inlines = [AudienceUnitInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Code | None = None) -> list[str]:
        return ["slug", "is_main"] if obj is not None else ["is_main"]

    def has_delete_permission(self, request: HttpRequest, obj: Code | None = None) -> bool:
        return False

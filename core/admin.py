from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from core.models import CodeItem, ItemKey


class CodeItemAdmin(SimpleHistoryAdmin):
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

    def save_model(self, request: HttpRequest, obj: CodeItem, form, change: bool) -> None:
        # Count the revision so an editor with the item open is told about this change.
        # The admin's change view runs in a transaction, so the row lock holds until commit.
        stored = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        obj.revision = stored.revision + 1
        super().save_model(request, obj, form, change)


@admin.register(ItemKey)
class ItemKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "claimed_at"]
    list_filter = ["kind"]
    search_fields = ["key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ItemKey | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ItemKey | None = None) -> bool:
        return False

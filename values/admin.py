"""Core values in the Django admin: corrected with history, never added or deleted there."""

from django.contrib import admin

from core.admin import CodeItemAdmin
from values.models import Value


@admin.register(Value)
class ValueAdmin(CodeItemAdmin):
    list_display = ["name", "key", "position", "retired", "updated_at"]
    search_fields = ["name", "key", "description"]

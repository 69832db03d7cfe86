"""Norms and examples in the Django admin: corrected with history, never added or deleted there."""

from django.contrib import admin

from core.admin import CodeItemAdmin
from norms.models import Example, Norm


@admin.register(Norm)
class NormAdmin(CodeItemAdmin):
    list_display = ["title", "key", "value", "kind", "position", "retired", "updated_at"]
    list_filter = ["kind", "retired", "value"]
    list_select_related = ["value"]
    search_fields = ["title", "key", "text"]


@admin.register(Example)
class ExampleAdmin(CodeItemAdmin):
    list_display = ["title", "key", "norm", "position", "retired", "updated_at"]
    list_select_related = ["norm"]
    search_fields = ["title", "key", "situation", "guidance"]

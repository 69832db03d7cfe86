"""Units, people and the record of role changes in the Django admin."""

from django.contrib import admin

from people.models import Person, RoleChange, ScimGroup, TeamLead, Unit, UnitManager


class UnitManagerInline(admin.TabularInline):
    model = UnitManager
    extra = 0
    autocomplete_fields = ["user"]


class TeamLeadInline(admin.TabularInline):
    model = TeamLead
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "external_id"]
    search_fields = ["name", "external_id"]
    autocomplete_fields = ["parent"]
    inlines = [UnitManagerInline, TeamLeadInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "function", "joined_on", "source", "left_at"]
    list_filter = ["source"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "function"]
    autocomplete_fields = ["user", "unit"]


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "user", "role", "change", "source", "changed_by"]
    list_filter = ["source", "change"]
    search_fields = ["user__username", "role"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ScimGroup)
class ScimGroupAdmin(admin.ModelAdmin):
    """The identity provider's groups, to look at: the provider owns them (over SCIM), and
    the roles they give follow ROLE_MAP."""

    list_display = ["display_name", "external_id", "updated_at"]
    search_fields = ["display_name", "external_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

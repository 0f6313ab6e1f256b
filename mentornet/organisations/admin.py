from django.contrib import admin

from mentornet.organisations.models import Branch, Organisation, Programme, Target


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "city"]
    search_fields = ["name"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "organisation", "district", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name"]


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Target
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "branch", "is_active"]
    list_filter = ["branch__organisation", "is_active"]
    inlines = [TargetInline]

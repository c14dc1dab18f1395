from django.contrib import admin

from .models import Dataset, Keyword, Licence, Resource, ResourceVersion, Theme


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ["title", "kind", "format", "url", "position"]
    show_change_link = True


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "access_level", "status", "modified"]
    list_filter = ["status", "access_level", "security_classification", "contains_personal_data"]
    search_fields = ["title", "slug", "summary"]
    autocomplete_fields = ["publisher", "steward", "keywords"]
    filter_horizontal = ["themes"]
    readonly_fields = ["uuid", "created", "modified", "issued"]
    inlines = [ResourceInline]


class VersionInline(admin.TabularInline):
    model = ResourceVersion
    extra = 0
    readonly_fields = ["number", "filename", "size", "sha256", "uploaded_by", "created"]
    fields = readonly_fields
    can_delete = False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "dataset", "kind", "format"]
    search_fields = ["title", "dataset__title"]
    autocomplete_fields = ["dataset"]
    readonly_fields = ["current_version"]
    inlines = [VersionInline]


admin.site.register(Licence)
admin.site.register(Theme)


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    search_fields = ["name"]

from django.contrib import admin, messages

from .models import HarvestSource


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ["url", "kind", "publisher", "last_run", "last_status"]
    list_filter = ["kind", "last_status"]
    search_fields = ["url"]
    readonly_fields = ["created", "last_run", "last_status", "last_summary", "last_error"]
    actions = ["harvest_now"]

    @admin.action(description="Harvest the selected sources (in the background)")
    def harvest_now(self, request, queryset):
        from .tasks import harvest_source

        for source in queryset:
            harvest_source.enqueue(source.pk)
        self.message_user(request, f"Queued {queryset.count()} harvest(s).", messages.SUCCESS)

from django import forms
from django.contrib import admin, messages

from . import services
from .models import Grant, ServiceContact


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    """Grants made here go through the same service as the steward's page, so they are audited."""

    list_display = ["dataset", "user", "unit", "approved_by", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["dataset__title", "user__email", "unit__name", "purpose"]
    autocomplete_fields = ["dataset", "user", "unit"]
    fields = ["dataset", "user", "unit", "purpose", "expires_at"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None  # grants are made or revoked, never edited

    def save_model(self, request, obj, form, change):
        granted = services.grant_create(
            dataset=obj.dataset, approver=request.user, purpose=obj.purpose,
            expires=obj.expires_at, user=obj.user, unit=obj.unit, request=request,
        )  # fmt: skip
        obj.pk = granted.pk

    @admin.action(description="Revoke the selected grants")
    def revoke(self, request, queryset):
        for grant in queryset.active():
            services.grant_revoke(grant=grant, actor=request.user, request=request)
        messages.success(request, "Grants revoked")


class ServiceContactForm(forms.ModelForm):
    class Meta:
        model = ServiceContact
        fields = ["value", "description"]

    def clean_value(self) -> str:
        value = self.cleaned_data["value"].strip()
        services.service_contact_key(value, pk=self.instance.pk)
        return value


@admin.register(ServiceContact)
class ServiceContactAdmin(admin.ModelAdmin):
    """The council's service contacts (team mailboxes, switchboards) that the personal-data
    scan ignores (decision 0042). Saved and deleted through the services, so audited."""

    form = ServiceContactForm
    list_display = ["value", "kind", "description", "created"]
    list_filter = ["kind"]
    search_fields = ["value", "description"]

    def save_model(self, request, obj, form, change):
        services.service_contact_save(contact=obj, actor=request.user, request=request)

    def delete_model(self, request, obj):
        services.service_contact_delete(contact=obj, actor=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for contact in queryset:
            services.service_contact_delete(contact=contact, actor=request.user, request=request)

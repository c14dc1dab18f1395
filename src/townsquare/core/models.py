"""The audit log: an append-only record of who did what to which object, when and from where."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        EDIT = "edit", "Edited"
        PUBLISH = "publish", "Published"
        UNPUBLISH = "unpublish", "Unpublished"
        DELETE = "delete", "Deleted"
        UPLOAD = "upload", "Uploaded a file"
        GRANT = "grant", "Granted access"
        REVOKE = "revoke", "Revoked access"
        VIEW = "view", "Viewed"
        DOWNLOAD = "download", "Downloaded"
        SUBMIT = "submit", "Submitted for review"
        QUERY = "query", "Queried"
        REQUEST = "request", "Asked for access"
        SIGN_OFF = "sign_off", "Signed off access"
        REFUSE = "refuse", "Refused access"
        EXPIRE = "expire", "Access expired"
        OVERRIDE = "override", "Overrode the personal-data check"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No database constraint and no cascade: deleting a person must not change their history
    # (the table refuses updates); actor_email keeps who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or 'anonymous'} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The audit log is append-only: events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit log is append-only: events cannot be deleted")


class PeriodicRun(models.Model):
    """When a scheduled job that runs less often than the scheduler ticks last started
    (see core.schedule.due): one row per job."""

    name = models.CharField(max_length=100, unique=True)
    last_started = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} (last started {self.last_started or 'never'})"


class AccessEpoch(models.Model):
    """One row whose value goes up after every committed change to what decides access, so
    each process knows when its remembered answers are out of date (core.access_cache)."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"access epoch {self.value}"

"""People and the organisation they work in.

A user signs in by email. The organisation is a tree (organisation > directorate > service >
team) kept as a materialised path by django-treebeard, so "a unit and everything under it" is
one indexed prefix query. Roles say what a person may do and, for publishers and stewards,
where in the tree.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from treebeard.mp_tree import MP_Node


class OrgUnit(MP_Node):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        DIRECTORATE = "directorate", "Directorate"
        SERVICE = "service", "Service"
        TEAM = "team", "Team"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = "organisation unit"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:unit", kwargs={"slug": self.slug})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who can sign in. `is_superuser` is the administrator role."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    bio = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    skills = models.JSONField(default=list, blank=True, help_text="Topics to ask this person about")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_staff(self) -> bool:
        """Django's admin site lets in administrators only."""
        return self.is_superuser

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def get_absolute_url(self) -> str:
        return reverse("accounts:person", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A person's membership of a unit beyond their own team (a working group, a second post)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="memberships")
    role_title = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.unit}"


class Role(models.Model):
    class Kind(models.TextChoices):
        STAFF = "staff", "Member of staff"
        PUBLISHER = "publisher", "Publisher"
        STEWARD = "steward", "Data steward"
        CALDICOTT_GUARDIAN = "caldicott_guardian", "Caldicott Guardian"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
        help_text="For publishers and stewards: the unit (and everything under it). "
        "Blank means the whole organisation.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "unit"], name="unique_role"),
        ]

    def __str__(self) -> str:
        where = f" for {self.unit}" if self.unit_id else ""
        return f"{self.get_kind_display()}{where}"


class ApiToken(models.Model):
    """A personal key for the APIs. Only a SHA-256 digest of the secret is stored: the secret
    is shown once, when the token is made, and cannot be recovered (ADR 0019)."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read-write", "Read and write"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(
        max_length=12, help_text="The secret's first characters, to tell tokens apart"
    )
    digest = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.READ)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked is None and self.expires > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

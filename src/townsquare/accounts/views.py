from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.catalogue import selectors as catalogue
from townsquare.core import access
from townsquare.knowledge.selectors import expertise as knowledge

from . import expertise, selectors, services
from .forms import (
    ApiTokenForm,
    NewPasswordForm,
    ProfileForm,
    RegisterForm,
    ResetRequestForm,
    SignInForm,
)


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Residents create an account to ask for data; it works once they confirm their email."""
    if request.user.is_authenticated:
        return redirect("/")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user, send_link = services.resident_register(
            name=data["name"], email=data["email"], password=data["password"]
        )
        confirm_url = ""
        if send_link:
            token = services.registration_token(user)
            confirm_url = request.build_absolute_uri(
                reverse("accounts:register-confirm", kwargs={"token": token})
            )
        services.registration_email_send(
            user=user,
            confirm_url=confirm_url,
            sign_in_url=request.build_absolute_uri(reverse("accounts:sign-in")),
        )
        return redirect("accounts:register-sent")
    return render(request, "accounts/register.html", {"form": form})


def register_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_sent.html")


def register_confirm(request: HttpRequest, token: str) -> HttpResponse:
    user = services.registration_confirm(token=token)
    if user is None:
        return render(request, "accounts/register_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Your email address is confirmed and you are signed in")
    return redirect("/")


def organisation(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/organisation.html", {"units": selectors.unit_tree()})


def unit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    unit = selectors.unit_get(slug)
    if unit is None:
        raise Http404("No such part of the organisation")
    return render(
        request,
        "accounts/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": selectors.unit_children(unit),
            "people": selectors.people_in_unit(unit) if access.is_staff(request.user) else None,
            "datasets": catalogue.with_list_details(catalogue.unit_datasets(request.user, unit)),
        },
    )


def people_directory(request: HttpRequest) -> HttpResponse:
    """Staff find colleagues, and with `?q=` who knows about a topic, with the evidence."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.is_staff(request.user):
        raise Http404("No such page")
    q = request.GET.get("q", "").strip()[:200]
    context: dict = {"q": q}
    if q:
        context["experts"] = expertise.who_knows(request.user, q)
    else:
        context["page_obj"] = Paginator(selectors.staff_people(), 50).get_page(
            request.GET.get("page")
        )
    return render(request, "accounts/people.html", context)


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The people directory is for staff: residents see the organisation, not who works in it.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = selectors.person_get(slug)
    if person is None or not _may_see_person(request.user, person):
        raise Http404("No such person")
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "directorate": selectors.directorate_of(person.team),
            "stewarded": catalogue.datasets_linked_to_person(request.user, person),
            "publishes_for": [
                r.unit for r in person.roles.all() if r.kind == "publisher" and r.unit
            ],
            "accepted_by_tag": knowledge.accepted_answers_by_tag(request.user, person),
            "guides": knowledge.guides_owned(person),
            "communities": knowledge.communities_of(request.user, person),
        },
    )


def _may_see_person(viewer, person) -> bool:
    """Staff see colleagues' pages; anyone sees their own (a resident has no other). Residents
    are not in the directory, so staff do not see theirs."""
    if person.pk == viewer.pk:
        return True
    return access.is_staff(viewer) and access.is_staff(person)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """Everyone edits their own profile; team and roles are set by administrators."""
    user = request.user
    initial = {
        "job_title": user.job_title,
        "phone": user.phone,
        "bio": user.bio,
        "skills_text": ", ".join(user.skills),
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.profile_update(
            user=user,
            job_title=data["job_title"],
            bio=data["bio"],
            phone=data["phone"],
            skills=form.skill_list(),
        )
        messages.success(request, "Your profile has been saved")
        return redirect(user)
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """A person's own API tokens. A new token's secret is shown on this response only."""
    form = ApiTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created, secret = services.token_create(
            user=request.user,
            name=data["name"],
            scope=data["scope"],
            expires=timezone.now() + timedelta(days=int(data["expires_in"])),
            request=request,
        )
        form = ApiTokenForm()
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "created": created,
            "secret": secret,
            "tokens": selectors.tokens_of(request.user),
        },
    )
    response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = selectors.token_of(request.user, token_id)
    if token is None:
        raise Http404("No such token")
    services.token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, f"Token ‘{token.name}’ revoked. It no longer works.")
    return redirect("accounts:api-tokens")

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.catalogue import selectors as catalogue
from townsquare.core import access

from . import selectors, services
from .forms import ApiTokenForm, NewPasswordForm, ProfileForm, ResetRequestForm, SignInForm


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


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The people directory is for staff: residents see the organisation, not who works in it.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = selectors.person_get(slug) if access.is_staff(request.user) else None
    if person is None:
        raise Http404("No such person")
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "stewarded": catalogue.datasets_linked_to_person(request.user, person),
        },
    )


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

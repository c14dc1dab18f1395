from django.urls import path

from . import two_factor, views

app_name = "accounts"

urlpatterns = [
    path("accounts/sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("accounts/two-factor/", two_factor.two_factor, name="two-factor"),
    path("accounts/sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("accounts/password-reset/", views.ResetRequestView.as_view(), name="password-reset"),
    path(
        "accounts/password-reset/sent/", views.ResetSentView.as_view(), name="password-reset-sent"
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/complete/",
        views.ResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("register/", views.register, name="register"),
    path("register/sent/", views.register_sent, name="register-sent"),
    path("register/confirm/<str:token>/", views.register_confirm, name="register-confirm"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/<slug:slug>/", views.unit_detail, name="unit"),
    path("people/", views.people_directory, name="people"),
    path("people/me/edit/", views.profile_edit, name="profile-edit"),
    path("people/me/tokens/", views.api_tokens, name="api-tokens"),
    path(
        "people/me/tokens/<int:token_id>/revoke/",
        views.api_token_revoke,
        name="api-token-revoke",
    ),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]

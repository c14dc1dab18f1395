from django.urls import path

from townsquare.web import views

app_name = "web"

urlpatterns = [
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("cookies/", views.CookiesView.as_view(), name="cookies"),
    path("healthz", views.healthz, name="healthz"),
]

"""The GOV.UK layout, the static pages, error pages, health check and static assets."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.base import Message
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.template.loader import render_to_string
from django.test import Client
from factories import UserFactory

from townsquare.web import views
from townsquare.web.context_processors import navigation
from townsquare.web.middleware import govuk_assets_root

# Tests run without collectstatic, so WhiteNoise finds no STATIC_ROOT; that is expected here.
pytestmark = pytest.mark.filterwarnings("ignore:No directory at:UserWarning")

STATIC_PAGES = [
    ("/accessibility/", "Accessibility statement"),
    ("/privacy/", "Privacy notice"),
    ("/cookies/", "Cookies"),
]


def assert_layout(html: str) -> None:
    assert '<html lang="en" class="govuk-template">' in html
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper' in html and 'id="main-content"' in html
    for href in ("/accessibility/", "/privacy/", "/cookies/"):
        assert f'class="govuk-footer__link" href="{href}"' in html
    assert "Open Government Licence v3.0</a>, except where otherwise stated" in html
    assert "govuk-header__logotype" not in html  # a council site: no GOV.UK crown


def css_asset_urls() -> list[str]:
    css = Path(finders.find("govuk/govuk-frontend.min.css")).read_text()
    urls = sorted(set(re.findall(r"url\((/assets/[^)]+)\)", css)))
    assert urls, "GOV.UK Frontend's CSS should refer to /assets/"
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "title"), STATIC_PAGES)
def test_static_page_renders_in_the_layout(client, path, title):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert_layout(html)
    assert f"<title>{title} – {django_settings.SITE_NAME}</title>" in html
    assert html.count("<h1 ") == 1


@pytest.mark.django_db
def test_accessibility_statement_follows_the_model_statement(client):
    html = client.get("/accessibility/").content.decode()

    assert f"This website is run by {django_settings.SITE_NAME}." in html
    for heading in (
        "How accessible this website is",
        "What to do if you cannot access parts of this website",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website’s accessibility",
        "Compliance status",
        "Preparation of this accessibility statement",
    ):
        assert heading in html
    assert "partially compliant" in html
    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in html
    assert "Equality Advisory and Support Service" in html


@pytest.mark.django_db
def test_cookies_page_lists_the_essential_cookies_from_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 14 * 24 * 3600
    html = client.get("/cookies/").content.decode()

    assert "<code>sessionid</code>" in html
    assert "<code>csrftoken</code>" in html
    assert "2 weeks" in html
    assert "We do not use cookies to measure how you use the website" in html


@pytest.mark.django_db
def test_anonymous_visitors_are_offered_sign_in(client):
    html = client.get("/privacy/?x=1").content.decode()

    assert 'href="/accounts/sign-in/?next=/privacy/%3Fx%3D1"' in html
    assert "Sign out" not in html
    assert 'href="/admin/"' not in html


@pytest.mark.django_db
def test_signed_in_people_see_their_name_and_a_sign_out_form(client):
    user = UserFactory(name="Priya Patel", slug="priya-patel")
    client.force_login(user)

    html = client.get("/cookies/").content.decode()

    assert f'href="{user.get_absolute_url()}">Priya Patel</a>' in html
    assert re.search(r'<form[^>]*method="post" action="/accounts/sign-out/">', html)
    assert 'name="csrfmiddlewaretoken"' in html
    assert ">Sign in<" not in html
    assert 'href="/admin/"' not in html


@pytest.mark.django_db
def test_administrators_see_the_admin_link(client):
    client.force_login(UserFactory(is_superuser=True))

    assert 'href="/admin/">Admin</a>' in client.get("/cookies/").content.decode()


def test_navigation_marks_the_current_section():
    assert navigation("/datasets/") == [
        {"text": "Datasets", "href": "/datasets/", "current": "page"},
        {"text": "Data requests", "href": "/requests/", "current": ""},
        {"text": "Organisation", "href": "/organisation/", "current": ""},
        {"text": "Transparency", "href": "/transparency/", "current": ""},
    ]
    assert navigation("/organisation/finance/")[2]["current"] == "true"
    assert not any(item["current"] for item in navigation("/privacy/"))


def test_staff_see_the_knowledge_sections_and_others_do_not():
    public = [item["text"] for item in navigation("/")]
    staff = [item["text"] for item in navigation("/questions/1/x/", staff=True)]

    assert "Questions" not in public and "People" not in public
    assert staff[-4:] == ["Questions", "Guides", "Communities", "People"]
    assert navigation("/questions/1/x/", staff=True)[4]["current"] == "true"


@pytest.mark.django_db
def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert_layout(html)
    assert "<title>Page not found – " in html


@pytest.mark.django_db
def test_permission_denied_page(rf):
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()

    response = views.permission_denied(request, PermissionError())

    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_server_error_page_needs_no_database_or_request_context(rf):
    # No django_db mark: any database query would raise here.
    response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert_layout(html)
    assert "Sorry, there is a problem with the service" in html
    assert "Sign in" not in html


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_page_title_says_error_when_the_form_has_errors(rf):
    from django import forms

    class TitleForm(forms.Form):
        title = forms.CharField()

    template = Template('{% extends "base.html" %}{% block title %}Add a dataset{% endblock %}')
    request = rf.get("/")
    request.user = AnonymousUser()

    html = template.render(RequestContext(request, {"form": TitleForm(data={})}))

    assert f"<title>Error: Add a dataset – {django_settings.SITE_NAME}</title>" in html


# Static files


@pytest.mark.django_db
def test_govuk_assets_are_served_from_the_finders_without_collectstatic(client):
    assert govuk_assets_root() == Path(finders.find("govuk/assets/manifest.json")).parent

    for url in css_asset_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        b"".join(response.streaming_content)

    font = client.get("/assets/fonts/bold-b542beb274-v2.woff2")
    assert font["Content-Type"] == "font/woff2"
    assert "immutable" in font["Cache-Control"]


@pytest.mark.django_db
def test_govuk_assets_are_served_from_static_root_after_collectstatic(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new client builds its middleware with these settings

    assert govuk_assets_root() == settings.STATIC_ROOT / "govuk" / "assets"
    html = client.get("/cookies/").content.decode()
    css_url = re.search(r'href="(/static/govuk/govuk-frontend\.min\.[0-9a-f]+\.css)"', html)[1]
    css = b"".join(client.get(css_url).streaming_content).decode()
    urls = sorted(set(re.findall(r"url\((/assets/[^)]+)\)", css)))
    assert urls == css_asset_urls()  # the manifest storage leaves these paths alone
    for url in urls:
        assert client.get(url).status_code == 200, url
    for script in re.findall(r'<script[^>]* src="([^"]+)"', html):
        assert client.get(script).status_code == 200, script


# Shared includes and template tags


def render_tag(source: str, request) -> str:
    return Template("{% load govuk %}" + source).render(Context({"request": request}))


def test_query_with_keeps_the_other_parameters(rf):
    request = rf.get("/datasets/?q=road&page=1&theme=a&theme=b")

    html = render_tag("{% query_with page=3 %}", request)

    assert html == "?q=road&amp;page=3&amp;theme=a&amp;theme=b"


def test_query_with_none_removes_a_parameter(rf):
    html = render_tag('{% query_with sort="title" page=None %}', rf.get("/datasets/?page=4"))

    assert html == "?sort=title"


def test_aria_current_marks_links_to_this_page_and_its_section(rf):
    request = rf.get("/datasets/roads/")

    assert render_tag('{% aria_current "/datasets/roads/" %}', request) == ' aria-current="page"'
    assert render_tag('{% aria_current "/datasets/" %}', request) == ' aria-current="true"'
    assert render_tag('{% aria_current "/privacy/" %}', request) == ""


def test_pagination_links_keep_the_query(rf):
    page_obj = Paginator(range(200), 10).page(5)
    request = rf.get("/datasets/?q=bins&page=5")

    html = render_to_string("web/includes/pagination.html", {"page_obj": page_obj}, request=request)

    assert 'aria-label="Pagination"' in html
    assert 'href="?q=bins&amp;page=4" rel="prev"' in html
    assert 'href="?q=bins&amp;page=6" rel="next"' in html
    assert 'aria-label="Page 5" aria-current="page"' in html
    assert 'href="?q=bins&amp;page=20"' in html
    assert "govuk-pagination__item--ellipsis" in html


def test_pagination_is_empty_for_a_single_page(rf):
    page_obj = Paginator(range(5), 10).page(1)

    html = render_to_string(
        "web/includes/pagination.html", {"page_obj": page_obj}, request=rf.get("/")
    )

    assert html.strip() == ""


def test_error_summary_links_each_message_to_its_field():
    from django import forms

    class ThemeForm(forms.Form):
        title = forms.CharField(error_messages={"required": "Enter a title"})
        theme = forms.ChoiceField(
            choices=[("a", "A"), ("b", "B")],
            widget=forms.RadioSelect,
            error_messages={"required": "Select a theme"},
        )

        def clean(self):
            raise forms.ValidationError("These details do not match")

    html = render_to_string("web/includes/error_summary.html", {"form": ThemeForm(data={})})

    assert 'data-module="govuk-error-summary"' in html
    assert '<a href="#id_title">These details do not match</a>' in html
    assert '<a href="#id_title">Enter a title</a>' in html
    assert '<a href="#id_theme_1">Select a theme</a>' in html


def test_error_summary_links_reach_the_inputs_crispy_forms_gds_renders():
    from crispy_forms_gds.helper import FormHelper
    from django import forms

    class PublishForm(forms.Form):
        title = forms.CharField()
        theme = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
        tags = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        confirm = forms.BooleanField()

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper(self)

    form = PublishForm(data={})
    summary = render_to_string("web/includes/error_summary.html", {"form": form})
    rendered = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form})
    )

    targets = re.findall(r'<a href="#([^"]+)"', summary)
    assert len(targets) == 4
    for target in targets:
        assert f'id="{target}"' in rendered


def test_error_summary_is_empty_without_errors():
    assert render_to_string("web/includes/error_summary.html", {"form": None}).strip() == ""


def test_messages_are_notification_banners():
    messages = [
        Message(message_levels.SUCCESS, "Dataset published"),
        Message(message_levels.INFO, "Your request was sent"),
    ]

    html = render_to_string("web/includes/messages.html", {"messages": messages})

    assert 'govuk-notification-banner--success" role="alert"' in html
    assert 'role="region" aria-labelledby="govuk-notification-banner-title-2"' in html
    assert "Dataset published" in html and "Your request was sent" in html


def test_breadcrumbs_are_a_labelled_navigation():
    crumbs = [("Home", "/"), ("Datasets", "/datasets/")]

    html = render_to_string("web/includes/breadcrumbs.html", {"breadcrumbs": crumbs})

    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a class="govuk-breadcrumbs__link" href="/datasets/">Datasets</a>' in html

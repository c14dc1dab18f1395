"""Communities of practice. Every member of staff sees each community's name and purpose; an
open community's discussions, events, pins and members are for all staff, a private one's for
its members only (non-members get a "request to join" button)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.accounts import selectors as people
from townsquare.knowledge import calendar, limits, rules_content, visibility  # noqa: F401
from townsquare.knowledge.forms.common import parse_dataset_references
from townsquare.knowledge.forms.communities import (
    CommunityForm,
    DiscussionForm,
    EventForm,
    InviteForm,
    PinForm,
)
from townsquare.knowledge.models import Community
from townsquare.knowledge.selectors import communities as selectors
from townsquare.knowledge.services import communities as services

from .helpers import staff_required


def _community(request: HttpRequest, slug: str, *, content: bool = False) -> Community:
    """The community; 404 when `content` is needed and the person may not see it."""
    community = selectors.community_get(slug)
    if community is None:
        raise Http404("No such community")
    if content and not visibility.can_see_community_content(request.user, community):
        raise Http404("No such community")
    return community


@staff_required
def community_list(request: HttpRequest) -> HttpResponse:
    member_of = selectors.community_ids_of(request.user)
    return render(
        request,
        "knowledge/community_list.html",
        {"communities": selectors.community_list(), "member_of": member_of},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def community_new(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        community = services.community_create(
            creator=request.user, name=data["name"], purpose=data["purpose"],
            about=data["about"], visibility_=data["visibility"],
        )  # fmt: skip
        messages.success(request, "Your community has started. You are its moderator.")
        return redirect(community)
    return render(request, "knowledge/community_form.html", {"form": form})


@staff_required
def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    user = request.user
    inside = visibility.can_see_community_content(user, community)
    moderator = visibility.is_community_moderator(user, community)
    context = {
        "community": community,
        "inside": inside,
        "is_member": visibility.is_member(user, community),
        "is_moderator": moderator,
        "pending": selectors.join_request_of(community, user),
    }
    if inside:
        discussions = list(selectors.discussions(community)[:20])
        context.update(
            discussions=discussions,
            replies=selectors.discussion_replies_count(discussions),
            members=selectors.members(community),
            events=selectors.upcoming_events(community),
            past_events=selectors.past_events(community),
            pins=selectors.pins(community),
            may_post=visibility.can_post_in_community(user, community),
        )
    if moderator:
        context.update(
            join_requests=selectors.join_requests(community),
            pin_form=PinForm(action=reverse("knowledge:community-pin", args=[community.slug])),
            invite_form=InviteForm(
                action=reverse("knowledge:community-invite", args=[community.slug])
            ),
        )
    return render(request, "knowledge/community_detail.html", context)


@staff_required
@require_POST
def community_join(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    outcome = services.community_join(community=community, user=request.user)
    if outcome == "joined":
        messages.success(request, f"You have joined {community.name}")
    else:
        messages.success(request, "Your request to join has been sent to the moderators")
    return redirect(community)


@staff_required
@require_POST
def community_leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    services.community_leave(community=community, user=request.user)
    messages.success(request, f"You have left {community.name}")
    return redirect(community)


@staff_required
@require_POST
def join_request_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(request, slug)
    join_request = selectors.join_request_get(community, pk)
    if join_request is None:
        raise Http404("No such request")
    approve = request.POST.get("decision") == "approve"
    services.join_request_decide(join_request=join_request, moderator=request.user, approve=approve)
    messages.success(
        request, f"{join_request.user.name} {'has joined' if approve else 'was not let in'}"
    )
    return redirect(community)


@staff_required
@require_POST
def community_invite(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    if not visibility.is_community_moderator(request.user, community):
        raise PermissionDenied
    form = InviteForm(request.POST)
    invitee = None
    if form.is_valid():
        invitee = people.staff_people().filter(email__iexact=form.cleaned_data["email"]).first()
        if invitee is None:
            form.add_error("email", "We could not find anyone on staff with that email address")
    if invitee is None:
        return render(request, "knowledge/community_small_form.html",
                      {"form": form, "community": community, "heading": "Invite a colleague"},
                      status=400)  # fmt: skip
    services.community_invite(community=community, moderator=request.user, invitee=invitee)
    messages.success(request, f"{invitee.name} has been invited")
    return redirect(community)


@staff_required
@require_POST
def community_pin(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug)
    if not visibility.is_community_moderator(request.user, community):
        raise PermissionDenied
    form = PinForm(request.POST)
    target = {}
    if form.is_valid():
        target = _pin_target(request, form.cleaned_data["address"])
        if not target:
            form.add_error("address", "Enter the address of a guide, a dataset or a web page")
    if not target:
        return render(request, "knowledge/community_small_form.html",
                      {"form": form, "community": community, "heading": "Pin something"},
                      status=400)  # fmt: skip
    services.pin_add(community=community, actor=request.user, title=form.cleaned_data["title"],
                     **target)  # fmt: skip
    messages.success(request, "Pinned")
    return redirect(community)


def _pin_target(request: HttpRequest, address: str) -> dict:
    if "/guides/" in address:
        guide = selectors.guide_by_address(address)
        return {"guide": guide} if guide else {}
    if "/datasets/" in address:
        found, _unknown = parse_dataset_references(request.user, address)
        return {"dataset": found[0]} if found else {}
    if address.startswith("https://") or address.startswith("http://"):
        return {"url": address}
    return {}


@staff_required
@require_POST
def community_unpin(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = _community(request, slug)
    pin = selectors.pin_get(community, pk)
    if pin is None:
        raise Http404("No such pin")
    services.pin_remove(pin=pin, actor=request.user)
    messages.success(request, "Unpinned")
    return redirect(community)


@staff_required
@require_http_methods(["GET", "POST"])
def discussion_new(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug, content=True)
    if not visibility.can_post_in_community(request.user, community):
        raise PermissionDenied
    form = DiscussionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if refused := limits.check_can_post(request.user):
            form.add_error(None, refused)
        else:
            data = form.cleaned_data
            discussion = services.discussion_create(
                community=community, author=request.user, title=data["title"],
                body=data["body"], datasets=data.get("datasets", []),
            )  # fmt: skip
            return redirect(discussion)
    return render(request, "knowledge/discussion_form.html", {"form": form, "community": community})


@staff_required
def discussion_detail(request: HttpRequest, slug: str, pk: int, title: str) -> HttpResponse:
    community = _community(request, slug, content=True)
    discussion = selectors.discussion_get(community, pk)
    if discussion is None:
        raise Http404("No such discussion")
    return render(
        request,
        "knowledge/discussion_detail.html",
        {"community": community, "discussion": discussion},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(request, slug, content=True)
    if not visibility.can_post_in_community(request.user, community):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        event = services.event_create(
            community=community, actor=request.user, title=data["title"], starts=data["starts"],
            ends=data["ends"], location=data["location"], online_url=data["online_url"],
            description=data["description"],
        )  # fmt: skip
        messages.success(request, "The event has been added")
        return redirect(event)
    return render(request, "knowledge/event_form.html", {"form": form, "community": community})


def _event(request: HttpRequest, slug: str, pk: int):
    community = _community(request, slug, content=True)
    event = selectors.event_get(community, pk)
    if event is None:
        raise Http404("No such event")
    return community, event


@staff_required
def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community, event = _event(request, slug, pk)
    return render(request, "knowledge/event_detail.html", {"community": community, "event": event})


@staff_required
def event_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _community_obj, event = _event(request, slug, pk)
    body = calendar.event_ics(event, url=request.build_absolute_uri(event.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{event.community.slug}-{event.pk}.ics"'
    )
    return response

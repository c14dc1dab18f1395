"""Knowledge addresses. Helper A: /questions/, /moderation/, /code-of-conduct/, /reuses/,
comments, votes and reports; helper B: /guides/, /communities/, /requests/. Additive edits only."""

from django.urls import path

from .views import common as common_views
from .views import communities as community_views
from .views import guides as guide_views
from .views import moderation as moderation_views
from .views import questions as question_views
from .views import requests as request_views
from .views import reuses as reuse_views

app_name = "knowledge"

urlpatterns = [
    path("questions/", question_views.question_list, name="question-list"),
    path("questions/ask/", question_views.question_ask, name="question-ask"),
    path("questions/similar/", question_views.question_similar, name="question-similar"),
    path("questions/tagged/<slug:tag>/", question_views.question_list, name="question-tagged"),
    path(
        "questions/directorate/<slug:directorate>/",
        question_views.question_list,
        name="question-directorate",
    ),
    path(
        "questions/community/<slug:community>/",
        question_views.question_list,
        name="question-community",
    ),
    path("questions/<int:pk>/edit/", question_views.question_edit, name="question-edit"),
    path("questions/<int:pk>/answer/", question_views.answer_create, name="answer-create"),
    path(
        "questions/<int:pk>/duplicate/",
        question_views.question_duplicate,
        name="question-duplicate",
    ),
    path("questions/<int:pk>/history/", question_views.question_history, name="question-history"),
    path("questions/<int:pk>/<slug:slug>/", question_views.question_detail, name="question"),
    path("questions/answers/<int:pk>/edit/", question_views.answer_edit, name="answer-edit"),
    path("questions/answers/<int:pk>/accept/", question_views.answer_accept, name="answer-accept"),
    path(
        "questions/answers/<int:pk>/history/", question_views.answer_history, name="answer-history"
    ),
    path("comments/<str:label>/<int:pk>/", common_views.comment_add, name="comment-add"),
    path("votes/<str:label>/<int:pk>/", common_views.vote_toggle, name="vote"),
    path("report/<str:label>/<int:pk>/", common_views.report, name="report"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/hide/<str:label>/<int:pk>/", moderation_views.hide, name="hide"),
    path("moderation/restore/<str:label>/<int:pk>/", moderation_views.restore, name="restore"),
    path(
        "moderation/reports/<int:pk>/dismiss/",
        moderation_views.report_dismiss,
        name="report-dismiss",
    ),
    path("moderation/reuses/<int:pk>/", moderation_views.reuse_decide, name="reuse-decide"),
    path("code-of-conduct/", moderation_views.code_of_conduct, name="code-of-conduct"),
    path("datasets/<slug:slug>/reuses/new/", reuse_views.reuse_new, name="reuse-new"),
    path("requests/", request_views.request_list, name="request-list"),
    path("requests/new/", request_views.request_new, name="request-new"),
    path("requests/<int:pk>/status/", request_views.request_status, name="request-status"),
    path("requests/<int:pk>/assign/", request_views.request_assign, name="request-assign"),
    path("requests/<int:pk>/<slug:slug>/", request_views.request_detail, name="request"),
    path("guides/", guide_views.guide_list, name="guide-list"),
    path("guides/new/", guide_views.guide_new, name="guide-new"),
    path("guides/review/", guide_views.guide_review, name="guide-review"),
    path("guides/<slug:slug>/", guide_views.guide_detail, name="guide"),
    path("guides/<slug:slug>/edit/", guide_views.guide_edit, name="guide-edit"),
    path("guides/<slug:slug>/verify/", guide_views.guide_verify, name="guide-verify"),
    path("guides/<slug:slug>/history/", guide_views.guide_history, name="guide-history"),
    path("communities/", community_views.community_list, name="community-list"),
    path("communities/new/", community_views.community_new, name="community-new"),
    path("communities/<slug:slug>/", community_views.community_detail, name="community"),
    path("communities/<slug:slug>/join/", community_views.community_join, name="community-join"),
    path("communities/<slug:slug>/leave/", community_views.community_leave, name="community-leave"),
    path(
        "communities/<slug:slug>/requests/<int:pk>/",
        community_views.join_request_decide,
        name="community-join-decide",
    ),
    path(
        "communities/<slug:slug>/invite/",
        community_views.community_invite,
        name="community-invite",
    ),
    path("communities/<slug:slug>/pins/", community_views.community_pin, name="community-pin"),
    path(
        "communities/<slug:slug>/pins/<int:pk>/remove/",
        community_views.community_unpin,
        name="community-unpin",
    ),
    path(
        "communities/<slug:slug>/discussions/new/",
        community_views.discussion_new,
        name="discussion-new",
    ),
    path(
        "communities/<slug:slug>/discussions/<int:pk>/<slug:title>/",
        community_views.discussion_detail,
        name="discussion",
    ),
    path("communities/<slug:slug>/events/new/", community_views.event_new, name="event-new"),
    path("communities/<slug:slug>/events/<int:pk>/", community_views.event_detail, name="event"),
    path(
        "communities/<slug:slug>/events/<int:pk>/event.ics",
        community_views.event_ics,
        name="event-ics",
    ),
]

"""Knowledge addresses. Helper A: /questions/, /moderation/, /code-of-conduct/, /reuses/;
helper B: /guides/, /communities/, /requests/. Additive edits only."""

from django.urls import path

from .views import questions as question_views

app_name = "knowledge"

urlpatterns = [
    path("questions/", question_views.question_list, name="question-list"),
]

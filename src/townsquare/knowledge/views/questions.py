"""Question and answer pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def question_list(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/question_list.html", {})

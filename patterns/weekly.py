"""The weekly pattern view."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def weekly(request: HttpRequest) -> HttpResponse:
    return render(request, "patterns/weekly.html", {"nav": "patterns"})

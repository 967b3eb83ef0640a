from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

from journal.models import Person
from patterns import person


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Alive and able to reach the database, in one cheap query."""
    Person.objects.exists()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("portability.urls")),  # export and imports: accounts/export/, ...
    path("accounts/", include("accounts.urls")),
    path("patterns/", include("patterns.urls")),
    path("guidance/", include("guidance.urls")),
    # The person page reads patterns, charts and basics: patterns draws it, at journal's
    # place among the people pages (their list, edit and delete stay in journal).
    path("people/<int:pk>/", person.person_detail, name="journal-person"),
    path("", include("journal.urls")),
]
if settings.ADMIN:  # ALMOST_ADMIN=1
    urlpatterns.insert(0, path("admin/", admin.site.urls))

# A database outage answers 503 with Retry-After instead of 500 (see config/errors.py).
handler500 = "config.errors.server_error"

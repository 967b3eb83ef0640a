from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache

from journal.models import Person


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
    path("", include("journal.urls")),
]
if settings.ADMIN:  # ALMOST_ADMIN=1
    urlpatterns.insert(0, path("admin/", admin.site.urls))

# A database outage answers 503 with Retry-After instead of 500 (see config/errors.py).
handler500 = "config.errors.server_error"

"""The app's URLs with Django's admin mounted, as ALMOST_ADMIN=1 does, for the admin's tests
(`@pytest.mark.urls("tests.admin_urls")`)."""

from django.contrib import admin
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as app_urls

urlpatterns = [path("admin/", admin.site.urls), *app_urls]
__all__ = ["handler500", "urlpatterns"]

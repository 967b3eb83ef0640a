from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


@admin.register(User)
class AlmostUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, ("Almost", {"fields": ["time_zone", "week_start"]})]


def login_where_everyone_does(request, extra_context=None):
    """The admin's own login would skip the second step: it sends people to Almost's,
    which asks for it when one is set, and then back to the admin."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))


admin.site.login = login_where_everyone_does
# Their secrets are sealed (accounts.models.AuthenticatorApp): django-otp's own pages for
# them can't open the app's and would offer to store a secret unsealed.
for device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device):
        admin.site.unregister(device)

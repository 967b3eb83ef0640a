from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import User


@admin.register(User)
class AlmostUserAdmin(UserAdmin):
    fieldsets = [*UserAdmin.fieldsets, ("Almost", {"fields": ["time_zone", "week_start"]})]

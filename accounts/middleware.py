from django.utils import timezone


class UserTimezoneMiddleware:
    """Show and read every date in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.tz)
        else:
            timezone.deactivate()
        return self.get_response(request)

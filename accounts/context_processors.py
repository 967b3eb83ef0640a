from django.conf import settings


def site(request) -> dict:
    return {"allow_signup": settings.ALLOW_SIGNUP}

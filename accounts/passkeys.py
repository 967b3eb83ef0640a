"""Passkeys: django-otp-webauthn's helper, told which site it serves.

py_webauthn (under django-otp-webauthn) does every check of a passkey; this module only
says who the relying party is. Its id is the host the browser asked for, without the
port, and the origin a passkey must come from is that host with the request's scheme.
Django has already checked the host against ALLOWED_HOSTS, so a passkey made here works
only here.
"""

from django.http import HttpRequest
from django_otp_webauthn.helpers import WebAuthnHelper


def relying_party_id(request: HttpRequest) -> str:
    host = request.get_host()
    if host.startswith("["):  # [::1]:8000
        return host[1 : host.index("]")]
    return host.rsplit(":", 1)[0]


class Helper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]

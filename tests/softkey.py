"""A passkey in software, for tests and the bench that run without a browser.

It signs WebAuthn assertions the way an authenticator does (ES256 over the
authenticator data and the hash of the client data), so the server's real checks
(py_webauthn through django-otp-webauthn) run on them. Browser tests use Chromium's
virtual authenticator instead.
"""

import base64
import hashlib
import json
import os

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp_webauthn.models import WebAuthnCredential


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftKey:
    def __init__(self, user, name: str = "Soft key"):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.id = os.urandom(16)
        numbers = self.private.public_key().public_numbers()
        cose = {
            1: 2,
            3: -7,
            -1: 1,
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }
        self.credential = WebAuthnCredential.objects.create(
            user=user,
            name=name,
            credential_id=self.id,
            public_key=cbor2.dumps(cose),
            confirmed=True,
            discoverable=True,
        )

    def answer(
        self, options: dict, origin: str = "http://testserver", verified: bool = True
    ) -> dict:
        """The browser's answer to `options` from the begin view, as passkeys.js sends it."""
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": options["challenge"], "origin": origin}
        ).encode()
        rp_id = options["rpId"]
        flags = 0x01 | (0x04 if verified else 0)  # user present, user verified
        auth_data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + bytes(4)
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.private.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.id),
            "rawId": b64url(self.id),
            "type": "public-key",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": None,
            },
        }

import base64
import hashlib
import os
import secrets
import zoneinfo
from functools import cache, cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.crypto import NONCE_BYTES, SealError, data_key


@cache
def known_time_zones() -> frozenset[str]:
    """Every zone name this system knows; read from disk once per process."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(f"“{value}” is not a time zone we know.")


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called `name`, or UTC for a name this system doesn't know."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def zone_label(name: str) -> str:
    """A zone as people read it: "America/New York"."""
    return name.replace("_", " ")


class User(AbstractUser):
    """An account. Its time zone decides what "today" and "late at night" mean."""

    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    week_start = models.PositiveSmallIntegerField(
        default=0, choices=[(0, "Monday"), (6, "Sunday")], help_text="The day your weeks start."
    )

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zone(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        return zone_label(self.time_zone)


class DataKey(models.Model):
    """An account's own key for its sealed text, stored wrapped by the server's master key.

    Deleting the account deletes this row. Backups keep these rows only in their keyring
    (accounts.keyring), which the next backup writes without it: from then on the
    account's text can't be read, from backups taken before either. See accounts.crypto.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="data_key"
    )
    wrapped = models.CharField(max_length=128)
    master_key_id = models.CharField(max_length=32)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # rotate_master_key: the keys still wrapped by the old master key.
            models.Index(fields=["master_key_id"], name="datakey_master_key"),
        ]

    def __str__(self) -> str:
        return f"data key of account {self.user_id}"


# Two-step sign-in ---------------------------------------------------------------------
# The devices are django-otp's own models (passkeys are django-otp-webauthn's); the two
# proxies below change only how their secrets are kept. accounts.two_step uses them.

APP_KEY_PREFIX = "s1:"


def _app_key_aad(user_id: int) -> bytes:
    return f"otp_totp_totpdevice|key|{user_id}".encode()


class AuthenticatorApp(TOTPDevice):
    """An authenticator app (TOTP). Its shared secret is sealed with the account's data key,
    so a copied database holds no usable secret: `key` is "s1:" + base64(nonce + AES-GCM).

    Verifying, the time-step window, the replay guard (`last_t`) and the throttle are
    django-otp's TOTPDevice.
    """

    class Meta:
        proxy = True

    def __str__(self) -> str:
        return f"authenticator app of account {self.user_id}"

    @classmethod
    def start(cls, user: User) -> "AuthenticatorApp":
        """A new, unconfirmed app for `user` with a fresh random secret (not saved)."""
        raw = os.urandom(20)
        nonce = os.urandom(NONCE_BYTES)
        sealed = data_key(user.pk, create=True).encrypt(nonce, raw, _app_key_aad(user.pk))
        key = APP_KEY_PREFIX + base64.b64encode(nonce + sealed).decode()
        return cls(user=user, name="Authenticator app", confirmed=False, key=key)

    @property
    def bin_key(self) -> bytes:
        """The secret, opened. Queries: the account's key, once per request."""
        if not self.key.startswith(APP_KEY_PREFIX):
            raise SealError("An authenticator app's secret is stored unsealed.")
        blob = base64.b64decode(self.key[len(APP_KEY_PREFIX) :])
        nonce, sealed = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
        return data_key(self.user_id).decrypt(nonce, sealed, _app_key_aad(self.user_id))

    @property
    def secret_text(self) -> str:
        """The secret as people type it into an app: base32 in groups of four."""
        text = base64.b32encode(self.bin_key).decode()
        return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


# Recovery codes: 12 characters from 31 (no 0/o, 1/l/i), about 59 bits each.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_COUNT = 10


def normalise_code(text: str) -> str:
    return "".join(text.lower().split()).replace("-", "")


class RecoveryCodes(StaticDevice):
    """A set of single-use recovery codes, kept only as salted hashes.

    django-otp's StaticDevice stores its tokens as typed; here each StaticToken holds the
    first 16 base32 characters (80 bits) of SHA-256(salt + code) instead, with a random
    salt per set kept in `name`. Using a code deletes its row (StaticDevice.verify_token),
    so it works once.
    """

    class Meta:
        proxy = True

    def __str__(self) -> str:
        return f"recovery codes of account {self.user_id}"

    @staticmethod
    def new_code() -> str:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"

    def digest(self, code: str) -> str:
        hashed = hashlib.sha256(bytes.fromhex(self.name) + normalise_code(code).encode())
        return base64.b32encode(hashed.digest()).decode()[:16].lower()

    @classmethod
    def replace_for(cls, user: User) -> list[str]:
        """Delete the user's codes and make CODE_COUNT new ones; returns them, to show once."""
        cls.objects.filter(user=user).delete()
        device = cls.objects.create(user=user, name=secrets.token_hex(16), confirmed=True)
        codes = [cls.new_code() for _ in range(CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=device.digest(code)) for code in codes
        )
        return codes

    def verify_token(self, token: str) -> bool:
        return super().verify_token(self.digest(token))

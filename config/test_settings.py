"""Settings for the test suite: the real settings with a fast password hasher."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage needs collectstatic; tests serve files as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A fixed master key, so tests never read or make one in the data folder.
MASTER_KEY = "YWxtb3N0LXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE="
MASTER_KEY_FILE = ""

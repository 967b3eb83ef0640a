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
# The first request of each day purges old trash (journal.middleware): off here, so a
# test's query count doesn't depend on being the first request; tests/test_trash.py
# turns it on.
ALMOST_DAILY_PURGE = False

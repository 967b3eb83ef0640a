"""Settings for Almost. Everything that differs between installs comes from the environment.

The defaults suit the embedded quick start: SQLite and generated secrets in ./data/,
DEBUG off, served on localhost. See the README for every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from config.env import envbool, envint, envlist, envsecret, private_folder

# Whatever Almost writes (the SQLite database and its journal files, generated secrets,
# backups) is readable by its owner only, whatever umask the shell or container gave:
# files 0600, folders 0700. Every start of Almost loads these settings first.
os.umask(0o077)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ALMOST_DATA_DIR") or BASE_DIR / "data")
if DATA_DIR.is_dir():
    private_folder(DATA_DIR)

DEBUG = envbool("DJANGO_DEBUG", False)
SECRET_KEY = envsecret("DJANGO_SECRET_KEY", DATA_DIR, "secret_key", generate=True)
# The master key that wraps each account's key for its sealed text (accounts/crypto.py):
# base64 of 32 bytes, or a file holding it. With neither, one is made in KEY_DIR/master_key:
# a folder of its own, so that copying the data folder (database, backups) never takes
# the key along.
MASTER_KEY = os.environ.get("ALMOST_MASTER_KEY", "").strip()
MASTER_KEY_FILE = os.environ.get("ALMOST_MASTER_KEY_FILE", "").strip()
KEY_DIR = Path(os.environ.get("ALMOST_KEY_DIR") or BASE_DIR / "keys")
# Where `manage.py backup` writes, and the keyring of the accounts' keys beside them.
BACKUP_DIR = DATA_DIR / "backups"
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
ALLOW_SIGNUP = envbool("DJANGO_ALLOW_SIGNUP", True)
ALMOST_SIGNUPS_PER_HOUR = envint("ALMOST_SIGNUPS_PER_HOUR", 10)
# Imports (and Daylio previews) one account may start in an hour (portability.import_runs).
ALMOST_IMPORTS_PER_HOUR = envint("ALMOST_IMPORTS_PER_HOUR", 20)
HTTPS = envbool("DJANGO_HTTPS", False)
# The first request of each day deletes entries past the trash's days (journal.middleware).
ALMOST_DAILY_PURGE = True

# Django's admin at /admin/, for staff accounts. Off unless asked for: it lists every
# account's people and dates (never what they wrote: see the admin.py files).
ADMIN = envbool("ALMOST_ADMIN", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    # Two-step sign-in (accounts.two_step): authenticator apps and recovery codes come from
    # django-otp's plugins, passkeys from django-otp-webauthn (py_webauthn underneath).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "accounts",
    "journal",
    "patterns",
    "guidance",
    "portability",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything else, so error pages and static files get the headers too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.HtmxLoginRedirectMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "journal.middleware.DailyTrashPurgeMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "accounts.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL") or (f"sqlite:///{DATA_DIR / 'almost.sqlite3'}")
if DATABASE_URL.startswith("sqlite"):
    private_folder(DATA_DIR)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE avoids "database is locked" when two workers write at once.
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA busy_timeout=5000;",
    }
else:
    # A short connect timeout: during an outage a request fails fast with a 503
    # instead of hanging until gunicorn kills the worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journal-log"
LOGOUT_REDIRECT_URL = "login"
# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.MaximumLengthValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed names never change content, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Request bodies. A form body over 2.5 MB, or over 1,000 fields, is refused with a 400.
# Uploads (the imports in portability/imports.py) stay in memory, never in a temporary
# file on disk: up to 20 MB are kept, anything bigger is read past and dropped, and the
# import page says the file is too big.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 2
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024 + 64 * 1024

# Sessions and cookies. config.middleware.SessionTimeoutMiddleware ends a session after
# ALMOST_SESSION_IDLE seconds without a request, and ALMOST_SESSION_MAX_AGE after login
# whatever happens; the cookie lives as long as the longest of them.
ALMOST_SESSION_IDLE = envint("ALMOST_SESSION_IDLE", 60 * 60 * 24 * 14)
ALMOST_SESSION_MAX_AGE = envint("ALMOST_SESSION_MAX_AGE", 60 * 60 * 24 * 30)
SESSION_COOKIE_AGE = ALMOST_SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script needs the CSRF cookie: htmx sends the token the page carries (hx-headers).
CSRF_COOKIE_HTTPONLY = True

# Failed logins (django-axes), on the login page, the password check before exports
# and the password change alike. Counted three ways (accounts.lockout): a name from one
# address locks after 5 failures (so a stranger guessing your password locks only
# themselves), a name from any address after 20, and an address after 20 whatever the
# names. Each lock lifts by itself after 15 minutes without failures; a good login
# clears that name's count from that address.
AXES_FAILURE_LIMIT = 5
ALMOST_LOCKOUT_PER_NAME = 20
ALMOST_LOCKOUT_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
# In this order: accounts.lockout gives each group its limit by position.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"  # our page, status 429
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to the "almost.auth" log instead
# How many reverse proxies stand in front of the app (1 for the compose file's Caddy).
# Each one adds an address to X-Forwarded-For; config.middleware.client_ip trusts that
# many from the right and nothing a visitor could have written. 0 reads the socket's
# address only. (django-ipware counts proxies differently, so we read it ourselves.)
AXES_IPWARE_PROXY_COUNT = envint("AXES_IPWARE_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"

# Passkeys. The relying party is the host the browser asked for (one of ALLOWED_HOSTS), and
# the origin a passkey is checked against is that host with the request's scheme
# (accounts.passkeys.Helper), so no origin list is kept here; the check that wants one is
# silenced below for that reason.
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.Helper"
OTP_WEBAUTHN_RP_NAME = "Almost"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.passkeys.relying_party_id"
# Admin pages never show a device's key (the app's is sealed: accounts.models).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
# A wrong code makes the next try wait 1, 2, 4, 8... seconds (django-otp's own throttle),
# on top of the django-axes lockout that every failed second step counts towards.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
OTP_TOTP_ISSUER = "Almost"

# Headers. Django's own CSP middleware enforces this on every response.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    # 'unsafe-inline' for styles only, and only because plotly.js injects a <style>
    # element at run time. Scripts never get it.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The installable app (journal/offline.py): its manifest and its service worker.
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if HTTPS:
    # Whether a request came over https is gunicorn's to say (wsgi.url_scheme): it reads
    # X-Forwarded-Proto only from the proxies in FORWARDED_ALLOW_IPS (config/gunicorn.py).
    # No SECURE_PROXY_SSL_HEADER: Django would believe that header from anyone.
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Asking browsers' preload lists to force https for the whole domain, for years, is
    # the owner's choice to make: only when asked for.
    SECURE_HSTS_PRELOAD = envbool("ALMOST_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS += ["security.W021"]  # "not on the preload list": as chosen
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host != "*"]

# Logs go to standard output; they never carry what a person wrote.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Django hands the whole request to its error records; keep only method and path,
    # so a search term in a query string never reaches any handler.
    "filters": {
        "path_only": {"()": "config.errors.RequestPathOnly"},
        # A database error's message can quote entry text or names: never logged.
        "database_details": {"()": "config.errors.DatabaseErrorDetails"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["database_details"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "almost": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"filters": ["path_only", "database_details"]},
        "django.security.csrf": {"filters": ["path_only"]},
        "django.security.DisallowedHost": {"filters": ["path_only"]},
        # Debugging aids that print template contexts and SQL parameters (entry text):
        # never below INFO, even when someone turns the root logger up to DEBUG.
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}

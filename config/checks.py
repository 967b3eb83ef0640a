"""System checks that fail loudly when the Content Security Policy is missing or weakened.

Registered by accounts.apps.AccountsConfig.ready(); `manage.py check` and every test
run execute them.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
HEADERS_MIDDLEWARE = "config.middleware.PrivacyHeadersMiddleware"
# Directives that must be exactly 'none'.
MUST_BE_NONE = ["default-src", "object-src", "base-uri", "frame-ancestors"]
# Sources that let injected markup run script.
UNSAFE_SCRIPT_SOURCES = {
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "'wasm-unsafe-eval'",
    "data:",
    "blob:",
    "*",
    "http:",
    "https:",
}


def _sources(policy: dict, directive: str) -> list[str]:
    value = policy.get(directive)
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(source) for source in value]


@register(Tags.security)
def check_content_security_policy(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    middleware = list(settings.MIDDLEWARE)
    for name, id_ in [(CSP_MIDDLEWARE, "almost.E001"), (HEADERS_MIDDLEWARE, "almost.E002")]:
        if name not in middleware:
            errors.append(Error(f"{name} is not in MIDDLEWARE.", id=id_))
    if (
        CSP_MIDDLEWARE in middleware
        and "django.contrib.sessions.middleware.SessionMiddleware"
        in (middleware[: middleware.index(CSP_MIDDLEWARE)])
    ):
        errors.append(
            Error(
                "The CSP middleware must come before the session middleware, "
                "so pages that fail inside it still get the policy.",
                id="almost.E003",
            )
        )
    policy = getattr(settings, "SECURE_CSP", None) or {}
    if not policy:
        errors.append(Error("SECURE_CSP is empty: no Content Security Policy.", id="almost.E004"))
        return errors
    for directive in MUST_BE_NONE:
        if _sources(policy, directive) != ["'none'"]:
            errors.append(
                Error(
                    f"SECURE_CSP[{directive!r}] must be exactly 'none', "
                    f"not {_sources(policy, directive)}.",
                    id="almost.E005",
                )
            )
    script = _sources(policy, "script-src")
    unsafe = sorted(set(script) & UNSAFE_SCRIPT_SOURCES)
    if not script or unsafe:
        errors.append(
            Error(
                f"SECURE_CSP['script-src'] must list our own sources only, found {unsafe or 'none'}.",
                hint="Scripts come from our static files with the nonce; never inline or eval.",
                id="almost.E006",
            )
        )
    return errors

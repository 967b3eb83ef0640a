# syntax=docker/dockerfile:1
# Almost in a small production image: gunicorn serving the app, whitenoise serving the
# compressed static files, and nothing else. See docs/self-hosting.md.
#
#   docker compose build            (or: docker build -t almost .)

ARG PYTHON_IMAGE=python:3.12-slim-trixie

# uv, pinned, from its official image.
FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

# Build: the locked dependencies into /app/.venv, then the static files.
FROM ${PYTHON_IMAGE} AS build
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=python3.12 \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-project
COPY . .
# collectstatic only loads the settings. Both keys are throwaways for this one step, and
# the data folder it may write is removed: no secret reaches the image. The app gets its
# own keys from the environment or generates them into its data volume at first start.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret \
    ALMOST_MASTER_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    ALMOST_DATA_DIR=/tmp/build-data \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    /app/.venv/bin/python manage.py collectstatic --noinput --verbosity 0 \
    && rm -rf /tmp/build-data

# Run: the same slim base, the code and the venv, a user without privileges.
FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/app/.venv/bin:$PATH \
    ALMOST_DATA_DIR=/app/data \
    ALMOST_KEY_DIR=/app/keys \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    ALMOST_BIND=0.0.0.0:8000 \
    GUNICORN_CMD_ARGS=--no-control-socket
# (gunicorn's control socket would go into $HOME, which the app's user can't write.)
RUN groupadd --system --gid 10001 almost \
    && useradd --system --uid 10001 --gid almost --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin almost
WORKDIR /app
# The code stays owned by root, so the app cannot change it. Only the data folder (the
# SQLite file if you use it, the generated secret key, backups) and the keys folder (the
# generated master key, apart from the backups) are the app's to write.
COPY --from=build /app /app
RUN mkdir -p /app/data /app/keys \
    && chown almost:almost /app/data /app/keys \
    && chmod 0700 /app/data /app/keys
VOLUME ["/app/data", "/app/keys"]
# By number, so the user is known on any host (the data volume's files carry it too).
USER 10001:10001
EXPOSE 8000
# /healthz answers 200 when the app runs and reaches its database. The script sends a
# Host the app accepts and the proxy's https header, so it passes behind TLS too.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]

"""gunicorn settings shared by `manage.py serve`, docker-compose and the benchmark."""

import os

bind = os.environ.get("ALMOST_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("ALMOST_THREADS", "2"))
timeout = 30
graceful_timeout = 10
accesslog = "-"
# The path without its query string: searches are private text and stay out of logs.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

"""gunicorn's configuration for the PLI platform (`gunicorn -c deploy/gunicorn.conf.py pli.wsgi`).

Every value can be changed by the environment (the systemd unit's EnvironmentFile) without editing
this file. Sizing: 2 × cores + 1 processes of 4 threads each; the pages wait on the database more
than they compute, threads cover that (docs/performance.md has the figures behind it).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# An import page or a document may take a while; the proxy's timeout must be as long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with some jitter, so that they do not restart at
# once): a slow leak in a library cannot grow without end. Not fewer: a replaced worker answers its
# first requests cold (Django loads, its caches are empty), and at 5,000 a worker under a press
# article's load restarted every 15 s, which set the p99 of every page (docs/performance.md); the
# 10-minute soak (bench/load_test.py --soak 600, which turns this recycling off to compare the same
# processes) shows the workers' memory flat without it.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = 10_000
# The application is loaded in each worker after the fork (no database connection shared by forks).
preload_app = False
# Logs to standard output and error (journald keeps them); the access log has the request id the
# platform sends back, so the proxy's log, gunicorn's and the platform's meet.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
# The proxy connects from these addresses (gunicorn then believes its X-Forwarded-Proto); keep in step
# with PLI_TRUSTED_PROXIES.
forwarded_allow_ips = os.environ.get("PLI_TRUSTED_PROXIES", "127.0.0.1,::1")
proc_name = "pli"

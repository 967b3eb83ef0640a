"""Requests sent at the same moment, for the race tests (PostgreSQL: see their skipif)."""

import threading

from django.db import close_old_connections, connection
from django.test import Client


def at_once(user, count: int, send) -> list:
    """`send(client)` in `count` threads released together, each with its own logged-in
    client and database connection. What each returned, or the error it raised."""
    start, results = threading.Barrier(count, timeout=60), []

    def run():
        try:
            client = Client()
            client.force_login(user)
            start.wait()
            results.append(send(client))
        except Exception as error:  # said in the caller's assertion, not lost in a thread
            results.append(repr(error))
            start.abort()
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results

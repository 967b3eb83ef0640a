"""``manage.py classify --jsonl FILE``: the classifier over JSON Lines, for scripts and checks."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import batched
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from patterns.classifier import Facts, classify, explain, learned

_BATCH = 500  # lines classified (and written) at a time
_WINDOW = 16  # batches in flight across the worker processes
_SCALARS = (str, int, float, bool, type(None))


class Command(BaseCommand):
    help = (
        "Classify journal entries read as JSON Lines. Each input line is an object "
        '{"id": ..., "text": "...", "occurred_at": "...", "facts": {...}} (occurred_at and '
        "facts optional); each output line is "
        '{"id": ..., "labels": [...], "scores": {...}, "reasons": {...}}, in input order. '
        "Blank lines are skipped. A malformed line is reported on standard error as "
        '"line N: ..." and the other lines are still answered. Exit status: 0 if every line '
        "was classified, 1 if any line was bad or the file could not be read."
    )

    # A pure function over text: the project's system checks have nothing to add here,
    # and skipping them keeps start-up short for scripted use.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jsonl",
            required=True,
            metavar="FILE",
            help='JSON Lines file to classify; "-" reads standard input.',
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help='Add "explain" to each line: per sign, the words the learned model weighs '
            "most in that entry, with their weights.",
        )

    def handle(self, *args: Any, jsonl: str, explain: bool = False, **options: Any) -> None:
        learned.shared()  # loaded once, before any worker process is forked
        answer = partial(_answer_batch, explain=explain)
        lines = (
            (n, line) for n, line in _numbered_lines(jsonl, options.get("stdin")) if line.strip()
        )
        bad = 0
        for results in _in_parallel(answer, batched(lines, _BATCH)):
            out = []
            for number, result, error in results:
                if error is None:
                    out.append(result)
                else:
                    bad += 1
                    self.stderr.write(f"line {number}: {error}")
            if out:
                self.stdout.write("\n".join(out))
        if bad:
            raise CommandError(f"{bad} line(s) could not be classified", returncode=1)


def _answer_batch(batch, explain: bool = False) -> list[tuple[int, str, str | None]]:
    """(line number, output line, None) or (line number, "", the error) for each line."""
    results = []
    for number, line in batch:
        try:
            results.append((number, classify_line(line, explain), None))
        except ValueError as exc:
            results.append((number, "", str(exc)))
    return results


def _in_parallel(work, batches: Iterable) -> Iterator:
    """work(batch) for each batch, in order: on every core once there is a second batch,
    with at most _WINDOW batches read ahead, so memory stays bounded on a long input."""
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    cores = min(len(os.sched_getaffinity(0)), 8)
    if second is None or cores < 2:
        yield work(first)
        if second is not None:
            yield from map(work, batches)
        return
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pending = [pool.apply_async(work, (b,)) for b in (first, second)]
        for batch in batches:
            pending.append(pool.apply_async(work, (batch,)))
            if len(pending) >= _WINDOW:
                yield pending.pop(0).get()
        for result in pending:
            yield result.get()


def classify_line(line: str | bytes, explaining: bool = False) -> str:
    """One input line in, one output line out; ValueError with a clear message if bad."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-8") from None
    line = line.removeprefix("\ufeff")  # a byte order mark, as some editors save files
    try:
        entry = json.loads(line, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("not read: nested too deeply") from None
    if not isinstance(entry, dict):
        raise ValueError("expected a JSON object")
    entry_id, text = entry.get("id"), entry.get("text")
    if not isinstance(entry_id, _SCALARS):
        raise ValueError('"id" must be a string, number, true/false or null')
    if isinstance(entry_id, float) and not math.isfinite(entry_id):
        raise ValueError('"id" is too big a number to write back (it reads as infinity)')
    if not isinstance(text, str):
        raise ValueError('"text" is missing or not a string')
    facts = Facts.from_dict(entry.get("facts"), occurred_at=entry.get("occurred_at"))
    verdicts = classify(text, facts)
    result = {
        "id": entry_id,
        "labels": sorted(slug for slug, v in verdicts.items() if v.label),
        "scores": {slug: v.score for slug, v in verdicts.items()},
        "reasons": {slug: list(v.reasons) for slug, v in verdicts.items() if v.label},
    }
    if explaining:
        result["explain"] = {
            slug: [list(w) for w in ws] for slug, ws in explain(text, facts).items()
        }
    answer = json.dumps(result, ensure_ascii=False, allow_nan=False)
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:  # "\ud800" in the input: valid JSON, but no valid text
        raise ValueError("has a broken character (a lone surrogate)") from None
    return answer


def _not_json(name: str) -> None:
    """Python's json reads NaN and Infinity; JSON has no such numbers."""
    raise ValueError(f"not valid JSON ({name} is not a JSON number)")


def _numbered_lines(path: str, stdin: IO[Any] | None) -> Iterator[tuple[int, str | bytes]]:
    """Lines of the file (or of standard input for "-"), numbered from 1.

    Lines stay bytes where possible, so one badly encoded line is reported on its own.
    """
    if path == "-":
        stream = stdin or sys.stdin
        yield from enumerate(_without_newlines(getattr(stream, "buffer", stream)), 1)
        return
    try:
        with open(path, "rb") as fh:
            yield from enumerate(_without_newlines(fh), 1)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=1) from None


def _without_newlines(lines: Iterable[str | bytes]) -> Iterator[str | bytes]:
    for line in lines:
        yield line.rstrip(b"\r\n" if isinstance(line, bytes) else "\r\n")

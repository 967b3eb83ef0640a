"""``manage.py classify --jsonl FILE``: the classifier over JSON Lines, for scripts and checks."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from patterns.classifier import Facts, classify

_BATCH = 1000  # output lines written at a time
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

    def handle(self, *args: Any, jsonl: str, **options: Any) -> None:
        bad = 0
        batch: list[str] = []
        for number, line in _numbered_lines(jsonl, options.get("stdin")):
            if not line.strip():
                continue
            try:
                batch.append(classify_line(line))
            except ValueError as exc:
                bad += 1
                self.stderr.write(f"line {number}: {exc}")
                continue
            if len(batch) >= _BATCH:
                self.stdout.write("\n".join(batch))
                batch.clear()
        if batch:
            self.stdout.write("\n".join(batch))
        if bad:
            raise CommandError(f"{bad} line(s) could not be classified", returncode=1)


def classify_line(line: str | bytes) -> str:
    """One input line in, one output line out; ValueError with a clear message if bad."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-8") from None
    line = line.removeprefix("\ufeff")  # a byte order mark, as some editors save files
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(entry, dict):
        raise ValueError("expected a JSON object")
    entry_id, text = entry.get("id"), entry.get("text")
    if not isinstance(entry_id, _SCALARS):
        raise ValueError('"id" must be a string, number, true/false or null')
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
    return json.dumps(result, ensure_ascii=False)


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

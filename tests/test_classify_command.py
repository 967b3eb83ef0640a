"""``manage.py classify --jsonl FILE``: the contract in TAXONOMY.md, through the command."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from patterns.classifier.categories import SLUGS

REPO = Path(__file__).resolve().parent.parent

GOOD = [
    {
        "id": "a",
        "text": "Seen 3:12pm. Still nothing, and she's been active on the app all evening.",
        "occurred_at": "2026-04-04T15:12",
        "facts": {"channel": "dating_app", "reply": "seen_no_reply", "reply_delay_hours": 26},
    },
    {"id": 2, "text": "asked tom where he was. 'omw, 5 min.' showed up in four."},
    {
        "id": None,
        "text": "1:10am: 'u up?' silent all day, again. Third week of 'crazy busy' too.",
        "occurred_at": "2026-05-02T01:10:00+02:00",
    },
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "entries.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(path: Path) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("classify", jsonl=str(path), stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_it_answers_every_line_in_order(tmp_path):
    results, err = _run(_write(tmp_path, [json.dumps(row) for row in GOOD]))
    assert err == ""
    assert [r["id"] for r in results] == ["a", 2, None]  # ids echoed as given


def test_each_answer_follows_the_contract(tmp_path):
    results, _ = _run(_write(tmp_path, [json.dumps(row) for row in GOOD]))
    for result in results:
        assert set(result) == {"id", "labels", "scores", "reasons"}
        assert result["labels"] == sorted(result["labels"])
        assert list(result["scores"]) == list(SLUGS)
        assert all(0 <= score <= 1 for score in result["scores"].values())
        assert set(result["reasons"]) == set(result["labels"])
        assert all(result["reasons"][slug] for slug in result["labels"])
    first, second, third = results
    assert first["labels"] == ["left_on_read"]
    assert any("26 h" in reason for reason in first["reasons"]["left_on_read"])
    assert second["labels"] == []
    assert third["labels"] == ["busy_excuses", "late_night_only"]  # sorted


def test_a_bad_line_is_reported_by_number_and_the_rest_answered(tmp_path):
    lines = [
        json.dumps(GOOD[0]),
        "",  # blank lines are skipped silently
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "x", "text": "hi", "facts": {"reply": "maybe"}}),
        json.dumps({"id": "y", "text": "hi", "occurred_at": "last Tuesday"}),
        json.dumps({"id": "z", "text": 42}),
        json.dumps(GOOD[1]),
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("classify", jsonl=str(_write(tmp_path, lines)), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", 2]
    errors = err.getvalue().splitlines()
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert "not valid JSON" in errors[0]
    assert '"text"' in errors[1]
    assert "reply must be one of" in errors[2]
    assert "occurred_at" in errors[3]


def _in_a_process(lines: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """The command in a process of its own, the lines on its standard input."""
    return subprocess.run(
        [sys.executable, "manage.py", "classify", "--jsonl", "-"],
        cwd=REPO,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "ALMOST_DATA_DIR": str(tmp_path)},
        timeout=120,
        check=False,
    )


def test_a_byte_order_mark_is_not_an_error(tmp_path):
    path = tmp_path / "entries.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD[1]).encode() + b"\r\n")
    results, err = _run(path)
    assert err == ""
    assert [r["id"] for r in results] == [2]


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("classify", jsonl=str(tmp_path / "nope.jsonl"), stdout=io.StringIO())


def test_the_shared_sample_runs_cleanly():
    sample = REPO.parent / "shared" / "classify-sample.jsonl"
    if not sample.exists():
        pytest.skip("shared sample not present")
    results, err = _run(sample)
    assert err == ""
    assert len(results) == len(sample.read_text(encoding="utf-8").splitlines())


def test_it_reads_standard_input_in_a_real_process(tmp_path):
    lines = [json.dumps(GOOD[0]), "oops", json.dumps(GOOD[1])]
    done = _in_a_process(lines, tmp_path)
    assert done.returncode == 1
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", 2]
    assert answers[0]["labels"] == ["left_on_read"]
    assert done.stderr.startswith("line 2: not valid JSON")


def _strict(line: str) -> dict:
    """JSON as every other reader takes it: no NaN or Infinity."""
    return json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in the output"))


def test_odd_lines_are_reported_and_every_good_line_still_comes_out_as_json(tmp_path):
    lines = [
        "[" * 100_000 + "]" * 100_000,  # deep enough to exhaust Python's recursion
        json.dumps(GOOD[1]),
        '{"id": 1e400, "text": "hi"}',
        '{"id": NaN, "text": "hi"}',
        '{"id": "b", "text": "hi", "facts": {"reply_delay_hours": Infinity}}',
        '{"id": "c", "text": "hi", "facts": {"reply_delay_hours": 1' + "0" * 400 + "}}",
        '{"id": "d\\ud800", "text": "hi"}',
        '{"id": "e", "text": "left \\udfff on read"}',  # answered: no reason quotes it
        json.dumps(GOOD[0]),
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("classify", jsonl=str(_write(tmp_path, lines)), stdout=out, stderr=err)
    assert [_strict(line)["id"] for line in out.getvalue().splitlines()] == [2, "e", "a"]
    errors = err.getvalue().splitlines()
    assert [e.split(":")[0] for e in errors] == [f"line {n}" for n in (1, 3, 4, 5, 6, 7)]
    assert "nested too deeply" in errors[0]
    assert '"id" is too big a number' in errors[1]
    assert "NaN is not a JSON number" in errors[2]
    assert "Infinity is not a JSON number" in errors[3]
    assert "reply_delay_hours must be a number" in errors[4]
    assert "lone surrogate" in errors[5]


def test_a_broken_character_loses_no_other_line_in_a_real_process(tmp_path):
    lines = [json.dumps(GOOD[1]), '{"id": "x\\ud800", "text": "hi"}', json.dumps(GOOD[0])]
    done = _in_a_process(lines, tmp_path)
    assert done.returncode == 1
    assert [_strict(line)["id"] for line in done.stdout.splitlines()] == [2, "a"]
    assert done.stderr.startswith("line 2: has a broken character")

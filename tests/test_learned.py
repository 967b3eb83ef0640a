"""The learned layer over the rules: its scores on the blind sets, its reasons, and what
each account teaches it with its corrections (sealed, exported, forgotten, deleted)."""

import json
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from journal.models import EntryCategory, Interaction, Source, Tuning
from patterns.classifier import Facts, by_rules, classify, learned, read_entry
from patterns.management.commands.train_classifier import (
    SPLITS,
    given,
    load,
    rules_only,
    score,
)
from tests.test_categorisation import log, stored
from tests.test_export_import import export_json, page_text, reauth
from tests.test_export_import import upload as send

MODEL = learned.shared()
pytestmark = pytest.mark.skipif(MODEL is None, reason="no weights file")

# Missed by the rules (no phrase of theirs is in it), found by the model: a training
# entry (corpus/w1), so a retrained model should keep finding it.
MISSED = "talked for hours last night. today he texts like a customer service bot."


# The blind sets ------------------------------------------------------------------------


def blind_rows():
    splits = json.loads(SPLITS.read_text())
    return [row for files in splits["blind"].values() for row in load(files)]


def test_the_blind_sets_score_as_the_report_says():
    """Never trained or tuned on: a drop here means a change hurt unseen entries."""
    rows = blind_rows()
    both, rules = score(rows, given(MODEL, rows)), score(rows, rules_only(rows))
    assert both.macro >= 0.85, both.f1()
    assert both.macro > rules.macro + 0.1
    assert both.false_alarms <= 0.05


def test_training_is_reproducible():
    """The committed weights are what the command makes from the committed corpus."""
    meta = json.loads(str(np.load(learned.WEIGHTS)["meta"]))
    splits = json.loads(SPLITS.read_text())
    assert meta["trained_on"] == len(load(splits["train"]))


# Reasons --------------------------------------------------------------------------------


def test_a_sign_only_the_model_finds_says_which_words_weighed_most():
    rules_alone = by_rules(read_entry(MISSED, Facts()), None)["hot_and_cold"]
    verdict = classify(MISSED, Facts())["hot_and_cold"]
    assert verdict.label and verdict.score >= 0.5
    assert not rules_alone.label and not rules_alone.reasons
    (reason,) = verdict.reasons
    assert reason.startswith("its wording weighed most (“")
    for word in reason[reason.index("(") + 1 : -1].split(", "):
        assert word.strip("“”") in MISSED.lower()


def test_a_page_shows_the_words_and_the_table_keeps_none(alice_client):
    entry = log(alice_client, MISSED)
    row = EntryCategory.objects.get(interaction=entry, category="hot_and_cold")
    assert row.reasons == ["its wording weighed most"]
    page = alice_client.get(reverse("journal-log")).content.decode()
    assert "its wording weighed most (“" in page


def test_explain_lists_the_weighed_words_per_sign(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 1, "text": MISSED}) + "\n")
    out = StringIO()
    call_command("classify", jsonl=str(path), explain=True, stdout=out)
    line = json.loads(out.getvalue())
    assert set(line["explain"]) == set(line["scores"])
    words = [word for word, weight in line["explain"]["hot_and_cold"]]
    assert words and all(w in MISSED.lower() for w in words)


def test_a_long_input_keeps_its_order_and_names_its_bad_lines(tmp_path):
    """Past one batch the lines are classified on every core; the answer is the same."""
    lines = [json.dumps({"id": i, "text": f"note {i}: {MISSED}"}) for i in range(1, 1301)]
    lines[1099] = "{not json"
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"1 line\(s\)"):
        call_command("classify", jsonl=str(path), stdout=out, stderr=err)
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert ids == [i for i in range(1, 1301) if i != 1100]
    assert err.getvalue().startswith("line 1100: not valid JSON")


# An account's own words ---------------------------------------------------------------


def correct(client, entry, slug, present):
    url = reverse("patterns-correct", args=[entry.pk])
    return client.post(url, {"category": slug, "present": "1" if present else "0"})


def test_a_correction_teaches_the_account_and_only_it(alice_client, alice, bob_client):
    first = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    assert "joked_off" not in stored(first) or pytest.skip("already found")
    correct(alice_client, first, "joked_off", True)
    tuning = Tuning.objects.get(user=alice)
    assert tuning.corrections == 1
    again = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a dog falling off a sofa.",
    )
    assert "joked_off" in stored(again)
    row = EntryCategory.objects.get(interaction=again, category="joked_off")
    assert row.source == Source.AUTO
    theirs = log(
        bob_client,
        "Told Priya my landlord is evicting us. She sent back a video of a dog falling off a sofa.",
    )
    assert "joked_off" not in stored(theirs)


def test_a_removed_sign_is_learned_too(alice_client, alice):
    text = "He posts on his story all day but my message from Monday still sits there, blue ticks"
    first = log(alice_client, text)
    assert "left_on_read" in stored(first)
    correct(alice_client, first, "left_on_read", False)
    again = log(alice_client, text.replace("Monday", "Tuesday"))
    assert "left_on_read" not in stored(again)


def test_what_is_learned_is_sealed(alice_client, alice):
    entry = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    correct(alice_client, entry, "joked_off", True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT weights FROM patterns_tuning")
        (raw,) = cursor.fetchone()
    assert raw and "rows" not in raw and "corrections" not in raw
    assert learned.Tuning.from_json(Tuning.objects.get(user=alice).weights).corrections == 1


def test_the_learning_page_and_its_panel_tell_caches_they_differ_by_htmx(alice_client):
    panel = alice_client.get(reverse("patterns-learning"), headers={"HX-Request": "true"})
    page = alice_client.get(reverse("patterns-learning"))
    assert "<html" not in panel.content.decode()
    assert "<html" in page.content.decode()
    assert "HX-Request" in panel["Vary"]
    assert "HX-Request" in page["Vary"]


def test_the_account_page_says_how_much_was_learned_and_forgets_it(alice_client, alice):
    settings_page = alice_client.get(reverse("accounts-settings")).content.decode()
    assert reverse("patterns-learning") in settings_page
    assert (
        "hasn't learned from any" in alice_client.get(reverse("patterns-learning")).content.decode()
    )
    entry = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    correct(alice_client, entry, "joked_off", True)
    correct(alice_client, entry, "one_word_replies", True)
    panel = alice_client.get(reverse("patterns-learning"), headers={"HX-Request": "true"})
    assert "learned from 2 of your corrections" in panel.content.decode()
    assert "<html" not in panel.content.decode()
    response = alice_client.post(reverse("patterns-learning-forget"))
    assert response.status_code == 302
    assert not Tuning.objects.filter(user=alice).exists()
    assert "joked_off" in stored(entry)  # the person's own call on the entry stays


def test_forgetting_needs_a_post_and_a_login(alice_client):
    assert alice_client.get(reverse("patterns-learning-forget")).status_code == 405
    assert Client().post(reverse("patterns-learning-forget")).status_code == 302


def test_export_carries_it_and_import_brings_it_back(alice_client, alice):
    entry = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    correct(alice_client, entry, "joked_off", True)
    exported = export(alice_client)
    assert exported["learned"]["corrections"] == 1
    carol = User.objects.create_user("carol", password="a third long secret")
    client = Client()
    client.force_login(carol)
    upload(client, exported)
    moved = Tuning.objects.get(user=carol)
    assert moved.corrections == 1
    assert learned.Tuning.from_json(moved.weights).rows


def test_an_import_with_bad_learned_weights_says_so_and_stores_nothing(alice_client, alice):
    exported = export(alice_client)
    exported["learned"] = {"corrections": 3, "weights": {"rows": "nonsense"}}
    carol = User.objects.create_user("carol", password="a third long secret")
    client = Client()
    client.force_login(carol)
    page = upload(client, exported, expect_ok=False)
    assert "What Almost learned from your corrections" in page
    assert not Interaction.objects.filter(user=carol).exists()


def test_deleting_the_account_deletes_what_it_taught(alice_client, alice):
    entry = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    correct(alice_client, entry, "joked_off", True)
    alice.delete()
    assert not Tuning.objects.exists()


def test_reclassify_keeps_corrections_and_uses_what_was_learned(alice_client, alice):
    entry = log(
        alice_client,
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa.",
    )
    correct(alice_client, entry, "joked_off", True)
    correct(alice_client, entry, "hot_and_cold", False)
    twin = Interaction.objects.create(
        user=alice,
        person=entry.person,
        occurred_at=entry.occurred_at,
        channel="text",
        feeling=0,
        text="Told Priya my landlord is evicting us. She sent back a video of a goat falling off a sofa.",
    )
    call_command("reclassify", stdout=StringIO(), stderr=StringIO())
    assert "joked_off" in stored(entry) and "joked_off" in stored(twin)
    assert EntryCategory.objects.get(interaction=entry, category="joked_off").source == "person"
    removed = EntryCategory.objects.get(interaction=entry, category="hot_and_cold")
    assert removed.source == "person" and not removed.active


# Helpers --------------------------------------------------------------------------------


def export(client) -> dict:
    reauth(client)
    return export_json(client)


def upload(client, document: dict, expect_ok: bool = True) -> str:
    reauth(client, "a third long secret")
    response = send(client, json.dumps(document).encode())
    if expect_ok:
        assert response.status_code == 302, page_text(response)
    return page_text(response)


def test_a_quote_inside_a_quote_keeps_every_word_out_of_the_table():
    from journal.signs import without_quotes

    stored = without_quotes(["its wording weighed most (“” kaleidoscope”, “ghosted”)"])
    assert stored == ["its wording weighed most"]


def test_the_words_named_are_never_quote_marks():
    text = "He said “see you” ” kaleidoscope ” and then nothing for days, stories all night"
    for slug in ("left_on_read", "hot_and_cold", "avoided_plans"):
        for word, _weight in learned.weighed(MODEL, read_entry(text, Facts()).low, slug, top=5):
            assert not set(word) & set("“”\"'"), word


def test_the_live_hint_uses_what_the_account_taught(alice_client, alice):
    text = (
        "Told Priya my landlord is evicting us. She sent back a video of a cat falling off a sofa."
    )
    entry = log(alice_client, text)
    hint = {
        "new_person": "Sam",
        "occurred_at": "2026-03-04T14:00",
        "channel": "text",
        "feeling": "0",
    }
    before = alice_client.post(reverse("patterns-hint"), {**hint, "text": text}).content.decode()
    assert "Joked off" not in before
    correct(alice_client, entry, "joked_off", True)
    after = alice_client.post(reverse("patterns-hint"), {**hint, "text": text}).content.decode()
    assert "Joked off" in after


def test_an_adjustment_past_the_size_cap_is_refused():
    rows = {str(i): [0.1] * len(learned.SLUGS) for i in range(learned.MAX_ROWS + 1)}
    text = json.dumps({"corrections": 1, "bias": [0.0] * len(learned.SLUGS), "rows": rows})
    with pytest.raises(ValueError, match="rows"):
        learned.Tuning.from_json(text)


@pytest.mark.parametrize("delay", [-1, float("nan")])
def test_odd_typed_facts_and_broken_characters_are_weighed_without_error(delay):
    """The live hint passes on whatever was typed; a lone surrogate can reach the text."""
    classify("left \udfff on read", Facts())
    odd = Facts()
    object.__setattr__(odd, "reply_delay_hours", delay)
    assert set(classify("seen and no reply", odd)) == set(learned.SLUGS)

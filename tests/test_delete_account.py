"""Deleting an account leaves no row of it in any table, and nothing of anyone else goes."""

import html
from collections import defaultdict

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import ForeignKey, OneToOneField
from django.db.models.signals import pre_delete
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from journal.models import Basic, Decision, Interaction, Line, Person
from journal.signs import label_entry, record_correction

PASSWORD = "correct horse battery"


def owned_rows(user) -> dict:
    """Every row in every table that belongs to `user`, directly or through other rows.

    Walks the foreign keys of every model Django knows (many-to-many tables included)
    until no new row turns up, so a model added later is covered without a change here.
    """
    models = apps.get_models(include_auto_created=True)
    owned = defaultdict(set)
    owned[User].add(user.pk)
    grew = True
    while grew:
        grew = False
        for model in models:
            for field in model._meta.get_fields():
                if not isinstance(field, ForeignKey | OneToOneField):
                    continue
                targets = owned.get(field.related_model)
                if not targets:
                    continue
                found = set(
                    model._default_manager.filter(**{f"{field.name}__in": targets}).values_list(
                        "pk", flat=True
                    )
                )
                if not found <= owned[model]:
                    owned[model] |= found
                    grew = True
    return owned


def sessions_of(user) -> list[str]:
    return [
        s.session_key
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def axes_rows(username: str) -> int:
    return sum(
        apps.get_model("axes", name).objects.filter(username=username).count()
        for name in ("AccessAttempt", "AccessFailureLog", "AccessLog")
    )


def fill(user, name: str) -> None:
    person = Person.objects.create(user=user, name=name, notes="private notes")
    for text in ("Busy again, maybe next week.", "He left me on read all day."):
        entry = Interaction.objects.create(user=user, person=person, feeling=-1, text=text)
        label_entry(entry)
    record_correction(entry, "joked_off", True)
    record_correction(entry, "left_on_read", False)
    entry.deleted = timezone.now()
    entry.save(update_fields=["deleted"])
    Basic.objects.create(user=user, line=Line.OWN_WORDS, words="Someone who shows up")
    Decision.objects.create(user=user, person=person, choice="step_back", note="enough")
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=name,
        action_flag=ADDITION,
    )


@pytest.fixture
def two_journals(alice, bob):
    fill(alice, "Sam")
    fill(bob, "Riley")
    other_device = Client()
    other_device.force_login(alice)
    # A failed login leaves a django-axes row under her name.
    Client().post(reverse("login"), {"username": "alice", "password": "not it at all"})
    return other_device


def test_deleting_an_account_leaves_no_row_of_it_in_any_table(client, alice, bob, two_journals):
    client.force_login(alice)
    before = owned_rows(alice)
    bobs = {model: len(pks) for model, pks in owned_rows(bob).items()}
    assert len(before[Interaction]) == 2 and len(before[LogEntry]) == 1
    assert len(before[Basic]) == 1 and len(before[Decision]) == 1
    if apps.is_installed("accounts") and "datakey" in apps.all_models["accounts"]:
        assert len(before[apps.get_model("accounts", "DataKey")]) == 1  # Her key for sealed text.
    assert len(sessions_of(alice)) == 2 and axes_rows("alice") >= 1

    response = client.post(reverse("accounts-delete"), {"password": PASSWORD, "username": "alice"})

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    left = {
        model._meta.label: model._default_manager.filter(pk__in=pks).count()
        for model, pks in before.items()
    }
    assert set(left.values()) == {0}, left
    assert len(left) >= 5  # user, person, interactions, categories, admin log at least
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, ForeignKey | OneToOneField) and field.related_model is User:
                assert not model._default_manager.filter(**{field.name: alice.pk}).exists()
    assert sessions_of(alice) == []
    assert axes_rows("alice") == 0
    assert {model: len(pks) for model, pks in owned_rows(bob).items()} == bobs
    # Both of her browsers are logged out.
    assert client.get("/")["Location"].startswith(reverse("login"))
    assert two_journals.get("/")["Location"].startswith(reverse("login"))
    page = client.get(reverse("login")).content.decode()
    assert "Your account and everything in it are gone" in page


@pytest.mark.parametrize(
    ("password", "username", "message"),
    [
        ("wrong password!", "alice", "That isn't your password"),
        (PASSWORD, "alicia", "That isn't your username"),
        (PASSWORD, "", "This field is required"),
    ],
)
def test_it_deletes_nothing_without_the_password_and_the_name(
    alice_client, alice, two_journals, password, username, message
):
    before = {model: len(pks) for model, pks in owned_rows(alice).items()}
    response = alice_client.post(
        reverse("accounts-delete"), {"password": password, "username": username}
    )
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert {model: len(pks) for model, pks in owned_rows(alice).items()} == before
    assert alice_client.get("/").status_code == 200


def test_a_failure_halfway_deletes_nothing(alice_client, alice, two_journals):
    before = {model: len(pks) for model, pks in owned_rows(alice).items()}

    def fail(**kwargs):
        raise RuntimeError("the disk is full")

    pre_delete.connect(fail, sender=Interaction, dispatch_uid="test_fail")
    alice_client.raise_request_exception = False
    try:
        response = alice_client.post(
            reverse("accounts-delete"), {"password": PASSWORD, "username": "alice"}
        )
    finally:
        pre_delete.disconnect(dispatch_uid="test_fail", sender=Interaction)
    assert response.status_code == 500
    assert {model: len(pks) for model, pks in owned_rows(alice).items()} == before
    assert len(sessions_of(alice)) == 2


def test_the_page_says_what_will_go(alice_client, two_journals):
    page = alice_client.get(reverse("accounts-delete")).content.decode()
    assert "1 person and 2 entries" in page
    assert 'autocomplete="current-password"' in page


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.post(reverse("accounts-delete"), {"password": "x", "username": "alice"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

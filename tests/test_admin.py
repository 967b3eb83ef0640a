"""Django's admin: not mounted unless ALMOST_ADMIN=1, and never showing what people wrote."""

import runpy

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.models import User
from config import urls as config_urls
from journal.models import EntryCategory, Interaction, Person

MARKERS = ["entry-words-5c1e", "notes-words-5c1e", "reason-words-5c1e"]


@pytest.fixture
def staff(db) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="a staff password"))
    return client


@pytest.fixture
def written(alice) -> Interaction:
    person = Person.objects.create(user=alice, name="Sam", notes=MARKERS[1])
    entry = Interaction.objects.create(user=alice, person=person, text=MARKERS[0], feeling=-1)
    EntryCategory.objects.create(interaction=entry, category="busy_excuses", reasons=[MARKERS[2]])
    return entry


def test_the_admin_is_not_mounted_by_default(staff):
    assert staff.get("/admin/").status_code == 404
    assert staff.get("/admin/journal/interaction/").status_code == 404


def test_almost_admin_mounts_it(settings):
    settings.ADMIN = True
    urls = runpy.run_path(config_urls.__file__)["urlpatterns"]
    assert "admin/" in [str(pattern.pattern) for pattern in urls]


@pytest.mark.urls("tests.admin_urls")
def test_no_page_of_the_mounted_admin_shows_what_people_wrote(staff, written):
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        for pk in model.objects.values_list("pk", flat=True):
            pages += [
                reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[pk])
                for view in ("change", "history", "delete")
            ]
    assert len(pages) > 10
    for page in pages:
        response = staff.get(page)
        assert response.status_code == 200, page
        body = response.content.decode()
        assert not [marker for marker in MARKERS if marker in body], page


@pytest.mark.urls("tests.admin_urls")
def test_saving_in_the_admin_keeps_what_people_wrote(staff, written):
    page = reverse("admin:journal_person_change", args=[written.person.pk])
    form = {"user": written.user.pk, "name": "Sam B", "relationship": "other", "_save": "Save"}
    assert staff.post(page, form).status_code == 302
    person = Person.objects.get(pk=written.person.pk)
    assert (person.name, person.notes) == ("Sam B", MARKERS[1])


@pytest.mark.urls("tests.admin_urls")
def test_the_admin_signs_in_through_the_second_step(db):
    from tests.test_two_step import with_app

    root = User.objects.create_superuser("root", password="a staff password")
    with_app(root)
    client = Client()
    login = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": "a staff password"}
    )
    assert login.status_code == 302
    assert login["Location"].startswith(reverse("login"))
    assert client.get(reverse("journal-log")).status_code == 302  # not signed in
    page = client.get("/admin/")
    assert page.status_code == 302 and page["Location"].startswith("/admin/login/")


@pytest.mark.urls("tests.admin_urls")
def test_the_admin_offers_no_page_for_sealed_secrets(staff):
    assert staff.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert staff.get("/admin/otp_static/staticdevice/").status_code == 404

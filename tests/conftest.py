"""The shared cast: alice owns things, bob is the outsider who must never see them."""

import pytest
from django.test import Client

from accounts.models import User
from journal.models import Person

# Every run happens on another day and hour, drawn from a seed: see tests/clock.py.
pytest_plugins = ["tests.clock"]


@pytest.fixture
def alice(db) -> User:
    return User.objects.create_user(
        "alice", password="correct horse battery", time_zone="Europe/London"
    )


@pytest.fixture
def bob(db) -> User:
    return User.objects.create_user(
        "bob", password="another long secret", time_zone="America/New_York"
    )


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob):
    """Bob's own browser: never the same client object as alice's."""
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def sam(alice) -> Person:
    return Person.objects.create(user=alice, name="Sam")

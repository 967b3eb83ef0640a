from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"

    def ready(self) -> None:
        # What journal does when the account changes (accounts sends the signals).
        from journal import signals  # noqa: F401

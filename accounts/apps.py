from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete

        from accounts import crypto

        request_started.connect(crypto.begin_request, dispatch_uid="almost_key_scope_begin")
        request_finished.connect(crypto.end_request, dispatch_uid="almost_key_scope_end")
        post_delete.connect(crypto.forget_key, sender=self.get_model("DataKey"))
        # A malformed or unreadable master key stops the server here, before any request.
        crypto.master_key()

        # The login log and session endings (signals), and the CSP system checks.
        from accounts import signals  # noqa: F401
        from config import checks  # noqa: F401

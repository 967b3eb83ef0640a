"""Everything that moves data in or out. The export and import pages keep the addresses
(and names) they had under accounts/, so bookmarks and old links still work."""

from django.urls import path

from portability import daylio_views, export, views

urlpatterns = [
    path("accounts/export/json/", export.export_json, name="accounts-export-json"),
    path("accounts/export/csv/", export.export_csv, name="accounts-export-csv"),
    path("accounts/import/", views.import_page, name="accounts-import"),
    path("accounts/import/daylio/", daylio_views.daylio_preview, name="accounts-import-daylio"),
    path(
        "accounts/import/daylio/confirm/",
        daylio_views.daylio_confirm,
        name="accounts-import-daylio-confirm",
    ),
    path("import/chat/", views.chat_upload, name="portability-chat"),
    path("import/chat/preview/", views.chat_preview, name="portability-chat-preview"),
    path("import/chat/confirm/", views.chat_confirm, name="portability-chat-confirm"),
]

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import data, daylio_views, export, imports, reauth, views
from accounts.forms import LoginForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="accounts-signup"),
    path("settings/", views.account_settings, name="accounts-settings"),
    path("export/json/", export.export_json, name="accounts-export-json"),
    path("export/csv/", export.export_csv, name="accounts-export-csv"),
    path("import/", imports.import_page, name="accounts-import"),
    path("import/daylio/", daylio_views.daylio_preview, name="accounts-import-daylio"),
    path(
        "import/daylio/confirm/", daylio_views.daylio_confirm, name="accounts-import-daylio-confirm"
    ),
    path("delete/", data.delete, name="accounts-delete"),
    path(
        "password/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("confirm/", reauth.confirm_password, name="accounts-reauth"),
]

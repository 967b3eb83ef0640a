from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import browsers, deletion, reauth, security, two_step, views

urlpatterns = [
    path("login/", two_step.PasswordStep.as_view(), name="login"),
    path("login/second-step/", two_step.second_step, name="accounts-second-step"),
    path("login/second-step/cancel/", two_step.cancel, name="accounts-second-step-cancel"),
    path("login/passkey/begin/", two_step.passkey_begin, name="accounts-passkey-login-begin"),
    path(
        "login/passkey/complete/",
        two_step.passkey_complete,
        name="accounts-passkey-login-complete",
    ),
    path("two-step/", security.two_step, name="accounts-two-step"),
    path("two-step/app/", security.app_setup, name="accounts-app-setup"),
    path("two-step/app/remove/", security.app_remove, name="accounts-app-remove"),
    path("two-step/codes/", security.codes_new, name="accounts-codes-new"),
    path("two-step/codes/remove/", security.codes_remove, name="accounts-codes-remove"),
    path(
        "two-step/passkeys/begin/",
        security.passkey_register_begin,
        name="accounts-passkey-register-begin",
    ),
    path(
        "two-step/passkeys/complete/",
        security.passkey_register_complete,
        name="accounts-passkey-register-complete",
    ),
    path(
        "two-step/passkeys/<int:pk>/remove/",
        security.passkey_remove,
        name="accounts-passkey-remove",
    ),
    path("browsers/", browsers.browsers, name="accounts-browsers"),
    path("browsers/sign-out-others/", browsers.sign_out_others, name="accounts-sign-out-others"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="accounts-signup"),
    path("settings/", views.account_settings, name="accounts-settings"),
    path("delete/", deletion.delete, name="accounts-delete"),
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

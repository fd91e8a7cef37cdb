"""The access matrix, continued: allauth's pages (sign-in, two-factor), the Django admin and
the demo's outbox. Read with table.py."""

from __future__ import annotations

from tests.security.matrix.groups import (
    EVERYONE,
    NOBODY,
    PLATFORM_ADMIN,
    SIGNED_IN,
    TWO_FACTOR_USERS,
    Row,
)

ACCOUNTS_AND_ADMIN: dict[str, Row] = {
    # allauth: sign-in, sign-up, password and phone pages.
    "account_login": Row(get=EVERYONE, post=EVERYONE),
    "account_logout": Row(get=EVERYONE, post=EVERYONE),
    "account_inactive": Row(get=EVERYONE, post=NOBODY),
    "account_signup": Row(get=EVERYONE, post=EVERYONE),
    "account_reauthenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_email": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_email_verification_sent": Row(get=EVERYONE, post=NOBODY),
    "account_change_password": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_set_password": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_reset_password": Row(get=EVERYONE, post=EVERYONE),
    "account_confirm_login_code": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_confirm_email": Row(get=EVERYONE, post=NOBODY, kwargs=lambda w: {"key": "bad-key"}),
    "account_verify_phone": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_change_phone": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_reset_password_from_key_done": Row(get=EVERYONE, post=NOBODY),
    "account_reset_password_from_key": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"uidb36": "1", "key": "set-password"}
    ),
    "account_reset_password_done": Row(get=EVERYONE, post=NOBODY),
    "account_request_login_code": Row(get=EVERYONE, post=EVERYONE),
    # Two-factor: TOTP set-up and codes (staff all have TOTP; donors none).
    "mfa_index": Row(get=SIGNED_IN, post=NOBODY),
    "mfa_authenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_reauthenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_activate_totp": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_deactivate_totp": Row(get=TWO_FACTOR_USERS, post=TWO_FACTOR_USERS),
    "mfa_view_recovery_codes": Row(get=NOBODY, post=NOBODY),
    "mfa_generate_recovery_codes": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_download_recovery_codes": Row(get=NOBODY, post=NOBODY),
    # The Django admin: the platform's superuser only (who has passed two-factor); TOTP
    # authenticators and task results cannot be added or deleted there by anyone.
    "admin:index": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:login": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:logout": Row(get=EVERYONE - {"platform_admin"}, post=EVERYONE),
    "admin:password_change": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:password_change_done": Row(get=PLATFORM_ADMIN, post=NOBODY),
    "admin:autocomplete": Row(get=NOBODY, post=NOBODY),
    "admin:jsi18n": Row(get=PLATFORM_ADMIN, post=NOBODY),
    "admin:view_on_site": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"content_type_id": "1", "object_id": "0"}
    ),
    "admin:auth_group_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:auth_group_add": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:auth_group_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:auth_group_delete": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:auth_group_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/auth/group/<path:object_id>/": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, path=lambda w: "/django-admin/auth/group/0/"
    ),
    "admin:django_tasks_database_dbtaskresult_changelist": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN
    ),
    "admin:django_tasks_database_dbtaskresult_add": Row(get=NOBODY, post=NOBODY),
    "admin:django_tasks_database_dbtaskresult_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:django_tasks_database_dbtaskresult_delete": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:django_tasks_database_dbtaskresult_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/django_tasks_database/dbtaskresult/<path:object_id>/": Row(
        get=PLATFORM_ADMIN,
        post=PLATFORM_ADMIN,
        path=lambda w: "/django-admin/django_tasks_database/dbtaskresult/0/",
    ),
    "admin:account_emailaddress_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:account_emailaddress_add": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:account_emailaddress_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:account_emailaddress_delete": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:account_emailaddress_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/account/emailaddress/<path:object_id>/": Row(
        get=PLATFORM_ADMIN,
        post=PLATFORM_ADMIN,
        path=lambda w: "/django-admin/account/emailaddress/0/",
    ),
    "admin:mfa_authenticator_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:mfa_authenticator_add": Row(get=NOBODY, post=NOBODY),
    "admin:mfa_authenticator_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:mfa_authenticator_delete": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:mfa_authenticator_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/mfa/authenticator/<path:object_id>/": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, path=lambda w: "/django-admin/mfa/authenticator/0/"
    ),
    "admin:app_list": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"app_label": "auth"}
    ),
    "django-admin/(?P<url>.*)$": Row(
        get=NOBODY, post=NOBODY, path=lambda w: "/django-admin/nowhere/"
    ),
    # The demo's developer outbox (installed with the demo app only, never in production).
    "dev_outbox": Row(get=EVERYONE, post=EVERYONE, optional=True),
}

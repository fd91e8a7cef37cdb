"""Accounts: a custom user model, allauth for codes by email and SMS, TOTP for staff."""

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

ACCOUNT_ADAPTER = "joud.accounts.adapter.JoudAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["email", "phone*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 300
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
# Six digits, no dash: easy to type from an SMS on a phone keypad (Arabic-Indic digits accepted).
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_FORMS = {
    "request_login_code": "joud.accounts.forms.RequestLoginCodeForm",
    "confirm_login_code": "joud.accounts.forms.ConfirmLoginCodeForm",
    "verify_phone": "joud.accounts.forms.VerifyPhoneForm",
    # A taken email signs up like a new one (no "already in use"): no account enumeration.
    "signup": "joud.accounts.forms.SignupForm",
}
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# No "there is no account for this address" email: the platform would mail any address typed into
# the password-reset form (the SMS side: adapter.send_unknown_account_sms). The page is the same.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Loose per IP: Omani mobile carriers put many people behind one address (CGNAT).
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "5/m/ip,3/m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Joud"
# Staff sign up with a verified mobile; an unconfirmed optional email must not block TOTP setup.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# One 30-second step either way: phones' clocks drift, and a code read just before it changes
# (the demo outbox, an SMS-slow user) should still work. RFC 6238 recommends this.
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "joud.accounts.forms.AuthenticateForm",
    "reauthenticate": "joud.accounts.forms.ReauthenticateForm",
    "activate_totp": "joud.accounts.forms.ActivateTOTPForm",
}

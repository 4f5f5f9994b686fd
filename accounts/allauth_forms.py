"""allauth's own forms in KNOWvember's words; settings.ACCOUNT_FORMS points here.

A module of its own: allauth's forms import accounts.forms.SignupForm (ACCOUNT_SIGNUP_FORM_CLASS)
when they load, so accounts.forms must not import them.
NHS.UK style: sentence-case labels, no placeholder text, error messages that say what to do.
"""

from allauth.account import forms as allauth_forms

EMAIL_ADDRESS = {"label": "Email address", "required": "Enter your email address"}
PASSWORD = {"label": "Password", "help_text": "", "required": "Enter your password"}
NEW_PASSWORD = {
    "label": "Password",
    "help_text": "Use at least 8 characters. Do not use a common password or only numbers.",
    "required": "Create a password",
}
CONFIRM_PASSWORD = {"label": "Confirm password", "required": "Enter the password again"}
ALLAUTH_MISMATCH = "You must type the same password each time."


class KNOWvemberWording:
    """Relabel an allauth form's fields by name, and say a password mismatch plainly."""

    wording: dict[str, dict[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            words = self.wording.get(name, {})
            if "label" in words:
                field.label = words["label"]
            if "help_text" in words:
                field.help_text = words["help_text"]
            if "required" in words:
                field.error_messages["required"] = words["required"]

    def clean(self):
        cleaned_data = super().clean()
        if ALLAUTH_MISMATCH in self.errors.get("password2", []):
            self.errors["password2"] = self.error_class(["The passwords do not match"])
        return cleaned_data


class LoginForm(KNOWvemberWording, allauth_forms.LoginForm):
    # The page has its own "Forgotten your password?" link, so the field's help is dropped.
    wording = {
        "login": EMAIL_ADDRESS,
        "password": PASSWORD,
        "remember": {"label": "Keep me signed in on this device"},
    }


class AccountSignupForm(KNOWvemberWording, allauth_forms.SignupForm):
    wording = {"email": EMAIL_ADDRESS, "password1": NEW_PASSWORD, "password2": CONFIRM_PASSWORD}


class AddEmailForm(KNOWvemberWording, allauth_forms.AddEmailForm):
    wording = {"email": {"label": "Email address to add", "required": "Enter an email address"}}


class ChangePasswordForm(KNOWvemberWording, allauth_forms.ChangePasswordForm):
    wording = {
        "oldpassword": PASSWORD | {"label": "Current password"},
        "password1": NEW_PASSWORD | {"label": "New password", "required": "Enter a new password"},
        "password2": CONFIRM_PASSWORD | {"label": "Confirm new password"},
    }


class SetPasswordForm(KNOWvemberWording, allauth_forms.SetPasswordForm):
    wording = {"password1": NEW_PASSWORD, "password2": CONFIRM_PASSWORD}


class ResetPasswordForm(KNOWvemberWording, allauth_forms.ResetPasswordForm):
    wording = {"email": EMAIL_ADDRESS}


class ResetPasswordKeyForm(KNOWvemberWording, allauth_forms.ResetPasswordKeyForm):
    wording = {
        "password1": NEW_PASSWORD | {"label": "New password", "required": "Enter a new password"},
        "password2": CONFIRM_PASSWORD | {"label": "Confirm new password"},
    }


class RequestLoginCodeForm(KNOWvemberWording, allauth_forms.RequestLoginCodeForm):
    wording = {"email": EMAIL_ADDRESS}


class ConfirmLoginCodeForm(KNOWvemberWording, allauth_forms.ConfirmLoginCodeForm):
    wording = {
        "code": {
            "label": "Sign-in code",
            "help_text": "The code is in the email we sent you, for example ABCD-1234.",
            "required": "Enter the sign-in code from the email",
        }
    }


class ReauthenticateForm(KNOWvemberWording, allauth_forms.ReauthenticateForm):
    wording = {"password": PASSWORD}

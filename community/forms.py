from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms

from accounts.forms import full_name_field, organisation_field, region_field
from community.models import ConsentWording, normalise_email


class SignupForm(forms.Form):
    """Join the mailing list. The page renders the consent wording and the button itself."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a link to this address to check it is yours.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    name = full_name_field()
    role = forms.CharField(
        label="Job title or role",
        max_length=150,
        help_text="For example, library assistant or knowledge manager.",
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = organisation_field(required=True)
    region = region_field()
    # Bots fill every field they find; people never see or reach this one.
    website = forms.CharField(
        label="Leave this field blank",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput)
    digest = forms.BooleanField(
        required=False,
        label="Also send me the weekly lessons digest",
    )
    digest_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    error_messages = {
        "wording_changed": (
            "What you agree to has changed since the page loaded. Read it again below, "
            "then select Join the community."
        ),
    }

    def __init__(
        self, *args, consent_wording: ConsentWording, digest_wording: ConsentWording, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.consent_wording = consent_wording
        self.digest_wording = digest_wording
        self.fields["consent_version"].initial = consent_wording.version
        self.fields["digest_version"].initial = digest_wording.version
        # What ticking the box agrees to, word for word, as its hint.
        self.fields["digest"].help_text = digest_wording.text
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.nhs.uk"
        )
        self.fields["name"].error_messages["required"] = "Enter your full name"
        self.fields["role"].error_messages["required"] = "Enter your job title or role"
        self.fields["organisation"].error_messages["required"] = "Enter your organisation"
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "email",
            "name",
            "role",
            "organisation",
            "region",
            "digest",
            Field("website", wrapper_class="kv-honeypot"),
            "consent_version",
            "digest_version",
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def _clean_text(self, name):
        return " ".join(self.cleaned_data[name].split())

    def clean_name(self):
        return self._clean_text("name")

    def clean_role(self):
        return self._clean_text("role")

    def clean_organisation(self):
        return self._clean_text("organisation")

    def clean_consent_version(self):
        # The consent record must name the wording the person actually read.
        if self.cleaned_data["consent_version"] != self.consent_wording.version:
            raise forms.ValidationError(self.error_messages["wording_changed"])
        return self.cleaned_data["consent_version"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("digest") and cleaned.get("digest_version") != self.digest_wording.version:
            self.add_error("digest_version", self.error_messages["wording_changed"])
        return cleaned

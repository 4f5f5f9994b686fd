from django import forms

from accounts.models import User
from knowvember.forms import NHSFormMixin
from knowvember.models import Region


def full_name_field(**options) -> forms.CharField:
    return forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        **options,
    )


def organisation_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label="Organisation" if required else "Organisation (optional)",
        max_length=200,
        required=required,
        help_text="The NHS trust, integrated care board or other organisation you work for.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


def region_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="NHS region (optional)",
        queryset=Region.objects.all(),
        required=False,
        empty_label="Choose a region",
    )


class ProfileFieldsMixin(forms.Form):
    """The profile fields people give at sign-up (other forms reuse the field builders)."""

    name = full_name_field(help_text="Shown only where you choose, for example on a pledge.")
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = organisation_field(required=False)
    region = region_field()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class SignupForm(ProfileFieldsMixin):
    """Extra fields allauth adds to its sign-up form."""

    def signup(self, request, user):
        for field in ("name", "job_title", "organisation", "region"):
            setattr(user, field, self.cleaned_data.get(field) or getattr(user, field))
        user.save()


class ProfileForm(NHSFormMixin, forms.ModelForm):
    submit_label = "Save profile"

    class Meta:
        model = User
        fields = ["name", "job_title", "organisation", "region"]
        labels = {
            "name": "Full name",
            "job_title": "Job title (optional)",
            "organisation": "Organisation (optional)",
            "region": "NHS region (optional)",
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your full name")
        return name


class DeleteAccountForm(NHSFormMixin, forms.Form):
    submit_label = "Delete my account"

    confirm = forms.BooleanField(
        label="I understand that my account, pledges, bookings and mailing-list subscription "
        "will be deleted and cannot be recovered",
        error_messages={"required": "Confirm that you want to delete your account"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].field_classes = "nhsuk-button--warning"

from django import forms

from accounts.models import User
from knowvember.forms import NHSFormMixin
from knowvember.models import Region


class ProfileFieldsMixin(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="Shown only where you choose, for example on a pledge.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    organisation = forms.CharField(
        label="Organisation (optional)",
        max_length=200,
        required=False,
        help_text="For example, Example NHS Foundation Trust.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    region = forms.ModelChoiceField(
        label="NHS region (optional)",
        queryset=Region.objects.all(),
        required=False,
        empty_label="Choose a region",
    )

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

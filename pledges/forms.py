import datetime
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from knowvember.filters import FilterChoiceField, FilterForm, edition_filter, region_filter
from knowvember.images import process_image
from knowvember.models import Region
from pledges.models import (
    AAR_MAX,
    TEAM_NAME_MAX,
    TEAM_SIZE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Activity,
    Pledge,
    TeamMember,
)

MONTH_FORMAT = "%Y-%m"


def plain_text(value: str) -> str:
    """Trim, normalise line endings and squeeze runs of blank lines (we only ever show text)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    return re.sub(r"\n{3,}", "\n\n", value)


def month_choices(today: datetime.date, *, include: datetime.date | None = None):
    """The next twelve months from this one (plus a pledge's existing month, if earlier)."""
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if include and include not in months:
        months.insert(0, include)
    return [(m.strftime(MONTH_FORMAT), m.strftime("%B %Y")) for m in months]


def default_month(today: datetime.date) -> datetime.date:
    """November of this year, or of next year once this November has passed."""
    year = today.year if today.month <= 11 else today.year + 1
    return datetime.date(year, 11, 1)


class EmailListField(forms.CharField):
    """Email addresses, one a line (commas and semicolons work too), each checked, lower case,
    each once."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"})

    def __init__(self, *, most: int = TEAM_SIZE_MAX, **kwargs):
        self.most = most
        super().__init__(required=False, max_length=most * 260, **kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        return list(dict.fromkeys(p.lower() for p in re.split(r"[\s,;]+", text) if p))

    def validate(self, value):
        for address in value:
            try:
                validate_email(address)
            except ValidationError as error:
                raise ValidationError(
                    f"“{address[:80]}” is not an email address. Enter each address in the "
                    "correct format, like name@example.nhs.uk"
                ) from error
        if len(value) > self.most:
            raise ValidationError(f"Invite up to {self.most} people to one pledge")

    def run_validators(self, value):
        return None  # the length of the text is checked address by address


def grouped_activity_choices(activities):
    groups = {stage: [] for stage in Activity.Stage}
    for activity in activities:
        groups[Activity.Stage(activity.stage)].append((activity.slug, activity.name))
    return [("", "Choose a technique")] + [
        (stage.label, choices) for stage, choices in groups.items() if choices
    ]


class PledgeForm(forms.ModelForm):
    """What I will do, when, and what the public may see about me."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    activity = forms.ModelChoiceField(
        queryset=Activity.objects.all(),
        to_field_name="slug",
        label="Which technique will you try?",
        error_messages={"required": "Choose the technique you will try"},
    )
    target_month = forms.ChoiceField(
        label="When will you do it?",
        help_text="KNOWvember is in November, but knowledge sharing happens all year.",
    )
    photo = forms.FileField(
        required=False,
        label="Add a photo (optional)",
        help_text="A JPG, PNG or WebP image smaller than 5 MB. "
        "We remove location and camera details before we store it.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(required=False, label="Remove the current photo")
    team_emails = EmailListField(
        label="Email addresses of the rest of your team (optional)",
        help_text="One address on each line. Once an organiser approves your pledge, we will "
        "email each person a link to join it. Nobody is shown until they accept, and then only "
        "what they choose.",
    )

    class Meta:
        model = Pledge
        fields = [
            "activity",
            "title",
            "text",
            "target_month",
            "effort",
            "organisation",
            "team_name",
            "region",
            "photo_alt",
            "show_name",
            "show_organisation",
            "show_photo",
        ]
        labels = {
            "title": "Give your pledge a short title",
            "text": "What will you do?",
            "effort": "How much effort will it take?",
            "organisation": "Your organisation",
            "team_name": "Team name (if you pledge as a team)",
            "photo_alt": "Describe the photo for people who cannot see it",
        }
        help_texts = {
            "title": f"For example, “Run a knowledge café for our ward team”. Up to {TITLE_MAX} "
            "characters.",
            "text": f"Plain text, up to {TEXT_MAX} characters. Do not include patient information.",
            "region": "The NHS England region you work in.",
            "team_name": "For example, “Library team, a community trust”. Library assistants, "
            "clinical librarians and managers can pledge together.",
            "photo_alt": "Needed if you add a photo. For example, “Five colleagues around a "
            "table with coffee”.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "effort": forms.RadioSelect,
            **{
                name: forms.CheckboxInput(attrs={"class": "nhsuk-checkboxes__input"})
                for name in ("show_name", "show_organisation", "show_photo")
            },
        }
        error_messages = {
            "title": {"required": "Enter a title for your pledge"},
            "text": {"required": "Enter what you will do"},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.processed_photo = None
        today = timezone.localdate()
        existing_month = self.instance.target_month if self.instance.pk else None
        self.fields["target_month"].choices = month_choices(today, include=existing_month)
        self.fields["target_month"].initial = (existing_month or default_month(today)).strftime(
            MONTH_FORMAT
        )
        self.fields["activity"].choices = grouped_activity_choices(Activity.objects.all())
        self.fields["region"].queryset = Region.objects.all()
        self.fields["region"].empty_label = "Choose your region"
        self.fields["region"].required = True
        self.fields["region"].error_messages["required"] = "Choose your region"
        self.fields["effort"].choices = Pledge.Effort.choices
        self.fields["title"].widget.attrs["maxlength"] = TITLE_MAX
        self.fields["text"].widget.attrs["maxlength"] = TEXT_MAX
        if self.instance.pk:
            self.fields["submission_key"].required = False
            self.fields["photo"].label = "Replace the photo (optional)"
        else:
            self.fields["submission_key"].initial = uuid.uuid4()
        if not self.instance.photo:
            del self.fields["remove_photo"]
        if self.instance.pk:  # invitations are managed on the team page
            del self.fields["team_emails"]
        self.fields["team_name"].widget.attrs["maxlength"] = TEAM_NAME_MAX

    def clean_team_name(self):
        name = plain_text(self.cleaned_data["team_name"]).replace("\n", " ")
        if not name and self.instance.pk and self.instance.members.exists():
            raise ValidationError("Enter a team name: people have been invited to this pledge")
        return name

    def clean_title(self):
        return plain_text(self.cleaned_data["title"]).replace("\n", " ")

    def clean_text(self):
        return plain_text(self.cleaned_data["text"])

    def clean_organisation(self):
        return plain_text(self.cleaned_data["organisation"]).replace("\n", " ")

    def clean_photo_alt(self):
        return plain_text(self.cleaned_data["photo_alt"]).replace("\n", " ")

    def clean_target_month(self):
        try:
            return datetime.datetime.strptime(
                self.cleaned_data["target_month"], MONTH_FORMAT
            ).date()
        except ValueError as error:
            raise ValidationError("Choose a month from the list") from error

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("photo")
        keeps_photo = self.instance.photo and not cleaned.get("remove_photo")
        if (upload or keeps_photo) and not cleaned.get("photo_alt"):
            self.add_error("photo_alt", "Describe the photo for people who cannot see it")
        if (
            cleaned.get("team_emails")
            and not cleaned.get("team_name")
            and not self.has_error("team_name")
        ):
            self.add_error("team_name", "Enter a team name, or remove the email addresses")
        # Decoding is the costly step: only once everything cheap to check is right.
        if upload and not self.errors:
            try:
                self.processed_photo = process_image(upload)
            except ValidationError as error:
                self.add_error("photo", error)
        return cleaned

    @property
    def pledge_data(self) -> dict:
        """The cleaned values of the pledge's own fields, for pledge_create and pledge_update."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class TechniqueForm(forms.Form):
    """Step one of pledging: choose a technique and see what colleagues learned (GET)."""

    activity = forms.ChoiceField(
        label="Which technique will you try?",
        help_text="We will show you what colleagues learned when they tried it.",
        widget=forms.Select(
            attrs={"class": "nhsuk-select", "aria-describedby": "id_activity-hint"}
        ),
    )

    def __init__(self, *args, prefill=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = grouped_activity_choices(Activity.objects.all())
        self.prefill = {key: value for key, value in (prefill or {}).items() if value}


class InviteForm(forms.Form):
    """More people for a team pledge, from its team page."""

    emails = EmailListField(
        label="Email addresses to invite",
        help_text="One address on each line. We will email each person a link to join.",
    )

    def clean_emails(self):
        if not self.cleaned_data["emails"]:
            raise ValidationError("Enter at least one email address")
        return self.cleaned_data["emails"]


class MemberChoicesForm(forms.ModelForm):
    """What a team member lets the wall show about them, and their own lesson."""

    class Meta:
        model = TeamMember
        fields = ["show_name", "show_organisation", "lesson"]
        labels = {"lesson": "Your own lesson (optional)"}
        help_texts = {
            "lesson": "What did you learn from trying it? Plain text. Do not include patient "
            "information. An organiser checks it before it is shared.",
        }
        widgets = {
            "lesson": forms.Textarea(attrs={"rows": 4, "maxlength": AAR_MAX}),
            **{
                name: forms.CheckboxInput(attrs={"class": "nhsuk-checkboxes__input"})
                for name in ("show_name", "show_organisation")
            },
        }

    def clean_lesson(self):
        return plain_text(self.cleaned_data["lesson"])


class AcceptForm(MemberChoicesForm):
    """Accepting an invitation: what may be shown about the new member."""

    class Meta(MemberChoicesForm.Meta):
        fields = ["show_name", "show_organisation"]


class FollowUpForm(forms.ModelForm):
    """Did it happen? And, if it did, a short After Action Review."""

    class Meta:
        model = Pledge
        fields = ["outcome", "aar_planned", "aar_actual", "aar_difference", "aar_next"]
        labels = {
            "outcome": "Did it happen?",
            "aar_planned": "What was supposed to happen?",
            "aar_actual": "What actually happened?",
            "aar_difference": "Why was there a difference?",
            "aar_next": "What will you do next time?",
        }
        help_texts = {
            "aar_planned": "If you did it, or partly did it, answer these four questions. "
            "Once an organiser has checked them, your answers help the next person learn "
            "before they start. Plain text. Do not include patient information.",
        }
        widgets = {
            "outcome": forms.RadioSelect,
            "aar_planned": forms.Textarea(attrs={"rows": 3}),
            "aar_actual": forms.Textarea(attrs={"rows": 3}),
            "aar_difference": forms.Textarea(attrs={"rows": 3}),
            "aar_next": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"outcome": {"required": "Select whether your pledge happened"}}

    AAR_FIELDS = ["aar_planned", "aar_actual", "aar_difference", "aar_next"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = Pledge.Outcome.choices
        for name in self.AAR_FIELDS:
            self.fields[name].widget.attrs["maxlength"] = AAR_MAX

    def clean(self):
        cleaned = super().clean()
        for name in self.AAR_FIELDS:
            cleaned[name] = plain_text(cleaned.get(name) or "")
        if cleaned.get("outcome") in Pledge.CARRIED_OUT:
            for name in self.AAR_FIELDS:
                if not cleaned[name] and name not in self.errors:
                    self.add_error(name, f"Answer “{self.fields[name].label}”")
        return cleaned


class WallFilterForm(FilterForm):
    """The wall's filters: edition, region, stage and technique."""

    edition = edition_filter()
    region = region_filter()
    stage = FilterChoiceField(
        label="Stage",
        lookup="activity__stage",
        choices=Activity.Stage.choices,
        empty_label="All stages",
        error="Select a stage from the list",
    )
    technique = FilterChoiceField(
        label="Technique",
        lookup="activity",
        queryset=Activity.objects.all(),
        empty_label="All techniques",
        error="Select a technique from the list",
    )

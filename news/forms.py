"""The news list's filters and the organisers' post form."""

from django import forms

from knowvember.images import delete_files_after_commit, process_image
from knowvember.models import Campaign
from news.models import Post, Tag


class NewsFilterForm(forms.Form):
    """GET filters on /news/: a topic and an edition, both optional slugs."""

    tag = forms.ChoiceField(label="Topic", required=False)
    edition = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", "All topics"), *Tag.objects.values_list("slug", "name")]
        self.fields["edition"].choices = [
            ("", "All editions"),
            *Campaign.objects.values_list("slug", "name"),
        ]

    def filter(self, posts):
        data = self.cleaned_data
        if data.get("tag"):
            posts = posts.filter(tags__slug=data["tag"])
        if data.get("edition"):
            posts = posts.filter(campaign__slug=data["edition"])
        return posts

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class PostAdminForm(forms.ModelForm):
    """A post; its image is verified and re-encoded with Pillow, like a pledge photo."""

    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "campaign",
            "summary",
            "body",
            "image",
            "image_alt",
            "tags",
            "status",
            "publish_at",
        ]
        widgets = {
            "image": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "tags": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 20, "data-news-body": ""}),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and "image" in self.changed_data:
            self._processed = process_image(image)
        return image

    def clean(self):
        cleaned = super().clean()
        has_image = bool(cleaned.get("image")) or getattr(self, "_processed", None)
        if has_image and not (cleaned.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                "Describe the image for people who cannot see it",
            )
        return cleaned

    def save(self, commit=True):
        post = super().save(commit=False)
        processed = getattr(self, "_processed", None)
        old = Post.objects.filter(pk=post.pk).first() if post.pk else None
        if processed:
            post.image = processed.image
            post.image_thumbnail = processed.thumbnail
            post.image_width, post.image_height = processed.width, processed.height
        elif not post.image:
            post.image_thumbnail = None
            post.image_width = post.image_height = None
        if old and (processed or not post.image):
            delete_files_after_commit(old.image, old.image_thumbnail)
        if commit:
            post.save()
            self.save_m2m()
        return post

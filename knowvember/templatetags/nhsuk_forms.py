"""Helpers for the `nhsuk` crispy-forms template pack (templates/nhsuk/)."""

from django import forms, template

from knowvember.widgets import DateInput

register = template.Library()

WIDGET_CLASSES = {
    "input": "nhsuk-input",
    "textarea": "nhsuk-textarea",
    "select": "nhsuk-select",
    "file": "nhsuk-file-upload__input",
    "checkbox": "nhsuk-checkboxes__input",
}


@register.filter
def widget_kind(field):
    """Which NHS.UK component a bound field's widget maps to."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, DateInput):
        return "date"
    # CheckboxSelectMultiple subclasses RadioSelect, so it must be tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.filter
def error_anchor(field):
    """The id the error summary links to: the first input a person can type in or tick."""
    kind = widget_kind(field)
    if kind in ("date", "radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def described_by(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def nhsuk_widget(field, extra_class=""):
    """Render a field's widget with NHS.UK classes and its hint/error ids in aria-describedby."""
    kind = widget_kind(field)
    # NHS.UK guidance: no placeholder text; labels and hints carry the meaning.
    field.field.widget.attrs.pop("placeholder", None)
    classes = [WIDGET_CLASSES.get(kind, ""), extra_class, field.field.widget.attrs.get("class", "")]
    if field.errors and kind in ("input", "textarea", "select", "file"):
        classes.append(f"{WIDGET_CLASSES[kind]}--error")
    attrs = {}
    if css := " ".join(c for c in classes if c):
        attrs["class"] = css
    if described := described_by(field):
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)

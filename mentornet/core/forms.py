from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """Renders forms in Det Fælles Designsystem markup: labels, hints, errors and an error summary."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class ScopedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose instance already belongs to a parent (``scope_fields``, set by the view).

    Django skips constraints on fields that are not in the form; these include the parent, so that
    "the organisation already has a branch with this name" shows with the other errors, at once."""

    scope_fields: tuple[str, ...] = ()

    def _get_validation_exclusions(self) -> set[str]:
        return set(super()._get_validation_exclusions()) - set(self.scope_fields)  # type: ignore[misc]


def check_period(form: forms.BaseForm, start: str = "period_start", end: str = "period_end") -> None:
    """In a form's ``clean``: a period that ends before it starts gets the Danish error on its end field."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The period must end on or after its start."))

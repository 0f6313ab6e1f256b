from django import forms
from django.forms.renderers import TemplatesSetting


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

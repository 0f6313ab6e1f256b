from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders forms in Det Fælles Designsystem markup: labels, hints, errors and an error summary."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

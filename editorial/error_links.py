"""Every error on a staff form and its inline rows, named in words, with the field to jump to.

The change form's error summary links to each one; a pending revision's page lists the same ones
when the revision no longer fits the live page."""


def error_links(form, formsets) -> list[tuple[str, str, str]]:
    """(label, message, id of the field to jump to, or "") for each error, e.g. ("Task 2: score", ...)."""
    found = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field and field.label else "This page"
        target = form[name].id_for_label if field and not field.widget.is_hidden else ""
        found += [(label, error, target) for error in errors]
    for formset in formsets:
        kind = str(formset.model._meta.verbose_name).capitalize()
        found += [(kind, error, f"{formset.prefix}-group") for error in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            for name, errors in row.errors.items():
                field = row.fields.get(name)
                label = f"{kind} {number}: {str(field.label).lower() if field and field.label else 'row'}"
                target = row[name].id_for_label if field and not field.widget.is_hidden else f"{formset.prefix}-group"
                found += [(label, error, target) for error in errors]
    return found

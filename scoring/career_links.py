"""An assessment's link to its career changes only as a version of the assessment.

Deleting a career clears the link of each role in it with a version saying so (the database would
otherwise clear it silently), and restoring the career gives those roles the link back, again as
versions, unless someone has linked them elsewhere since.
"""

from scoring.models import Assessment


def unlinked_reason(career) -> str:
    return f"Unlinked: its career “{career.title}” (#{career.pk}) was deleted"


def save_link(role, career, reason: str) -> None:
    role.career = career
    role._change_reason = reason
    role.save()


def unlink_roles(sender, instance, **kwargs):
    """pre_delete of a career."""
    for role in Assessment.objects.filter(career=instance):
        save_link(role, None, unlinked_reason(instance))


def relink_roles(sender, item, **kwargs):
    """A deleted career came back."""
    reason = unlinked_reason(item)
    lost = Assessment.history.filter(history_change_reason=reason).values_list("id", flat=True)
    for role in Assessment.objects.filter(pk__in=set(lost), career__isnull=True):
        latest = role.history.order_by("-history_date", "-history_id").first()
        if latest and latest.history_change_reason == reason:
            save_link(role, item, f"Linked again: its career “{item.title}” was restored")

"""Limits on signing in to the admin, beyond django-axes' lockout of one user name from one address.

Axes locks a user name at one address after AXES_FAILURE_LIMIT failures, so nobody can lock another
person's account from elsewhere. This adds the other half: one address that fails for many user
names (guessing accounts) is refused for the same cool-off, counted from axes' own records.
"""

from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from scoring.rate_limit import client_ip

ADDRESS_FAILURE_LIMIT = 20  # failed sign-ins from one address, over all user names, within the cool-off


def address_failures(address: str) -> int:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitBackend:
    """First in AUTHENTICATION_BACKENDS: refuses before any password is checked, and axes' middleware
    answers with its lockout page."""

    def authenticate(self, request, **credentials):
        address = client_ip(request) if request is not None else None
        if address and address_failures(address) >= ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed sign-ins from this address.")
        return None  # no get_user: this backend never signs anyone in, so sessions never name it

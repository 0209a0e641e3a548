"""Signals careers sends for the apps above it (careers may not import them)."""

from django.dispatch import Signal

# Sent by `manage.py load_occupations` when the SOC table changed: the search index, which finds
# roles by their unit group's official job titles, is rebuilt (scoring/apps.py).
occupations_changed = Signal()

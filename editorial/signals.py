from django.dispatch import Signal

# Sent with `item` after a deleted item comes back, so what pointed to it can point to it again.
item_restored = Signal()

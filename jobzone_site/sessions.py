"""Database sessions whose keys carry their own proof that this site issued them.

Public pages are served from the cache to everyone not signed in, and telling the two apart needs the
session. A made-up session cookie used to cost one database lookup per request, so a flood of them ran
at well under half the cached pages' rate. A key here is 32 random characters and 8 of an HMAC of them
(keyed by SECRET_KEY): a key this site never issued is known at once, without asking the database.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
RANDOM_LENGTH, TAG_LENGTH = 32, 8  # 40 in all: the session table's key column holds 40


def _tag(random_part: str) -> str:
    return salted_hmac("jobzone.session-key", random_part).hexdigest()[:TAG_LENGTH]


def issued_here(key) -> bool:
    return (
        isinstance(key, str)
        and len(key) == RANDOM_LENGTH + TAG_LENGTH
        and constant_time_compare(_tag(key[:RANDOM_LENGTH]), key[RANDOM_LENGTH:])
    )


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self):
        while True:
            random_part = get_random_string(RANDOM_LENGTH, ALPHABET)
            key = random_part + _tag(random_part)
            if not self.exists(key):
                return key

    def _validate_session_key(self, key):
        return issued_here(key)

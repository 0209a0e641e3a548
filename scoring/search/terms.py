"""Words as search sees them: lower case, no punctuation, and cut back to a shared stem.

Job titles come in many forms of one word (therapy / therapist, coding / coder, electrical /
electrician), so both what is indexed and what is typed are cut back with the same rules. The
rules are deliberately crude and tuned to occupational English; stems are never shown to anyone.
"""

from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[^a-z0-9]+")
STOP_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
# One suffix is cut, the longest that fits; a stem keeps at least MIN_STEM letters.
SUFFIXES = sorted(
    ["ists", "ist", "ians", "ian", "ants", "ant", "ance", "ence", "ments", "ment", "ers", "er", "ors", "or",
     "ings", "ing", "ies", "ied", "ions", "ion", "ics", "ic", "als", "al", "ed", "es", "s", "y", "e"],
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 3
MAX_WORDS = 8
# Longer runs of letters are not words anyone searches for (and PostgreSQL refuses lexemes over 2 KB).
MAX_WORD = 60


def words(text: str) -> list[str]:
    """'Clinical Coder (NHS)' -> ['clinical', 'coder', 'nhs']"""
    return [word for word in _NOT_WORD.sub(" ", text.lower()).split() if len(word) <= MAX_WORD]


def stem(word: str) -> str:
    if word.isdigit():
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            word = word[: -len(suffix)]
            break
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # programm -> program, fitt -> fit
    return word


def query_words(text: str) -> list[str]:
    """The words of a search worth looking up (digit runs only when they could be a SOC code)."""
    kept = [word for word in words(text) if word not in STOP_WORDS and (not word.isdigit() or len(word) == 4)]
    return kept[:MAX_WORDS]


def index_terms(text: str) -> str:
    """What a text is found by: each word's stem, and the word itself when it differs.

    Indexing the whole word too lets a query stem meet it ("engineering" -> "engineer" finds the
    title word "engineer", whose own stem is "engine")."""
    found = []
    for word in words(text):
        if word in STOP_WORDS or (word.isdigit() and len(word) != 4):
            continue
        found.append(stem(word))
        if found[-1] != word:
            found.append(word)
    return " ".join(dict.fromkeys(found))


def key(text: str) -> str:
    """A title reduced for exact comparison: 'Fire-fighter' == 'fire fighter'."""
    return " ".join(words(text))


def without_numbers(text: str) -> str:
    """key(text) without its numbers: 'Records Officer 00021' -> 'records officer'."""
    return " ".join(word for word in key(text).split() if not word.isdigit())


# The same reduction over many names at once, one name a line: "did you mean" reduces every title and
# other name in the index (80,000 with 20,000 roles) once per content version in each process, which
# name by name cost about 150 ms. As bytes, one table maps everything but letters, digits and line
# breaks to a space (each byte of a non-ASCII letter too: it is not a-z either way).
_KEPT = b"abcdefghijklmnopqrstuvwxyz0123456789\n"
_TO_SPACE = bytes(byte if byte in _KEPT else ord(" ") for byte in range(256))
_NUMBER_OR_LONG = re.compile(rb"\b(?:[0-9]+|[a-z0-9]{%d,})\b" % (MAX_WORD + 1))


def all_without_numbers(names: list[str]) -> list[str]:
    """[without_numbers(name) for name in names], each distinct name reduced once."""
    distinct = list(dict.fromkeys(names))
    text = "\n".join(distinct)
    if text.count("\n") != len(distinct) - 1:  # a name with a line break of its own
        reduced = [without_numbers(name) for name in distinct]
    else:
        text = _NUMBER_OR_LONG.sub(b"", text.lower().encode().translate(_TO_SPACE))
        reduced = [" ".join(line.split()) for line in text.decode("ascii").split("\n")]
    found = dict(zip(distinct, reduced))
    return [found[name] for name in names]


ROTATIONS = 4  # a name is found from any of its first four words


def name_keys(name: str) -> list[str]:
    """'Clinical Coder (NHS)' -> ['clinical coder nhs', 'coder nhs clinical', 'nhs clinical coder']"""
    kept = [word for word in words(name) if word not in STOP_WORDS]
    keys = [" ".join(kept[start:] + kept[:start])[:200] for start in range(min(len(kept), ROTATIONS))]
    return list(dict.fromkeys(keys))


def typed_key(text: str) -> str:
    """What has been typed so far, in the form of a name key (its last word may be unfinished)."""
    return " ".join(word for word in words(text) if word not in STOP_WORDS)[:200]

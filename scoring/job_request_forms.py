"""The "My job isn't listed" form: a job title, optionally what the visitor does, and where they asked from."""

import re
import unicodedata

from django import forms

from scoring.job_requests import DESCRIPTION_MAX, SOURCE_MAX, TITLE_MAX

TITLE_MIN = 2
SOURCE = re.compile(rf"[a-z0-9][a-z0-9:_.-]{{0,{SOURCE_MAX - 1}}}")
# Control, format (zero-width, bidirectional overrides), surrogate, private-use and unassigned characters.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def hidden(char: str, allowed: str = "") -> bool:
    return unicodedata.category(char) in HIDDEN_CATEGORIES and char not in allowed


def has_hidden_characters(text: str, allowed: str = "") -> bool:
    return any(hidden(char, allowed) for char in text)


def without_hidden(text: str, allowed: str = "") -> str:
    return "".join(char for char in text if not hidden(char, allowed))


def clean_initial_title(raw: str) -> str:
    """A title from a link's query string, made safe to prefill: hidden characters dropped, spaces collapsed."""
    return " ".join(without_hidden(raw[: TITLE_MAX * 4]).split())[:TITLE_MAX]


def clean_source(raw: str) -> str:
    """Where the request came from ("search", "occupation:4131"); anything else is dropped, never an error."""
    raw = (raw or "").strip().lower()
    return raw if SOURCE.fullmatch(raw) else ""


class MultilineField(forms.CharField):
    """Browsers send line breaks as CR LF; count each as one character, as the textarea's maxlength does."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class JobRequestForm(forms.Form):
    title = forms.CharField(
        label="Job title",
        max_length=TITLE_MAX,
        help_text="For example “Dental nurse” or “Wind turbine technician”.",
        error_messages={
            "required": "Enter the job title you would like us to assess.",
            "max_length": f"Keep the job title to {TITLE_MAX} characters or fewer (it has %(show_value)d).",
            "null_characters_not_allowed": "The job title contains a hidden character; type it again without it.",
        },
    )
    description = MultilineField(
        label="What do you do? (optional)",
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"A sentence or two about your main tasks helps us find the right job. Up to {DESCRIPTION_MAX} "
        "characters. Please leave out names and contact details.",
        error_messages={
            "max_length": f"Keep this to {DESCRIPTION_MAX} characters or fewer (it has %(show_value)d).",
            "null_characters_not_allowed": "This text contains a hidden character; type it again without it.",
        },
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def shown(self, name: str) -> str:
        """The value to put back in a field: as typed, minus hidden characters (a NUL cannot go in HTML)."""
        return without_hidden(str(self[name].value() or ""), allowed="\n\t")

    def shown_title(self) -> str:
        return self.shown("title")

    def shown_description(self) -> str:
        return self.shown("description")

    def clean_title(self) -> str:
        title = self.cleaned_data["title"]
        if has_hidden_characters(title):
            raise forms.ValidationError(
                "The job title contains a hidden or control character; type it again without it.", code="hidden"
            )
        title = " ".join(title.split())
        if len(title) < TITLE_MIN:
            raise forms.ValidationError(f"Enter at least {TITLE_MIN} characters of the job title.", code="min_length")
        if not any(char.isalpha() for char in title):
            raise forms.ValidationError(
                "Enter a job title with at least one letter, for example “Dental nurse”.", code="no_letter"
            )
        return title

    def clean_description(self) -> str:
        description = self.cleaned_data["description"]
        if has_hidden_characters(description, allowed="\n\t"):
            raise forms.ValidationError(
                "This text contains a hidden or control character; type it again without it.", code="hidden"
            )
        return description.strip()

    def clean_source(self) -> str:
        return clean_source(self.cleaned_data["source"])

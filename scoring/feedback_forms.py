"""The feedback form (one question about one role or career) and the "Report a problem" form."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms

from scoring.feedback import ANSWERS, COMMENT_MAX, PAGE_MAX, PROBLEM_MAX, QUESTIONS, Question
from scoring.job_request_forms import MultilineField, has_hidden_characters, without_hidden


def clean_text(text: str, message: str) -> str:
    if has_hidden_characters(text, allowed="\n\t"):
        raise forms.ValidationError(message, code="hidden")
    return text.strip()


class FeedbackForm(forms.Form):
    """One answer (the choices depend on the question) and an optional comment."""

    question = forms.CharField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an answer.",
            "invalid_choice": "Choose one of the answers shown.",
        },
    )
    comment = MultilineField(
        label="Tell us more (optional)",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Up to {COMMENT_MAX} characters. Please leave out names and contact details.",
        error_messages={
            "max_length": f"Keep your comment to {COMMENT_MAX} characters or fewer (it has %(show_value)d).",
            "null_characters_not_allowed": "Your comment contains a hidden character; type it again without it.",
        },
    )

    def __init__(self, kind: str, question: Question, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.question_asked = kind, question
        self.fields["question"].initial = question.value
        self.fields["answer"].choices = [(answer.value, answer.label) for answer in ANSWERS[question]]
        self.fields["answer"].label = question.label

    def clean_question(self) -> Question:
        question = Question.parse(self.cleaned_data["question"])
        if question not in QUESTIONS[self.kind]:
            raise forms.ValidationError("That question is not asked on this page.", code="question")
        return question

    def clean_comment(self) -> str:
        return clean_text(self.cleaned_data["comment"], "Your comment contains a hidden character; type it again.")

    def shown_comment(self) -> str:
        return without_hidden(str(self["comment"].value() or ""), allowed="\n\t")


def local_page(raw: str) -> str:
    """The address of a page on this site ("/roles/x/"), from a full URL or a path; "" if it is not one."""
    raw = without_hidden(str(raw or "")).strip()[: PAGE_MAX * 4]
    parts = urlsplit(raw)
    path = parts.path
    if raw.startswith("//") or parts.scheme not in ("", "http", "https") or not path.startswith("/"):
        return ""
    return path[:PAGE_MAX]


class ProblemReportForm(forms.Form):
    page = forms.CharField(
        label="Which page? (optional)",
        required=False,
        max_length=PAGE_MAX * 4,
        help_text="The page's address on this site, for example /roles/clinical-coder-nhs/.",
    )
    description = MultilineField(
        label="What went wrong?",
        max_length=PROBLEM_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"For example something you could not read or reach with your keyboard or screen reader, a wrong "
        f"figure or a broken link. Up to {PROBLEM_MAX} characters.",
        error_messages={
            "required": "Tell us what went wrong.",
            "max_length": f"Keep this to {PROBLEM_MAX} characters or fewer (it has %(show_value)d).",
            "null_characters_not_allowed": "This text contains a hidden character; type it again without it.",
        },
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="Only if you would like a reply. We use it for nothing else.",
        error_messages={"invalid": "Enter an email address like name@example.com, or leave this empty."},
    )

    def clean_page(self) -> str:
        raw = self.cleaned_data["page"]
        page = local_page(raw)
        if raw.strip() and not page:
            raise forms.ValidationError(
                "Enter the address of a page on this site, such as /roles/clinical-coder-nhs/, or leave this empty.",
                code="page",
            )
        return page

    def clean_description(self) -> str:
        description = clean_text(
            self.cleaned_data["description"], "This text contains a hidden or control character; type it again."
        )
        if not description:
            raise forms.ValidationError("Tell us what went wrong.", code="required")
        return description

    def shown(self, name: str) -> str:
        """The value to put back in a field: as typed, minus hidden characters (a NUL cannot go in HTML)."""
        return without_hidden(str(self[name].value() or ""), allowed="\n\t")

    def shown_page(self) -> str:
        return self.shown("page")

    def shown_description(self) -> str:
        return self.shown("description")

    def shown_email(self) -> str:
        return self.shown("email")

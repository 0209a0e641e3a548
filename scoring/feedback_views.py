"""Visitors' feedback on a role or career page, and "Report a problem with this page".

How this stays out of the shared page cache (the design, in one place):

* Role and career pages are served to anonymous visitors from a whole-page cache, so nothing on them may
  belong to one visitor: no CSRF token, no thank-you message. The page therefore carries only an
  invitation (templates/includes/feedback.html): each question with its answers as plain links to
  GET /roles/<slug>/feedback/?question=score&answer=too_high (or /careers/<slug>/feedback/…).
* Those GETs never store anything. They answer with the real form (the chosen answer ticked, a comment
  box and this visitor's CSRF token), from views marked never_cache (Cache-Control: private, no-store),
  which the page cache never keeps; the CSRF cookie a form sets would keep it out as well.
  Without JavaScript the link opens the form as a small page of its own; with htmx the same URL
  returns just the block, swapped in place of the invitation.
* The POST keeps Django's normal CSRF check (nothing here is csrf_exempt), is limited per address
  (scoring.rate_limit, scope "feedback"), and stores one Feedback row. With htmx the thank-you
  replaces the form in place; without it the visitor is redirected (303) to the never-cached form
  page, which then says thank you, so reloading sends nothing again.
* Only published roles and careers take feedback: a draft's feedback URLs are 404, and a draft
  preview shows no invitation.

"Report a problem" follows the same rules on its own page (/report-a-problem/), linked from the
footer of every page and from the accessibility statement.
"""

from __future__ import annotations

from math import ceil
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from careers.models import Career
from editorial.http import allow_methods
from scoring.feedback import ANSWERS, QUESTIONS, Feedback, ProblemReport, Question
from scoring.feedback_forms import FeedbackForm, ProblemReportForm, local_page
from scoring.models import Assessment
from scoring.rate_limit import Limit, count_and_check

FEEDBACK = "feedback"
# Feedback is quicker to give than a job request, so a little more is allowed; still per address.
FEEDBACK_LIMITS = (Limit(10, 10 * 60), Limit(100, 24 * 60 * 60))
PROBLEM_REPORTS = "problem-reports"
PROBLEM_REPORT_LIMITS = (Limit(5, 10 * 60), Limit(20, 24 * 60 * 60))

FEEDBACK_PAGE = "scoring/feedback.html"
FEEDBACK_BLOCK = "includes/feedback_question.html"
REPORT_PAGE = "report_problem.html"


def fragment_request(request) -> bool:
    """An htmx swap wants only the block; a history restore after Back needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def item_context(kind: str, item) -> dict:
    title = item.job_title if kind == "role" else item.title
    url_name = "scoring:feedback" if kind == "role" else "career_feedback"
    return {"kind": kind, "item": item, "item_title": title, "action": reverse(url_name, args=[item.slug])}


def render_feedback(request, context: dict, status: int = 200):
    fragment = fragment_request(request)
    context["fragment"] = fragment
    return render(request, FEEDBACK_BLOCK if fragment else FEEDBACK_PAGE, context, status=status)


@never_cache
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@allow_methods("GET", "HEAD", "POST")
def role_feedback(request, slug):
    return feedback(request, "role", get_object_or_404(Assessment.objects.published(), slug=slug))


@never_cache
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
@allow_methods("GET", "HEAD", "POST")
def career_feedback(request, slug):
    return feedback(request, "career", get_object_or_404(Career.objects.published(), slug=slug))


def feedback(request, kind: str, item):
    source = request.POST if request.method == "POST" else request.GET
    question = Question.parse(source.get("question"))
    if question not in QUESTIONS[kind]:
        question = QUESTIONS[kind][-1]
    context = item_context(kind, item) | {"question": question}

    if request.method != "POST":
        if request.GET.get("sent") == question.value:
            return render_feedback(request, context | {"thanks": True})
        answer = str(request.GET.get("answer", "")).strip().lower()
        initial = {"answer": answer} if answer in [choice.value for choice in ANSWERS[question]] else {}
        form = FeedbackForm(kind, question, initial=initial)
        focus = ("comment" if initial else "answer") if fragment_request(request) else ""
        return render_feedback(request, context | {"form": form, "focus": focus})

    form = FeedbackForm(kind, question, request.POST)
    if not form.is_valid():
        return render_feedback(request, context | {"form": form, "focus": next(iter(form.errors), "answer")})
    wait = count_and_check(request, FEEDBACK, FEEDBACK_LIMITS)
    if wait:
        response = render_feedback(request, context | {"form": form, "retry_minutes": ceil(wait / 60)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    Feedback.objects.create(
        **{kind: item},
        question=form.cleaned_data["question"],
        answer=form.cleaned_data["answer"],
        comment=form.cleaned_data["comment"],
    )
    if fragment_request(request):
        return render_feedback(request, context | {"thanks": True})
    response = redirect(f"{context['action']}?{urlencode({'question': question.value, 'sent': question.value})}")
    response.status_code = 303
    return response


@never_cache
@allow_methods("GET", "HEAD", "POST")
def report_problem(request):
    if request.method != "POST":
        if request.GET.get("sent") == "1":
            return render(request, REPORT_PAGE, {"thanks": True})
        form = ProblemReportForm(initial={"page": local_page(request.GET.get("page", ""))})
        return render(request, REPORT_PAGE, {"form": form})

    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return render(request, REPORT_PAGE, {"form": form, "focus": next(iter(form.errors), "")})
    wait = count_and_check(request, PROBLEM_REPORTS, PROBLEM_REPORT_LIMITS)
    if wait:
        response = render(request, REPORT_PAGE, {"form": form, "retry_minutes": ceil(wait / 60)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    ProblemReport.objects.create(**form.cleaned_data)
    response = redirect(f"{reverse('report_problem')}?sent=1")
    response.status_code = 303
    return response

from django.core.management.base import BaseCommand, CommandError

from careers.models import Career
from documents.assessment import write_assessment
from documents.career import write_career
from scoring.models import Assessment


class Command(BaseCommand):
    help = "Write an assessment or a career profile back out in the document format."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--kind", choices=["assessment", "career"], default=None)
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, slug, kind, output, **options):
        role = Assessment.objects.filter(slug=slug).first() if kind in (None, "assessment") else None
        career = Career.objects.filter(slug=slug).first() if kind in (None, "career") and not role else None
        if role:
            if role.score is None:
                raise CommandError(f"{slug} cannot be exported until it scores: {role.calculation_problem}")
            text = write_assessment(role)
        elif career:
            text = write_career(career)
        else:
            raise CommandError(f"No {kind or 'assessment or career'} with the slug {slug!r}.")
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")

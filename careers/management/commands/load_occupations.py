"""Load the SOC 2020 groups from careers/data/soc2020.json into the Occupation table.

Safe to run any number of times: a rerun changes nothing, and a new ONS edition (after
`convert_soc`) updates titles and texts while every group a role or career links to is kept.
`make run` runs it after migrating.
"""

from django.core.management.base import BaseCommand

from careers.occupations import Occupation, load
from careers.signals import occupations_changed
from editorial.content_version import bump_content_version
from editorial.surrogate_keys import retire_every_page


class Command(BaseCommand):
    help = "Load (or update) the SOC 2020 occupations from careers/data/soc2020.json; a rerun changes nothing."

    def handle(self, *args, **options):
        report = load()
        if report.changed:
            occupations_changed.send(sender=Occupation)  # search finds roles by their group's job titles
            bump_content_version()  # pages showing occupation titles and texts are retired
            retire_every_page()
        units = Occupation.objects.units().count()
        self.stdout.write(f"SOC 2020 occupations: {report}; {units} unit groups in the table.")

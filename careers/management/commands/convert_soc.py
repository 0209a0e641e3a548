"""Convert the ONS SOC 2020 Volume 1 workbook into the compact data file the site reads.

Run once per ONS edition (needs openpyxl from requirements-dev.txt); the site itself never reads
the workbook:  manage.py convert_soc ../shared/data/soc2020-volume1-unit-groups.xlsx
Then `manage.py load_occupations` brings the new edition into the database.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from careers.soc import DATA_FILE

SHEET = "SOC2020 descriptions"
LEVELS = ["major", "sub_major", "minor", "unit"]


def cell(value) -> str:
    text = "" if value is None else str(value).strip()
    return "" if text == "<blank>" else text


def items(value) -> list[str]:
    """'~first\\n\\n~second' -> ['first', 'second']"""
    return [part.strip() for part in cell(value).split("~") if part.strip()]


class Command(BaseCommand):
    help = "Convert the ONS SOC 2020 Volume 1 workbook (.xlsx) into careers/data/soc2020.json."

    def add_arguments(self, parser):
        parser.add_argument("workbook")

    def handle(self, *args, workbook, **options):
        try:
            import openpyxl
        except ImportError:
            raise CommandError("openpyxl is needed to read the workbook: pip install -r requirements-dev.txt") from None
        try:
            sheet = openpyxl.load_workbook(workbook, read_only=True)[SHEET]
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"{workbook}: not the SOC 2020 Volume 1 workbook ({error}).") from None
        groups = []
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            codes = [cell(value) for value in row[:4]]
            level = next((name for name, code in zip(LEVELS, codes) if code), None)
            if level is None:
                continue
            code = codes[LEVELS.index(level)]
            group = {"code": code, "level": level, "title": cell(row[4]), "description": cell(row[6])}
            if level == "unit":
                group |= {"entry": cell(row[7]), "tasks": items(row[8]), "job_titles": items(row[9])}
            groups.append(group)
        units = sum(group["level"] == "unit" for group in groups)
        if units < 400:
            raise CommandError(f"Only {units} unit groups found; is this the right workbook?")
        payload = {
            "source": "Office for National Statistics, SOC 2020 Volume 1 (Open Government Licence v3.0)",
            "groups": groups,
        }
        DATA_FILE.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        titles = sum(len(group.get("job_titles", [])) for group in groups)
        self.stdout.write(f"{len(groups)} groups, {units} unit groups, {titles} job titles -> {DATA_FILE}")

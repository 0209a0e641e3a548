from django import forms

from scoring import aijri

SORTS = {
    "relevance": ("Best match", ["job_title"]),  # with no search, best match is title order
    "title": ("Title A–Z", ["job_title"]),
    "-score": ("Score, highest first", ["-score", "job_title"]),
    "score": ("Score, lowest first", ["score", "job_title"]),
    "updated": ("Recently updated", ["-updated", "job_title"]),
}
DEFAULT_SORT = "relevance"  # best match for a search; title order when there is none


class RoleFilterForm(forms.Form):
    """Browse filters from the query string; a bad value is dropped with a note, never an error page."""

    q = forms.CharField(label="Search jobs", required=False, max_length=100)
    zone = forms.MultipleChoiceField(
        label="Zone", choices=list(aijri.ZONES.items()), required=False, widget=forms.CheckboxSelectMultiple
    )
    sort = forms.ChoiceField(
        label="Sort by", choices=[(key, label) for key, (label, _) in SORTS.items()], required=False
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput)

    NOTES = {
        "q": "The search text was not usable (too long or with control characters), so it was ignored.",
        "sort": "That sort order does not exist, so roles are sorted by title.",
        "page": "That page number does not exist, so the first page is shown.",
    }

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        zones = [z.strip().lower() for z in data.getlist("zone")]
        self.notes = []
        unknown = [z for z in zones if z not in aijri.ZONES]
        if unknown:
            self.notes.append("Zones are green, yellow or red; other values were ignored.")
        data.setlist("zone", list(dict.fromkeys(z for z in zones if z in aijri.ZONES)))
        super().__init__(data, *args, **kwargs)

    def filters(self) -> dict:
        self.is_valid()
        values = {"q": "", "zone": [], "sort": DEFAULT_SORT, "page": 1}
        for name in values:
            if name in self.errors:
                self.notes.append(self.NOTES.get(name, f"{name} was ignored."))
            elif self.cleaned_data.get(name):
                values[name] = self.cleaned_data[name]
        values["q"] = values["q"].strip()
        return values

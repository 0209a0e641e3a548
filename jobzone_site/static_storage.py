from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed static addresses, each worked out once per process.

    The manifest is fixed while the site runs (collectstatic comes first), and every page asks for
    the same few stylesheets, scripts and icons, whose addresses cost more to build than to keep."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        found = self.known_urls.get(name)
        if found is None:
            found = self.known_urls[name] = super().url(name)
        return found

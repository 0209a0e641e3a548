import pytest
from django.core.cache import cache

from tests.demo_copy import loaded_demo
from tests.factories import make_assessment


@pytest.fixture(autouse=True)
def fresh_pages(settings, tmp_path):
    """Tests see live pages unless they switch the page cache on themselves."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    settings.CONTENT_VERSION_FILE = None if settings.REDIS_URL else tmp_path / "content-version"
    settings.SHARE_IMAGE_DIR = tmp_path / "share-images"
    settings.DOWNLOAD_DIR = tmp_path / "downloads"
    cache.clear()


@pytest.fixture
def clinical_coder(db):
    return make_assessment()


@pytest.fixture
def demo(db):
    """The demo content, loaded published (the first load copied back: tests.demo_copy); the value is
    load_demo's report."""
    return loaded_demo()

import pytest

from tests.factories import make_assessment


@pytest.fixture
def clinical_coder(db):
    return make_assessment()

"""The HTTP cache tier in a real varnishd: the VCL against fake app servers (test_vcl.py) and the whole
`make stack` topology (test_varnish_stack.py).

They need varnishd with vmod xkey (apt-get install varnish varnish-modules), and the stack test also
PostgreSQL and Redis on this machine, so they run only with JOBZONE_STACK_TESTS=1 (.ci/run sets it)."""

import os
import shutil

import pytest


def pytest_collection_modifyitems(config, items):
    stack_items = [item for item in items if "stack" in item.keywords]
    if os.environ.get("JOBZONE_STACK_TESTS") == "1":
        if stack_items and not shutil.which("varnishd"):
            raise pytest.UsageError("JOBZONE_STACK_TESTS=1 but varnishd is missing (apt-get install varnish-modules).")
        return
    skip = pytest.mark.skip(reason="the Varnish stack tests run with JOBZONE_STACK_TESTS=1 (see .ci/run)")
    for item in stack_items:
        item.add_marker(skip)

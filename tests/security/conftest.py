"""The marked council (security_support.marked_world) is slow to build: files are stored and
ingested into tables, series set up. It is built once per test module and shared by its tests,
each of which runs in a savepoint that undoes what it wrote (see `module_data`)."""

import pytest
from security_support import marked_world


@pytest.fixture(scope="module")
def _marked_once(module_data):
    return module_data.build(marked_world)


@pytest.fixture
def marked(db, _marked_once, module_data, settings):
    """(world, extra) of marked_world, with its stored files readable."""
    module_data.use_files(settings)
    return _marked_once

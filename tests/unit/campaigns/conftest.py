"""The campaign tests' workspace: five people imported from a LinkedIn export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from campaign_fixtures import make_workspace

from handpicked.core.db import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path)
    yield workspace
    workspace.close()

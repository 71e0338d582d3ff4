"""The campaign tests' workspace: five people imported from a LinkedIn export."""

from __future__ import annotations

import pytest
from campaign_fixtures import PEOPLE

from handpicked.core.db import Workspace


@pytest.fixture
def ws(linkedin_ws) -> Workspace:
    return linkedin_ws(PEOPLE)

"""Settings: typed, validated, stored in config.toml, never holding secrets."""

from __future__ import annotations

import pytest

from handpicked.core import config
from handpicked.core.errors import HandpickedError
from handpicked.core.workspace import Workspace


def test_defaults_without_file(tmp_path):
    """Verify a workspace without config.toml gets the documented defaults."""
    settings = config.load(Workspace(tmp_path))
    assert settings.audience.target == 20
    assert settings.audience.max == 25
    assert settings.audience.not_contacted_days == 30
    assert settings.limits.connection_note == 200
    assert settings.smtp.effective_port == 587


def test_set_persists_typed_value(tmp_path):
    """Verify `set` validates, converts and writes the value so a new load sees it."""
    ws = Workspace(tmp_path)
    config.set_value(ws, "audience.max", "30")
    config.set_value(ws, "smtp.from", "moi@example.org")
    config.set_value(ws, "smtp.security", "ssl")
    again = config.load(Workspace(tmp_path))
    assert again.audience.max == 30
    assert again.smtp.from_ == "moi@example.org"
    assert again.smtp.effective_port == 465
    assert 'from = "moi@example.org"' in ws.config_path.read_text()


def test_unknown_key_names_valid_ones(tmp_path):
    """Verify an unknown key is refused with the list of valid keys."""
    with pytest.raises(HandpickedError) as err:
        config.set_value(Workspace(tmp_path), "audience.size", "3")
    assert "audience.max" in str(err.value) and "me.name" in str(err.value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("audience.max", "abc"),
        ("audience.target", "0"),
        ("me.language", "de"),
        ("smtp.port", "70000"),
        ("smtp.security", "tls"),
    ],
)
def test_bad_values_refused(tmp_path, key, value):
    """Verify a bad value is refused, names the key, and leaves the file untouched."""
    ws = Workspace(tmp_path)
    config.set_value(ws, "me.name", "Alex")
    before = ws.config_path.read_bytes()
    with pytest.raises(HandpickedError) as err:
        config.set_value(ws, key, value)
    assert key in str(err.value)
    assert ws.config_path.read_bytes() == before


def test_empty_value_resets_default(tmp_path):
    """Verify setting an empty value goes back to the default."""
    ws = Workspace(tmp_path)
    config.set_value(ws, "audience.not_contacted_days", "7")
    config.set_value(ws, "audience.not_contacted_days", "")
    assert config.load(ws).audience.not_contacted_days == 30


def test_broken_file_is_a_clear_error(tmp_path):
    """Verify a hand-broken config.toml gives one line naming the file."""
    ws = Workspace(tmp_path)
    ws.config_path.write_text("[audience\nmax = 3\n")
    with pytest.raises(HandpickedError) as err:
        config.load(ws)
    assert str(ws.config_path) in str(err.value)

"""Settings: typed, validated, stored in config.toml, never holding secrets."""

from __future__ import annotations

import pytest

from handpicked.core import config, configfile
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError


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


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        ("audience.not_contacted_days", "1000000", "a whole number from 0 to 36,500"),
        ("audience.not_contacted_days", "-1", "a whole number from 0 to 36,500"),
        ("audience.max", "99999999999999999999", "a whole number from 1 to 1,000,000"),
        ("limits.inmail", "0", "a whole number from 1 to 1,000,000"),
        ("me.language", "de", "one of fr, en"),
    ],
)
def test_out_of_range_values_name_the_range(tmp_path, key, value, allowed):
    """Verify `set` refuses a value outside its range, says the range, and writes nothing."""
    ws = Workspace(tmp_path)
    with pytest.raises(HandpickedError) as err:
        config.set_value(ws, key, value)
    assert key in str(err.value) and allowed in str(err.value)
    assert not ws.config_path.exists()


def test_edges_of_ranges_are_accepted(tmp_path):
    """Verify the ends of each range are valid values (ge/le, not gt/lt)."""
    ws = Workspace(tmp_path)
    config.set_value(ws, "audience.not_contacted_days", "36500")
    config.set_value(ws, "audience.max", "1000000")
    config.set_value(ws, "limits.connection_note", "1")
    settings = config.load(ws)
    assert settings.audience.not_contacted_days == 36500
    assert settings.audience.max == 1_000_000


def test_every_setting_is_documented():
    """Verify each setting has a docstring, where a reader of config.py learns what it does."""
    sections = [info.annotation for info in config.Settings.model_fields.values()]
    fields = [field for section in sections for field in section.model_fields.values()]
    assert len(fields) == len(config.keys()) > 0
    assert all(field.description for field in fields)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[audience]\nnot_contacted_days = 1000000\n",
         "audience.not_contacted_days is 1000000; allowed: a whole number from 0 to 36,500"),
        ('[smtp]\nport = "x"\n', "smtp.port is 'x'; allowed: a whole number from 1 to 65,535"),
        ("[audience]\nsize = 3\n", "unknown setting 'audience.size'"),
        ("audience = 3\n", "audience"),
    ],
)  # fmt: skip
def test_hand_edited_file_names_file_key_and_range(tmp_path, text, says):
    """Verify a config.toml edited by hand with a bad value names the file, the key and the range."""
    ws = Workspace(tmp_path)
    ws.config_path.write_text(text, encoding="utf-8")
    with pytest.raises(HandpickedError) as err:
        config.load(ws)
    assert str(err.value).startswith(f"{ws.config_path}: ")
    assert says in str(err.value)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder, not a settings file"),
        (lambda p: p.write_bytes(b'[me]\nname = "Ren\xe9"\n'), "not UTF-8 text"),
    ],
    ids=["folder", "latin-1"],
)
def test_unreadable_file_is_a_clear_error(tmp_path, make, says):
    """Verify a config.toml that is a folder or not UTF-8 is a HandpickedError naming it."""
    ws = Workspace(tmp_path)
    make(ws.config_path)
    with pytest.raises(HandpickedError) as err:
        config.load(ws)
    assert str(ws.config_path) in str(err.value) and says in str(err.value)
    with pytest.raises(HandpickedError):
        config.set_value(ws, "me.name", "Alex")


def test_set_values_stores_all_or_nothing(tmp_path):
    """Verify set_values writes every value at once, and a bad one refuses them all, key named."""
    ws = Workspace(tmp_path)
    config.set_value(ws, "limits.inmail", "1500")
    before = ws.config_path.read_bytes()
    with pytest.raises(HandpickedError) as caught:
        config.set_values(ws, {"me.name": "Ada", "audience.max": "lots"})
    assert caught.value.facts == {"key": "audience.max"}
    assert (
        str(caught.value)
        == "audience.max: invalid value 'lots' (allowed: a whole number from 1 to 1,000,000)"
    )
    assert ws.config_path.read_bytes() == before
    settings = config.set_values(
        ws, {"me.name": "Ada", "me.signature": "Ada\nRecruiter", "audience.max": "12"}
    )
    again = config.load(Workspace(tmp_path))
    assert (again.me.name, again.me.signature, again.audience.max) == ("Ada", "Ada\nRecruiter", 12)
    assert again.limits.inmail == 1500  # a key the form did not touch is kept
    assert settings == again


def test_unsigned_says_when_me_name_is_unset(tmp_path):
    """Verify `unsigned` names the missing me.name in plain words, None once a name or
    signature is set."""
    ws = Workspace(tmp_path)
    message = config.unsigned(config.load(ws))
    assert message is not None and "me.name" in message and "--" not in message
    config.set_value(ws, "me.name", "  ")
    assert config.unsigned(config.load(ws)) is not None
    config.set_value(ws, "me.signature", "Ada")
    assert config.unsigned(config.load(ws)) is None
    config.set_values(ws, {"me.name": "Ada Lovelace", "me.signature": ""})
    assert config.unsigned(config.load(ws)) is None


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.mkdir(),
        lambda p: p.write_bytes(b'[me]\nname = "Ren\xe9"\n'),
        lambda p: p.write_text("[me\nlanguage = 'fr'\n", encoding="utf-8"),
        lambda p: p.write_text("[me]\nlanguage = 'de'\n", encoding="utf-8"),
        lambda p: p.write_text("[me]\nlanguage = ['fr']\n", encoding="utf-8"),
        lambda p: p.write_text("me = 'fr'\n", encoding="utf-8"),
    ],
    ids=["folder", "latin-1", "bad-toml", "unknown-language", "not-text", "not-a-section"],
)
def test_the_language_alone_is_refused_in_the_whole_files_words(tmp_path, make):
    """Verify reading only the language refuses a file it cannot use with config.load's error."""
    ws = Workspace(tmp_path)
    make(ws.config_path)
    with pytest.raises(HandpickedError) as whole:
        config.load(ws)
    with pytest.raises(HandpickedError) as alone:
        configfile.language(ws)
    assert str(alone.value) == str(whole.value)


@pytest.mark.parametrize(
    ("text", "language", "valid"),
    [
        (None, "en", True),
        ("", "en", True),
        ("[me]\nname = 'Alex'\n", "en", True),
        ("[me]\nlanguage = 'fr'\n", "fr", True),
        ("[me]\nlanguage = 'en'\n[smtp]\nport = 'x'\n", "en", False),
        ("[me]\nlanguage = 'fr'\nnickname = 'Al'\n[audience]\nmax = 0\n", "fr", False),
    ],
    ids=["no-file", "empty", "unset", "french", "bad-port", "bad-audience"],
)
def test_the_language_alone_is_read_past_settings_an_import_does_not_use(
    tmp_path, text, language, valid
):
    """Verify the language is read as config.load gives it, and past a wrong setting elsewhere
    in the file (an import uses none of them), which config.load still refuses."""
    ws = Workspace(tmp_path)
    if text is not None:
        ws.config_path.write_text(text, encoding="utf-8")
    assert configfile.language(ws) == language
    if valid:
        assert config.load(ws).me.language == language
    else:
        with pytest.raises(HandpickedError):
            config.load(ws)

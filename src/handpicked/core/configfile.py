"""Reading `config.toml` as TOML, and the one setting an import needs, without the settings models.

`config` validates the whole file with pydantic models. An import of 100,000 rows reads only
`[me] language` (the language of people whose title and company don't tell), and must not pay
for pydantic and those models (about a tenth of a second of its start-up) to get it. The file
is read here, with the errors `config.load` gives too (it reads through `read`).

An import reads the language alone, so another setting written wrong (`[smtp] port = "x"`) does
not stop it: the import does not use that setting, and every command that does (`config list`,
compose, send) still refuses the file, naming the key. A language it cannot use stops it with
`config.load`'s own error, naming the file and what is allowed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal, get_args

from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError

Language = Literal["fr", "en"]
DEFAULT_LANGUAGE: Language = "en"


def read(path: Path) -> dict[str, Any]:
    """The settings file as a TOML table ({} when there is none); a file that is a folder, not
    UTF-8 or not TOML is refused with one sentence naming it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise HandpickedError(
            f"{path}: is a folder, not a settings file; move it aside to use the default settings"
        ) from None
    except OSError as err:
        raise HandpickedError(f"{path}: cannot be read ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise HandpickedError(
            f"{path}: line {line} is not UTF-8 text; save the file as UTF-8, or delete it to use "
            "the default settings"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise HandpickedError(f"{path}: not valid TOML ({err}); fix or delete the file") from None


def language(ws: Workspace) -> str:
    """`[me] language`, the default when unset; the rest of the file is not checked (see above).

    A value that is no known language (or `me` that is no section) goes to `config.load`, which
    raises the error that names it exactly: pydantic is loaded for that case only.
    """
    me = read(ws.config_path).get("me", {})
    value = me.get("language", DEFAULT_LANGUAGE) if isinstance(me, dict) else None
    if value in get_args(Language):
        return str(value)
    from handpicked.core import config

    return config.load(ws).me.language

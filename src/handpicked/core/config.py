"""Workspace settings (`config.toml`), typed and validated, addressed by dotted keys.

`handpicked config set audience.max 30` must refuse `abc` and name the valid keys when a key is
unknown, so settings are a pydantic model and the CLI goes through `get`/`set_value` here. Secrets
never live in this file: the SMTP password is in the OS keyring (see `secrets`).
"""

from __future__ import annotations

import tomllib
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import write_atomic
from handpicked.core.workspace import Workspace


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_attribute_docstrings=True
    )


class Me(_Section):
    name: str = ""
    """Your name, as templates sign with `{{ me.name }}`."""
    signature: str = ""
    """A sign-off block for `{{ me.signature }}` (your name, role, a link)."""
    language: Literal["fr", "en"] = "en"
    """Language assumed for contacts whose title and company don't tell."""


class Audience(_Section):
    target: int = Field(20, ge=1)
    """The audience size to aim for: the twenty people a piece of news really concerns."""
    max: int = Field(25, ge=1)
    """Above this many people a campaign is refused unless --allow-large: that's a broadcast."""
    not_contacted_days: int = Field(30, ge=0)
    """Leave out anyone messaged or met in this many days (0 turns the rule off)."""


class Limits(_Section):
    connection_note: int = Field(200, ge=1)
    """Characters in a connection note (200 on a free account, 300 with Premium)."""
    inmail_subject: int = Field(200, ge=1)
    """Characters in an InMail subject."""
    inmail: int = Field(1900, ge=1)
    """Characters in an InMail body."""
    linkedin_message: int = Field(8000, ge=1)
    """Characters in a LinkedIn message."""


class Smtp(_Section):
    host: str = ""
    """Outgoing mail server, e.g. smtp.gmail.com."""
    port: int | None = Field(None, ge=1, le=65535)
    """Server port; empty means 465 for ssl, 587 for starttls, 25 for none."""
    security: Literal["ssl", "starttls", "none"] = "starttls"
    """How the connection is protected."""
    username: str = ""
    """Login name; the password is kept in the OS keyring under this name."""
    from_: str = Field("", alias="from")
    """The From address of every email."""

    model_config = ConfigDict(populate_by_name=True)

    @property
    def effective_port(self) -> int:
        return self.port or {"ssl": 465, "starttls": 587, "none": 25}[self.security]


class Settings(_Section):
    me: Me = Field(default_factory=Me)
    audience: Audience = Field(default_factory=Audience)
    limits: Limits = Field(default_factory=Limits)
    smtp: Smtp = Field(default_factory=Smtp)


def _field_name(section: type[BaseModel], key: str) -> str | None:
    for name, info in section.model_fields.items():
        if key in (name, info.alias):
            return name
    return None


def keys() -> list[str]:
    """Every valid dotted key, in file order."""
    out = []
    for section, info in Settings.model_fields.items():
        model = info.annotation
        for name, field in model.model_fields.items():
            out.append(f"{section}.{field.alias or name}")
    return out


def describe(key: str) -> str:
    section, name = _split(key)
    model = Settings.model_fields[section].annotation
    return model.model_fields[name].description or ""


def _split(key: str) -> tuple[str, str]:
    section, _, leaf = key.partition(".")
    if section in Settings.model_fields:
        model = Settings.model_fields[section].annotation
        name = _field_name(model, leaf)
        if name:
            return section, name
    raise HandpickedError(f"unknown setting {key!r}; valid keys: {', '.join(keys())}")


def load(workspace: Workspace) -> Settings:
    path = workspace.config_path
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.model_validate(data)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise HandpickedError(f"{path}: not valid TOML ({err}); fix or delete the file") from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise HandpickedError(
            f"{path}: {where}: {first['msg']}; fix it with handpicked config set"
        ) from None


def save(workspace: Workspace, settings: Settings) -> None:
    data = settings.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    data = {section: values for section, values in data.items() if values}
    write_atomic(workspace.config_path, tomli_w.dumps(data).encode("utf-8"))


def get(settings: Settings, key: str) -> Any:
    section, name = _split(key)
    return getattr(getattr(settings, section), name)


def set_value(workspace: Workspace, key: str, value: str) -> Settings:
    """Validate and store one setting; an empty value resets it to its default."""
    settings = load(workspace)
    section, name = _split(key)
    part = getattr(settings, section)
    field = type(part).model_fields[name]
    try:
        if value == "":
            setattr(part, name, field.get_default(call_default_factory=True))
        else:
            setattr(part, name, value)
    except ValidationError as err:
        msg = err.errors()[0]["msg"]
        raise HandpickedError(f"{key}: invalid value {value!r} ({msg})") from None
    save(workspace, settings)
    return settings


def flat(settings: Settings) -> dict[str, Any]:
    return {key: get(settings, key) for key in keys()}

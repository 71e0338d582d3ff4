"""Workspace settings (`config.toml`), typed and validated, addressed by dotted keys.

`handpicked config set audience.max 30` must refuse `abc` and name the valid keys when a key is
unknown, so settings are a pydantic model and the CLI goes through `get`/`set_value` here. Secrets
never live in this file: the SMTP password is in the OS keyring (see `secrets`).
"""

from __future__ import annotations

from typing import Any, Literal, cast, get_args, get_origin

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.fields import FieldInfo

from handpicked.core import configfile
from handpicked.core.clock import MAX_COUNT, MAX_DAYS
from handpicked.core.configfile import DEFAULT_LANGUAGE, Language
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import write_atomic


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, use_attribute_docstrings=True
    )


class Me(_Section):
    name: str = ""
    """Your name, as templates sign with `{{ me.name }}`."""
    signature: str = ""
    """A sign-off block for `{{ me.signature }}` (your name, role, a link)."""
    language: Language = DEFAULT_LANGUAGE
    """Language assumed for contacts whose title and company don't tell."""
    profile_url: str = ""
    """Your own LinkedIn profile URL: tells your messages from theirs in LinkedIn's archive."""


class Audience(_Section):
    target: int = Field(20, ge=1, le=MAX_COUNT)
    """The audience size to aim for: the twenty people a piece of news really concerns."""
    max: int = Field(25, ge=1, le=MAX_COUNT)
    """Above this many people a campaign is a broadcast, refused unless you insist."""
    not_contacted_days: int = Field(30, ge=0, le=MAX_DAYS)
    """Leave out anyone messaged or met in this many days (0 turns the rule off)."""


class KeepInTouch(_Section):
    cadence_days: int | None = Field(None, ge=1, le=MAX_DAYS)
    """Days between contacts for anyone with no cadence of their own or of a tag (empty: none)."""


class Limits(_Section):
    connection_note: int = Field(200, ge=1, le=MAX_COUNT)
    """Characters in a connection note (200 on a free account, 300 with Premium)."""
    inmail_subject: int = Field(200, ge=1, le=MAX_COUNT)
    """Characters in an InMail subject."""
    inmail: int = Field(1900, ge=1, le=MAX_COUNT)
    """Characters in an InMail body."""
    linkedin_message: int = Field(8000, ge=1, le=MAX_COUNT)
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
    keep_in_touch: KeepInTouch = Field(default_factory=KeepInTouch)
    limits: Limits = Field(default_factory=Limits)
    smtp: Smtp = Field(default_factory=Smtp)


def _section_model(section: str) -> type[BaseModel]:
    """The model of one section: each field of Settings is one (pydantic types it loosely)."""
    return cast(type[BaseModel], Settings.model_fields[section].annotation)


def _field_name(section: type[BaseModel], key: str) -> str | None:
    for name, info in section.model_fields.items():
        if key in (name, info.alias):
            return name
    return None


def keys() -> list[str]:
    """Every valid dotted key, in file order."""
    out = []
    for section in Settings.model_fields:
        for name, field in _section_model(section).model_fields.items():
            out.append(f"{section}.{field.alias or name}")
    return out


def _field(key: str) -> FieldInfo:
    section, name = _split(key)
    return _section_model(section).model_fields[name]


def allowed(key: str) -> str:
    """What a setting accepts, in words, so a refusal can say what would be accepted."""
    field = _field(key)
    if get_origin(field.annotation) is Literal:
        return "one of " + ", ".join(get_args(field.annotation))
    bounds: dict[str, int] = {}
    for rule in field.metadata:  # Field(ge=..., le=...) becomes Ge and Le rules
        bounds.update((name, getattr(rule, name)) for name in ("ge", "le") if hasattr(rule, name))
    if "le" in bounds:
        return f"a whole number from {bounds.get('ge', 0):,} to {bounds['le']:,}"
    if "ge" in bounds:
        return f"a whole number, {bounds['ge']:,} or more"
    return "any text"


def _split(key: str) -> tuple[str, str]:
    section, _, leaf = key.partition(".")
    if section in Settings.model_fields:
        name = _field_name(_section_model(section), leaf)
        if name:
            return section, name
    raise HandpickedError(f"unknown setting {key!r}; valid keys: {', '.join(keys())}")


def load(ws: Workspace) -> Settings:
    """The workspace's settings; a file edited by hand into nonsense is refused, line named."""
    data = configfile.read(ws.config_path)
    try:
        return Settings.model_validate(data)
    except ValidationError as err:
        raise HandpickedError(f"{ws.config_path}: {_problem(err)}") from None


def _problem(err: ValidationError) -> str:
    """The first thing wrong in a hand-edited file, said with the key and what it accepts."""
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"unknown setting {where!r}; valid keys: {', '.join(keys())}"
    try:
        accepted = allowed(where)
    except HandpickedError:  # a whole section of the wrong kind (`audience = 3`)
        return f"{where}: {first['msg']}; correct that line, or delete it to use the default"
    return (
        f"{where} is {first['input']!r}; allowed: {accepted}; correct that line, or delete it to "
        "use the default"
    )


def save(ws: Workspace, settings: Settings) -> None:
    data = settings.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    data = {section: values for section, values in data.items() if values}
    write_atomic(ws.config_path, tomli_w.dumps(data).encode("utf-8"))


def get(settings: Settings, key: str) -> Any:
    section, name = _split(key)
    return getattr(getattr(settings, section), name)


def set_value(ws: Workspace, key: str, value: str) -> Settings:
    """Validate and store one setting; an empty value resets it to its default."""
    return set_values(ws, {key: value})


def set_values(ws: Workspace, values: dict[str, str]) -> Settings:
    """Validate every value, then store them all in one atomic write, or none of them.

    The app's Settings form saves several keys at once: a bad one must leave the file as it was
    (not half the form), and the error's `key` fact says which field to point at.
    """
    settings = load(ws)
    for key, value in values.items():
        _assign(settings, key, value)
    save(ws, settings)
    return settings


def _assign(settings: Settings, key: str, value: str) -> None:
    section, name = _split(key)
    part = getattr(settings, section)
    field = type(part).model_fields[name]
    try:
        if value == "":
            setattr(part, name, field.get_default(call_default_factory=True))
        else:
            setattr(part, name, value)
    except ValidationError:
        raise HandpickedError(
            f"{key}: invalid value {value!r} (allowed: {allowed(key)})", key=key
        ) from None


def unsigned(settings: Settings) -> str | None:
    """Why messages would go out unsigned (no name, no signature), or None when they are signed.

    Templates end with `{{ me.signature or me.name }}`: without either, every message of a
    campaign ends on an empty line, and nothing else would tell the user.
    """
    if settings.me.name.strip() or settings.me.signature.strip():
        return None
    return "your name is not set (me.name): the messages end without a signature"


def flat(settings: Settings) -> dict[str, Any]:
    return {key: get(settings, key) for key in keys()}

"""One campaign, each person in their language: which variant and which values a message uses.

A template comes in language variants (`NAME.en.j2`, `NAME.fr.j2`); each contact gets the one in
their language, else another, so nobody is left out of a campaign for want of a translation. The
campaign's values can be per language too: `event_date:fr` is what the French variant prints
where the others print `event_date`, since "12 December" does not belong in a French sentence.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from handpicked.core.errors import HandpickedError, Hint

if TYPE_CHECKING:  # templates imports this module
    from handpicked.core.messages.templates.files import Template


def variants(templates: list[Template], name: str) -> dict[str, Template]:
    """The language variants of a template, language -> template ({} when there is none)."""
    return {t.language: t for t in templates if t.name == name}


def find(templates: list[Template], name: str, language: str | None) -> Template:
    """The variant in `language`, else another one (English first), so nobody is left out."""
    options = variants(templates, name)
    if not options:
        names = sorted({t.name for t in templates})
        if not names:
            raise HandpickedError(
                f"no template named {name!r}, and no templates were found; "
                "add NAME.LANG.j2 files to your workspace's templates/ folder"
            )
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise HandpickedError(
            f"no template named {name!r}; the templates are {', '.join(names)}.{hint}"
        )
    if language in options:
        return options[language]
    for fallback in ("en", "fr", *sorted(options)):
        if fallback in options:
            return options[fallback]
    raise AssertionError("unreachable")


def values_for(campaign_vars: Mapping[str, str], language: str) -> dict[str, str]:
    """The campaign values a template in `language` sees: `KEY:LANG` overrides `KEY` there.

    One campaign writes to each person in their language, and a value can be language too
    ("12 December" / "12 décembre"): the French variant reads `event_date:fr` when it is given.
    """
    values = {key: value for key, value in campaign_vars.items() if ":" not in key}
    suffix = f":{language}"
    for key, value in campaign_vars.items():
        if key.endswith(suffix) and str(value).strip():
            values[key[: -len(suffix)]] = value
    return values


def check_value_names(options: Mapping[str, Template], campaign_vars: Iterable[str]) -> None:
    """Refuse a value no variant declares (a typo would otherwise be stored and never shown)."""
    declared = sorted({key for template in options.values() for key in template.variables})
    name = next(iter(options.values())).name
    for given in campaign_vars:
        key, colon, language = given.partition(":")
        if colon and not language:
            raise HandpickedError(
                f"value {given}: a language is missing after the colon (e.g. {key}:fr)"
            )
        if key not in declared:
            close = difflib.get_close_matches(key, declared, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            known = ", ".join(declared) or "none"
            raise HandpickedError(
                f"value {given}: template {name} has no value {key!r} (its values: {known}){hint}"
            )
        if language and language not in options:
            raise HandpickedError(
                f"value {given}: template {name} has no {language!r} variant "
                f"(it has {', '.join(sorted(options))})",
                hint=Hint.VALUE_FOR_ALL,
                key=key,
            )


def check_variables(template: Template, campaign_vars: dict[str, str]) -> None:
    """Refuse to render before a campaign value the template declares is given."""
    missing = [
        (key, f"{key} ({description})" if description else key)
        for key, description in template.variables.items()
        if not str(campaign_vars.get(key, "")).strip()
    ]
    if missing:
        raise HandpickedError(
            f"{template.file_name}: missing the value {', '.join(said for _, said in missing)}",
            hint=Hint.MISSING_VALUES,
            key=missing[0][0],
        )

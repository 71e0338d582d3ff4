"""The user's message templates: found on disk, parsed, rendered in a sandbox with a budget.

`files` finds and loads template files and renders them; `analysis` reads which variables a
template uses; `context` builds what a template sees of a person; `languages` picks each person's
variant; `sandbox` and `budget` keep a hostile template from escaping or running forever.
"""

from handpicked.core.messages.templates.files import (
    CONTACT_VARIABLES,
    ContextMaker,
    RenderedMessage,
    Renderer,
    Template,
    check_value_names,
    check_variables,
    contact_context,
    contact_variables_used,
    discover,
    find,
    load_template,
    lookup,
    render,
    render_checked,
    render_texts,
    shipped_templates_dir,
    values_for,
    variants,
)

__all__ = [
    "CONTACT_VARIABLES",
    "ContextMaker",
    "RenderedMessage",
    "Renderer",
    "Template",
    "check_value_names",
    "check_variables",
    "contact_context",
    "contact_variables_used",
    "discover",
    "find",
    "load_template",
    "lookup",
    "render",
    "render_checked",
    "render_texts",
    "shipped_templates_dir",
    "values_for",
    "variants",
]

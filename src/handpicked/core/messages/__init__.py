"""Messages: the templates, the warnings about a message, and writing one for a person.

`templates/` finds, parses and renders the user's Jinja2 templates in a sandbox with a budget;
`lint/` holds the warnings (too long, empty field, sales pitch, identical); `writer` turns a
template and a person into a linted message. Faces import this surface.
"""

from handpicked.core.messages.lint.rules import LIMITS, LintWarning, channel_limit
from handpicked.core.messages.templates.files import Template, discover, find, variants

__all__ = [
    "LIMITS",
    "LintWarning",
    "Template",
    "channel_limit",
    "discover",
    "find",
    "variants",
]

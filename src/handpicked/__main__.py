"""`python -m handpicked` is the `handpicked` command."""

from handpicked.cli import entry

entry()

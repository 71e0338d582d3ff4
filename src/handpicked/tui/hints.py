"""The app's words for each situation a core error names: keys and screens, never CLI flags.

The core says what is wrong (`HandpickedError`) and names the situation (`Hint`); the CLI adds
the flag that fixes it, the app adds the key. "" where the situation cannot arise in the app (it
has no column mapping, no --workspace), so the plain sentence is shown alone.
"""

from __future__ import annotations

from collections.abc import Mapping

from handpicked.core.errors import HandpickedError, Hint, add_hint, with_hint

SETTINGS_KEY = "F10"
"""The key that opens the Settings screen, as the hints and the first-run dialog name it."""

APP_HINTS: dict[Hint, str] = {
    Hint.FIND_CONTACT: "search for them on Contacts (F2)",
    Hint.DO_NOT_CONTACT: (
        "unpick them (space on Contacts), or clear do-not-contact on their details (Enter)"
    ),
    Hint.ALLOW_LARGE: "narrow the audience on Contacts (F2), or compose anyway when asked",
    Hint.NAME_PEOPLE: "loosen the filters on Contacts (F2), or pick people there (space)",
    Hint.INCLUDE_RECENT: "add back the people you mean from Left out on Compose (a)",
    Hint.NAME_TWO: "pick exactly the two people on Contacts (F2, space)",
    Hint.CAMPAIGN_NAME: "type one in Campaign name",
    Hint.NEW_CAMPAIGN: "compose one on Compose (F4)",
    Hint.CAMPAIGN_MEMBERS: "Dispatch (F5) lists who is",
    Hint.MISSING_VALUES: "fill in {key} under the template's values on Compose (F4)",
    Hint.VALUE_FOR_ALL: "give {key} without a language, for every language",
    Hint.SUBJECT: "type one in the send dialog's Subject",
    Hint.SMTP_SETTING: f"set {{key}} in Settings ({SETTINGS_KEY})",
    Hint.PASSWORD: "type the password again when you send (m on Dispatch)",
    Hint.NAME_COLUMN: "rename a column of the file to First Name, then import it again (i)",
    Hint.NO_MAPPING: "",
    Hint.COMPANY_NAME: "",
    Hint.EXCEL: "",
    Hint.WORKSPACE: "",
    Hint.RETRY_FAILED: "to try again, mark it queued on Dispatch (u)",
    Hint.CHECK_SENT: "check your Sent folder, then mark it sent (s) or queued (u) on Dispatch",
}


def app_message(err: Exception) -> str:
    """What the app shows for an error: the core's plain sentence, then the key that fixes it."""
    if isinstance(err, HandpickedError):
        return with_hint(str(err), APP_HINTS, err)
    return str(err)


def app_hint(message: str, hint: Hint | None, facts: Mapping[str, object] | None = None) -> str:
    """`message` (a report's plain reason) and the app's words for what to do about it."""
    return add_hint(message, APP_HINTS, hint, facts or {})

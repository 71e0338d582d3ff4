"""The SMTP password, kept in the OS keyring and nowhere else.

A password in config.toml ends up in backups, dotfile repositories and screenshots, so handpicked
only ever hands it to `keyring`, under service `handpicked` and the login name `smtp.username`.
Whatever backend the user's keyring library selects (including one named by
PYTHON_KEYRING_BACKEND) is used as is. When there is no usable one -- a headless Linux box has
none, a locked or unreachable one raises, the `null` backend silently drops what it is given --
nothing is stored anywhere: the caller asks for the password once per run instead. There is
deliberately no plaintext fallback and no dependency on keyrings.alt.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend
from keyring.errors import PasswordDeleteError
from pydantic import BaseModel

from handpicked.core.errors import HandpickedError, Hint

SERVICE = "handpicked"

SET_USERNAME = "set your login name first (smtp.username)"


class KeyringStatus(BaseModel):
    """What `auth status` reports and the TUI's account panel shows."""

    usable: bool
    backend: str
    has_password: bool
    message: str


def _describe(backend: KeyringBackend) -> str:
    if isinstance(backend, ChainerBackend):
        inner = ", ".join(_describe(b) for b in backend.backends)
        return f"chainer ({inner})" if inner else "chainer (no backends)"
    return getattr(backend, "name", "") or type(backend).__name__


def backend_name() -> str:
    """The keyring backend in use, as `auth status` prints it."""
    return _describe(keyring.get_keyring())


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _unusable_reason(backend: KeyringBackend) -> str | None:
    """Why this backend cannot keep a password, or None when it looks able to."""
    if isinstance(backend, fail.Keyring):
        return "no keyring backend is installed or running"
    if isinstance(backend, null.Keyring):
        return "the null keyring backend drops every password"
    if isinstance(backend, ChainerBackend):
        usable = [b for b in backend.backends if _unusable_reason(b) is None]
        if not usable:
            return "no keyring backend is installed or running"
    return None


def not_stored(reason: str) -> str:
    """The one sentence saying a password could not be kept, and what happens instead."""
    return (
        f"No usable keyring on this machine ({reason}): the password was not stored; "
        "handpicked will ask for it each time you send"
    )


def _lookup(username: str) -> tuple[str | None, str | None]:
    """(password, why the keyring is unusable); never raises.

    Third-party backends (D-Bus, Keychain, KWallet) raise their own exception types when locked
    or unreachable, not only `KeyringError`, so any failure here means "no usable keyring".
    """
    backend = keyring.get_keyring()
    reason = _unusable_reason(backend)
    if reason is not None:
        return None, reason
    try:
        return backend.get_password(SERVICE, username or "-"), None
    except Exception as err:  # KeyringError, or a backend's own: locked, no D-Bus, denied
        return None, f"{backend.name}: {_short(err)}"


def problem(username: str = "") -> str | None:
    """Why no password can be kept here (for `not_stored`), or None when the keyring works."""
    return _lookup(username)[1]


def status(username: str) -> KeyringStatus:
    """Whether a password can be kept, and whether one is kept for `username`."""
    password, reason = _lookup(username)
    backend = backend_name()
    if reason is not None:
        return KeyringStatus(
            usable=False,
            backend=backend,
            has_password=False,
            message=(
                f"No usable keyring on this machine ({reason}): no password is stored, and "
                "handpicked asks for it each time you send"
            ),
        )
    if not username:
        return KeyringStatus(usable=True, backend=backend, has_password=False, message=SET_USERNAME)
    if password is None:
        message = f"no password stored for {username}; store one with: handpicked auth set"
    else:
        message = f"a password for {username} is stored in the keyring"
    return KeyringStatus(
        usable=True, backend=backend, has_password=password is not None, message=message
    )


def store_password(username: str, password: str) -> None:
    """Keep the password in the keyring, or raise saying plainly that it was not kept."""
    if not username:
        raise HandpickedError(
            f"no SMTP login name: {SET_USERNAME}",
            hint=Hint.SMTP_SETTING,
            key="smtp.username",
            example="you@example.com",
        )
    if not password:
        raise HandpickedError("the password is empty: nothing was stored")
    backend = keyring.get_keyring()
    reason = _unusable_reason(backend)
    if reason is not None:
        raise HandpickedError(not_stored(reason))
    try:
        backend.set_password(SERVICE, username, password)
        kept = backend.get_password(SERVICE, username)
    except Exception as err:  # KeyringError or a backend's own error type
        raise HandpickedError(not_stored(f"{backend.name}: {_short(err)}")) from None
    if kept != password:
        # A backend that accepts and forgets would make every send ask again without saying why.
        raise HandpickedError(not_stored(f"{backend.name} did not keep it"))


def get_password(username: str) -> str | None:
    """The stored password; None when there is none or no usable keyring."""
    if not username:
        return None
    password, _ = _lookup(username)
    return password


def clear_password(username: str) -> bool:
    """Delete the stored password; False when there was none to delete."""
    if not username:
        return False
    backend = keyring.get_keyring()
    if _unusable_reason(backend) is not None:
        return False
    try:
        backend.delete_password(SERVICE, username)
    except PasswordDeleteError:
        return False
    except Exception as err:  # locked or unreachable: say so rather than claim it is gone
        raise HandpickedError(
            f"could not delete the password for {username} from the keyring "
            f"({backend.name}: {_short(err)}); unlock the keyring and try again"
        ) from None
    return True

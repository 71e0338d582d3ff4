"""The SMTP password in the OS keyring: kept there or nowhere, and said plainly when nowhere."""

from __future__ import annotations

import os
import subprocess
import sys

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked

from handpicked.core.campaigns.email import secrets
from handpicked.core.errors import HandpickedError

USER = "alex@example.com"


class LockedKeyring(KeyringBackend):
    """A keyring that exists but is locked, as a Secret Service one is before login."""

    priority = 1

    def get_password(self, service, username):
        raise KeyringLocked("the collection is locked")

    def set_password(self, service, username, password):
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service, username):
        raise KeyringLocked("the collection is locked")


class ForgetfulKeyring(KeyringBackend):
    """A backend that accepts a password and keeps nothing, without saying so."""

    priority = 1

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        return None

    def delete_password(self, service, username):
        return None


def test_store_get_clear(memory_keyring):
    """Verify a stored password is read back under service `handpicked`, then deleted."""
    secrets.store_password(USER, "s3cret é")
    assert memory_keyring.passwords == {("handpicked", USER): "s3cret é"}
    assert secrets.get_password(USER) == "s3cret é"
    state = secrets.status(USER)
    assert state.usable and state.has_password
    assert "MemoryKeyring" in state.backend
    assert secrets.clear_password(USER) is True
    assert secrets.get_password(USER) is None
    assert secrets.clear_password(USER) is False


def test_status_without_password(memory_keyring):
    """Verify status says none is stored and how to store one."""
    state = secrets.status(USER)
    assert state.usable and not state.has_password
    assert "handpicked auth set" in state.message


def test_no_username_is_refused(memory_keyring):
    """Verify storing without smtp.username names the setting, and status asks for it."""
    with pytest.raises(HandpickedError, match=r"set your login name first \(smtp\.username\)"):
        secrets.store_password("", "pw")
    assert "smtp.username" in secrets.status("").message
    assert memory_keyring.passwords == {}


def test_empty_password_is_refused(memory_keyring):
    """Verify an empty password is not stored."""
    with pytest.raises(HandpickedError, match="empty"):
        secrets.store_password(USER, "")
    assert memory_keyring.passwords == {}


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), LockedKeyring()])
def test_no_usable_keyring(backend):
    """Verify the fail, null and a locked backend are reported unusable and nothing is stored."""
    keyring.set_keyring(backend)
    state = secrets.status(USER)
    assert not state.usable and not state.has_password
    assert state.message.startswith("No usable keyring on this machine (")
    with pytest.raises(HandpickedError) as refused:
        secrets.store_password(USER, "pw")
    assert str(refused.value).startswith("No usable keyring on this machine (")
    assert str(refused.value).endswith(
        "the password was not stored; handpicked will ask for it each time you send"
    )
    assert secrets.get_password(USER) is None


def test_locked_keyring_names_the_cause():
    """Verify a locked keyring's own message reaches the user."""
    keyring.set_keyring(LockedKeyring())
    assert "locked" in secrets.status(USER).message
    with pytest.raises(HandpickedError, match="unlock"):
        secrets.clear_password(USER)


def test_backend_that_forgets_is_caught():
    """Verify a backend that silently drops the password is reported, not trusted."""
    keyring.set_keyring(ForgetfulKeyring())
    with pytest.raises(HandpickedError, match="did not keep it"):
        secrets.store_password(USER, "pw")


def test_environment_backend_is_used_as_is(tmp_path):
    """Verify PYTHON_KEYRING_BACKEND is honoured as is (null is never picked on its own)."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    code = "from handpicked.core.campaigns.email import secrets as k; s = k.status('x'); print(s.backend, s.usable)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout == "null Keyring False\n"

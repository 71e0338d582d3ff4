"""Sending a campaign by email: the dry run, the exactly-once send, the password in the keyring.

A send claims each message (`sending`) before the SMTP conversation and marks it `sent` after,
so a crash never sends a message twice; one send runs per workspace at a time.
"""

from handpicked.core.campaigns.email.dispatch import (
    SUBJECTLESS,
    SendItem,
    SendReport,
    SendStopped,
    plan,
    send,
)
from handpicked.core.campaigns.email.secrets import (
    SERVICE,
    SET_USERNAME,
    KeyringStatus,
    backend_name,
    clear_password,
    get_password,
    not_stored,
    store_password,
)
from handpicked.core.campaigns.email.secrets import problem as keyring_problem
from handpicked.core.campaigns.email.secrets import status as keyring_status
from handpicked.core.campaigns.email.smtp import account, bad_address
from handpicked.core.campaigns.email.trial import send_test
from handpicked.core.campaigns.sendlock import refuse_if_held

__all__ = [
    "SERVICE",
    "SET_USERNAME",
    "SUBJECTLESS",
    "KeyringStatus",
    "SendItem",
    "SendReport",
    "SendStopped",
    "account",
    "backend_name",
    "bad_address",
    "clear_password",
    "get_password",
    "keyring_problem",
    "keyring_status",
    "not_stored",
    "plan",
    "refuse_if_held",
    "send",
    "send_test",
    "store_password",
]

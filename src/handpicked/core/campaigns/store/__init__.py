"""The queue of a campaign once composed: reading it, editing it, marking what happened.

Messages are sent by hand (LinkedIn has no API for a personal note) or by email, so the user tells
handpicked what happened with `mark`, and these statuses feed every later audience: a message
marked `sent` today keeps its recipient out of next week's campaign. Everything is in the
workspace database, so the queue survives closing the app or the terminal.

The campaigns' SQL lives in this package only: `reading` (campaigns and message views),
`warnings` (stored lint), `editing` (marks, hand edits, cursor), `queueing` (compose's writes),
`history` (counts and a person's messages) and `sending` (the email send's claim and outcome).
"""

from handpicked.core.campaigns.store.editing import (
    delete_campaign,
    edit_message,
    mark,
    set_cursor,
)
from handpicked.core.campaigns.store.reading import (
    DONE,
    Campaign,
    CampaignInfo,
    CampaignPreview,
    MessageView,
    campaign_info,
    find_campaign,
    get_campaign,
    get_cursor,
    language_counts,
    message_for,
    message_ids,
    message_view,
    preview,
    recency_days,
)
from handpicked.core.campaigns.store.warnings import (
    count_warnings,
    dump_warnings,
    load_warnings,
    own_warnings,
    relint_campaign,
)

__all__ = [
    "DONE",
    "Campaign",
    "CampaignInfo",
    "CampaignPreview",
    "MessageView",
    "campaign_info",
    "count_warnings",
    "delete_campaign",
    "dump_warnings",
    "edit_message",
    "find_campaign",
    "get_campaign",
    "get_cursor",
    "language_counts",
    "load_warnings",
    "mark",
    "message_for",
    "message_ids",
    "message_view",
    "own_warnings",
    "preview",
    "recency_days",
    "relint_campaign",
    "set_cursor",
]

"""Campaigns: composing the messages, the persistent queue, history, export and email.

`compose` renders and lints one message per person and stores them in one transaction; `store`
holds the queue (views, marks, hand edits, the dispatch cursor); `export` writes send lists;
`email/` sends. Faces import this surface (and `email`'s), never the modules behind it.
"""

from handpicked.core.campaigns.compose import ComposeReport, compose, draft, rerender
from handpicked.core.campaigns.export import FORMATS, export_campaign, preview_json, safe_url
from handpicked.core.campaigns.history import (
    CampaignSummary,
    history,
    latest_campaign,
    list_campaigns,
)
from handpicked.core.campaigns.store.editing import (
    delete_campaign,
    edit_message,
    mark,
    set_cursor,
)
from handpicked.core.campaigns.store.reading import (
    CampaignInfo,
    CampaignPreview,
    MessageView,
    campaign_info,
    get_cursor,
    language_counts,
    message_for,
    preview,
)
from handpicked.core.models import MARKABLE

__all__ = [
    "FORMATS",
    "MARKABLE",
    "CampaignInfo",
    "CampaignPreview",
    "CampaignSummary",
    "ComposeReport",
    "MessageView",
    "campaign_info",
    "compose",
    "delete_campaign",
    "draft",
    "edit_message",
    "export_campaign",
    "get_cursor",
    "history",
    "language_counts",
    "latest_campaign",
    "list_campaigns",
    "mark",
    "message_for",
    "preview",
    "preview_json",
    "rerender",
    "safe_url",
    "set_cursor",
]

"""The small workspace and helpers the campaign tests share (the `ws` fixture is in conftest.py)."""

from __future__ import annotations

import textwrap

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.db import Workspace

PEOPLE = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Bruno,Abel,https://linkedin.com/in/bruno-abel,,Northwind,Analyst,03 Jan 2024
    Chloe,Mercier,https://linkedin.com/in/chloe-mercier,,,Designer,20 Jun 2022
    Dario,Basso,https://linkedin.com/in/dario-basso,dario@example.com,Contoso,Engineer,01 Feb 2020
    Alma,Ruiz,https://linkedin.com/in/alma-ruiz,,Contoso,Manager,15 Sep 2025
"""
EVENT = {
    "event_name": "the Harbour Data Day",
    "event_date": "Thursday, May 15",
    "event_place": "the Old Port",
    "event_topic": "open data",
}


def ids(ws: Workspace) -> dict[str, int]:
    return {f"{c.first_name} {c.last_name}": c.id for c in contacts.list_contacts(ws)}


def user_template(ws: Workspace, name: str, body: str, front: str = "") -> None:
    ws.templates_dir.mkdir(parents=True, exist_ok=True)
    text = f'+++\ndescription = "test"\n{front}+++\n{textwrap.dedent(body)}'
    (ws.templates_dir / f"{name}.en.j2").write_text(text, encoding="utf-8")


def codes(view) -> list[str]:
    return [w.code for w in view.warnings]


def by_contact(ws: Workspace, name: str) -> dict[int, campaigns.MessageView]:
    return {m.contact_id: m for m in campaigns.preview(ws, name).messages}

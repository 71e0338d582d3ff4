"""Export: hostile fields stay data in CSV, JSON, Markdown and HTML; files written atomically."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from handpicked.core import campaigns
from handpicked.core.campaigns.export import (
    csv_cell,
    export_campaign,
    md_text,
    preview_json,
    render_export,
)
from handpicked.core.campaigns.store import CampaignPreview, MessageView, preview
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.lint.rules import LintWarning

FORMULA = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"
JINJA = "{{ 7*7 }}"
MARKUP = "[bold]x[/]"
TICKS = "a ```` b ` c"


def message(mid: int, **fields: object) -> MessageView:
    base: dict[str, object] = {
        "message_id": mid, "contact_id": mid, "name": "Plain Name", "profile_url": "",
        "email": "", "language": "en", "subject": None, "body": "Hello", "edited": False,
        "warnings": [], "status": "queued", "status_at": "", "sent_at": None, "error": "",
    }  # fmt: skip
    return MessageView.model_validate(base | fields)


def hostile() -> CampaignPreview:
    body = f"Hi {JINJA} {MARKUP}\n{SCRIPT}\n{TICKS}\n"
    return CampaignPreview(
        campaign=f'q"<{SCRIPT}>',
        template="reconnect",
        channel="linkedin-message",
        variables={},
        messages=[
            message(
                7, name=f"{FORMULA} `x`", profile_url="javascript:alert(1)", email="@evil",
                body=body, warnings=[LintWarning(code="empty-field", message=SCRIPT)],
            ),
            message(
                8, name=SCRIPT, profile_url="https://linkedin.com/in/a-b?x=1&y=2",
                body="=1+1 starts like a formula", status="sent", subject=f"-{MARKUP}",
            ),
            message(9, name="\tTabbed", profile_url="+1 555 0100", body="\rcarriage",
                    language="fr"),
        ],
    )  # fmt: skip


def test_csv_neutralises_formulas() -> None:
    """Verify CSV cells starting with = + - @ tab or CR get a leading quote, the rest verbatim."""
    text = render_export(hostile(), "csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["name", "profile_url", "email", "subject", "body", "status"]
    first, second, third = rows[1:]
    assert first[0] == f"'{FORMULA} `x`" and first[2] == "'@evil"
    assert first[1] == "javascript:alert(1)"
    assert first[4] == f"Hi {JINJA} {MARKUP}\n{SCRIPT}\n{TICKS}\n"
    assert second[3] == f"'-{MARKUP}" and second[4] == "'=1+1 starts like a formula"
    assert third[0] == "'\tTabbed" and third[1] == "'+1 555 0100" and third[4] == "'\ncarriage"


def test_csv_excel_has_bom_and_crlf() -> None:
    """Verify --excel writes UTF-8 with a BOM and CRLF row ends; plain CSV has neither."""
    excel = render_export(hostile(), "csv", excel=True)
    assert excel.startswith(b"\xef\xbb\xbfname,profile_url,email,subject,body,status\r\n")
    plain = render_export(hostile(), "csv")
    assert (
        not plain.startswith(b"\xef\xbb\xbf")
        and plain.startswith(b"name,")
        and b"\r\n" not in plain
    )
    rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig"), newline="")))
    assert rows[1][0] == f"'{FORMULA} `x`" and rows[2][0] == SCRIPT


def test_json_is_the_preview_shape() -> None:
    """Verify JSON export is the preview JSON, fields as given."""
    data = json.loads(render_export(hostile(), "json"))
    assert data == preview_json(hostile())
    assert data["messages"][0]["name"] == f"{FORMULA} `x`"
    assert data["messages"][0]["warnings"] == [{"code": "empty-field", "message": SCRIPT}]
    assert set(data) == {"campaign", "template", "channel", "messages"}


def test_markdown_escapes_names_and_fences_bodies() -> None:
    """Verify Markdown escapes names, fences bodies beyond their backticks, ticks sent ones."""
    text = render_export(hostile(), "md").decode("utf-8")
    assert '- [ ] **=HYPERLINK("http://x") \\`x\\`** — javascript:alert(1)' in text
    assert "- [x] **\\<script>alert(1)\\</script>** — [profile](<https://" in text
    assert "`````text\n" in text  # the body has a run of 4 backticks
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered
    fences = [t.content for t in MarkdownIt("commonmark").parse(text) if t.type == "fence"]
    assert fences[:2] == [m.body + "\n" for m in hostile().messages[:2]]
    assert 'href="javascript' not in rendered


def test_markdown_shows_names_literally_without_needless_backslashes() -> None:
    """Verify names with dashes, dots, parentheses or list markers read as typed, raw and rendered."""
    names = ["Jean-Pierre Côté", "- Anne", "1. Bob", "Dr. Ann O'Neil (PhD) + Co!", "Procter & Gamble",
             "C# #1", "+ Zoé", "> Quote", "===", "-- x", "+1 555", "a &amp; b", "Ann_Lee *x*"]  # fmt: skip
    p = CampaignPreview(
        campaign="launch #", template="reconnect", channel="linkedin-message", variables={},
        messages=[message(i, name=name) for i, name in enumerate(names, 1)],
    )  # fmt: skip
    text = render_export(p, "md").decode("utf-8")
    for plain in names[0], names[3], names[4]:
        assert f"**{plain}** —" in text
    tokens = MarkdownIt("commonmark").parse(text)
    heading = next(t for t in tokens if t.type == "inline")
    assert "".join(c.content for c in heading.children or ()) == "launch #"
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == len(names)
    strong = []
    for t in tokens:
        kinds = [c.type for c in t.children or ()]
        if "strong_open" in kinds:
            inside = t.children[kinds.index("strong_open") + 1 : kinds.index("strong_close")]
            strong.append("".join(c.content for c in inside))
    assert strong == names
    for name in names:  # even where a line starts with it, a name is a paragraph, not a block
        assert MarkdownIt("commonmark").render(md_text(name)).startswith("<p>")


class _Page(HTMLParser):
    """Collects what a browser would see: elements, attributes, textarea text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.areas: list[str] = []
        self._in_area = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        if tag == "textarea":
            self._in_area = True
            self.areas.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._in_area = False

    def handle_data(self, data: str) -> None:
        if self._in_area:
            self.areas[-1] += data


def test_html_is_self_contained_and_escaped() -> None:
    """Verify the HTML page loads nothing, runs only its own script, and keeps fields as text."""
    raw = render_export(hostile(), "html").decode("utf-8")
    page = _Page()
    page.feed(raw)
    assert page.tags.count("script") == 1 and SCRIPT not in raw
    assert not {"link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert not [a for a in page.attrs if a[1] == "src"]
    assert "@import" not in raw and "url(" not in raw and "//fonts" not in raw
    hrefs = [value for tag, name, value in page.attrs if name == "href"]
    assert hrefs == ["https://linkedin.com/in/a-b?x=1&y=2"]
    assert page.areas == ["Hi {{ 7*7 }} [bold]x[/]\n<script>alert(1)</script>\na ```` b ` c\n",
                          "=1+1 starts like a formula", "\ncarriage"]  # fmt: skip
    body = [value for tag, name, value in page.attrs if tag == "body" and name == "data-campaign"]
    assert body == [f'q"<{SCRIPT}>']
    boxes = [(n, v) for t, n, v in page.attrs if t == "input" and n in ("data-message", "checked")]
    assert boxes == [("data-message", "7"), ("data-message", "8"), ("checked", None),
                     ("data-message", "9")]  # fmt: skip
    subject = [v for t, n, v in page.attrs if t == "input" and n == "value"]
    assert subject == [f"-{MARKUP}"]
    languages = [(t, v) for t, n, v in page.attrs if n == "lang"]
    assert languages == [("html", "en"), ("article", "en"), ("article", "en"), ("article", "fr")]
    script = raw.split("<script>")[1]
    assert "localStorage" in script and "navigator.clipboard" in script and "execCommand" in script
    assert "http" not in script


def test_unknown_format_and_excel_misuse() -> None:
    """Verify an unknown format and --excel outside csv are refused with a clear sentence."""
    with pytest.raises(HandpickedError, match="unknown export format 'pdf'"):
        render_export(hostile(), "pdf")


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@pytest.fixture
def hostile_ws(tmp_path: Path) -> Workspace:
    lines = f"""\
        "{FORMULA.replace('"', '""')}",{SCRIPT},https://x.example/h1,,"{JINJA}",{MARKUP},12 Mar 2021
        Tick`s,```Back,https://linkedin.com/in/h2,,Acme,Engineer,12 Mar 2021
    """
    path = tmp_path / "Connections.csv"
    path.write_text(f"Notes:\n\n{HEADER}\n{textwrap.dedent(lines)}", encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    assert import_paths(ws, [path])[0].error is None
    yield ws
    ws.close()


def test_hostile_contacts_survive_every_export(hostile_ws: Workspace, tmp_path: Path) -> None:
    """Verify imported hostile fields come out literally in every format, and harmlessly."""
    ws = hostile_ws
    ids = [c.id for c in contacts.list_contacts(ws)]
    campaigns.compose(ws, "odd", template="reconnect", variables={}, f=None, contact_ids=ids)
    body = next(m.body for m in campaigns.preview(ws, "odd").messages if "7*7" in m.body)
    assert f"{MARKUP} at {JINJA}" in body and "49" not in body
    out = tmp_path / "out"
    for fmt in ("csv", "json", "md", "html"):
        data = export_campaign(ws, "odd", fmt, out / f"list.{fmt}", excel=fmt == "csv")
        assert (out / f"list.{fmt}").read_bytes() == data
    rows = list(csv.reader(io.StringIO((out / "list.csv").read_text("utf-8-sig"), newline="")))
    names = {r[0] for r in rows[1:]}
    assert f"'{FORMULA} {SCRIPT}" in names and "Tick`s ```Back" in names
    exported = json.loads((out / "list.json").read_text("utf-8"))["messages"]
    assert body in [m["body"] for m in exported]
    md = (out / "list.md").read_text("utf-8")
    assert "<script>" not in MarkdownIt("commonmark").render(md)
    assert "**Tick\\`s \\`\\`\\`Back**" in md
    page = _Page()
    page.feed((out / "list.html").read_text("utf-8"))
    assert page.tags.count("script") == 1 and body in page.areas
    assert sorted(p.name for p in out.iterdir()) == [
        "list.csv",
        "list.html",
        "list.json",
        "list.md",
    ]


def test_export_without_path_writes_nothing(hostile_ws: Workspace, tmp_path: Path) -> None:
    """Verify export without a path only returns bytes, and Excel-friendly output needs csv."""
    ws = hostile_ws
    ids = [c.id for c in contacts.list_contacts(ws)]
    campaigns.compose(ws, "odd", template="reconnect", variables={}, f=None, contact_ids=ids)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert export_campaign(ws, "odd", "md", None).startswith(b"# odd")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    with pytest.raises(HandpickedError, match="Excel-friendly output is for CSV files, not html"):
        export_campaign(ws, "odd", "html", None, excel=True)


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b\x7f"
BIDI = "\u202e\u2066\u200f\u061c"
CONTROLS = "\x1b\x07\x9b\x7f" + BIDI


def test_csv_guard_catches_leading_space_and_controls() -> None:
    """Verify a formula behind spaces, a tab or a newline is neutralised, and controls removed."""
    for text in (" =1+1", "  +1", "\n-1", "\t@x", "\r=cmd", "\x1b=1+1", "\u202e=1+1"):
        cell = csv_cell(text)
        assert cell.startswith("'"), text
        assert "\x1b" not in cell and "\u202e" not in cell and "\r" not in cell
    assert csv_cell("a =b") == "a =b" and csv_cell("") == ""


def test_hostile_text_loses_escapes_and_bidi_in_csv_md_html() -> None:
    """Verify escapes and bidi controls in every field leave CSV, Markdown and HTML exports."""
    p = CampaignPreview(
        campaign=f"camp{BIDI}",
        template="reconnect",
        channel="email",
        variables={},
        messages=[
            message(
                1, name=f"Ann{ESCAPES}{BIDI}Lee", email=f"a{BIDI}@x.example",
                subject=f"Hi{ESCAPES}", body=f"Line one{ESCAPES}\nLine{BIDI} two",
                profile_url=f"https://x.example/{BIDI}",
            )
        ],
    )  # fmt: skip
    for fmt in ("csv", "md", "html"):
        text = render_export(p, fmt).decode("utf-8")
        for char in CONTROLS:
            assert char not in text, (fmt, hex(ord(char)))
        assert "Line one]0;owned[2J\nLine two" in text.replace("\r\n", "\n")
    raw = render_export(p, "json").decode("utf-8")
    assert not [c for c in CONTROLS if c in raw]
    assert json.loads(raw)["messages"][0]["name"] == f"Ann{ESCAPES}{BIDI}Lee"


def test_hand_edited_body_is_neutralised_in_csv_and_md(hostile_ws: Workspace) -> None:
    """Verify a hand edit starting with ' =' and holding ESC leaves CSV and Markdown harmless."""
    ws = hostile_ws
    ids = [c.id for c in contacts.list_contacts(ws)]
    campaigns.compose(ws, "odd", template="reconnect", variables={}, f=None, contact_ids=ids)
    edited = f' =HYPERLINK("http://x","y"){ESCAPES}\nsecond line'
    campaigns.edit_message(ws, "odd", ids[0], edited)
    rows = list(csv.reader(io.StringIO(render_export(preview(ws, "odd"), "csv").decode(), "")))
    body = next(r[4] for r in rows[1:] if "HYPERLINK" in r[4])
    assert body == "'" + edited.replace(ESCAPES, "]0;owned[2J")
    md = render_export(preview(ws, "odd"), "md").decode("utf-8")
    assert "=HYPERLINK" in md and not [c for c in CONTROLS if c in md]

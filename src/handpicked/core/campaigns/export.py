"""A campaign as a send list for manual dispatch: CSV, JSON, a Markdown checklist, an HTML page.

LinkedIn messages go out by hand: the user opens a list, copies a message, opens the profile,
pastes, ticks it off. Every format carries contact fields, which are hostile data: a name like
`=HYPERLINK(...)` must not run in a spreadsheet, `<script>` must not run in the page, a backtick
or a bracket must not break the Markdown, and no format carries a terminal escape or a bidi
control (`safe_text`; JSON keeps the values, escaped). Each format escapes at its own edge, and
the HTML page is self-contained (no network: inline CSS and JS, nothing fetched), so it works
offline forever.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handpicked.core.campaigns.store.reading import DONE, CampaignPreview, preview
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.fileio import write_atomic
from handpicked.core.models import EXPORT_FORMATS
from handpicked.core.text import CONTROL_CLASS, escape_controls, safe_text

FORMATS = EXPORT_FORMATS
CSV_COLUMNS: tuple[str, ...] = ("name", "profile_url", "email", "subject", "body", "status")
_FORMULA_START = ("=", "+", "-", "@")
_URL_UNSAFE = re.compile(f"[\\s<>\"'`{CONTROL_CLASS}]")
# Escaped anywhere: what opens emphasis, code, links, HTML, strikethrough or a table cell, an `&`
# that would start an entity, and a `#` that could close the title heading. A dash, dot or
# parenthesis is harmless inside a line, so "Jean-Pierre" and "Dr. Lee (PhD)" stay as typed.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<|~]|&(?=#?\w+;)|(?<!\S)#")
# At the start of a line these would make a list, a quote, a heading or an underline.
_MD_BLOCK_START = re.compile(r"^(?:[-+](?=[\s-]|$)|=+\s*$|>|\d{1,9}(?=[.)]))")


def preview_json(p: CampaignPreview) -> dict[str, Any]:
    """The `preview --json` shape (also `export --format json`)."""
    return {
        "campaign": p.campaign,
        "template": p.template,
        "channel": p.channel,
        "messages": [
            {
                "message_id": m.message_id,
                "contact_id": m.contact_id,
                "name": m.name,
                "profile_url": m.profile_url,
                "email": m.email,
                "language": m.language,
                "subject": m.subject,
                "body": m.body,
                "edited": m.edited,
                "warnings": [{"code": w.code, "message": w.message} for w in m.warnings],
                "status": m.status,
            }
            for m in p.messages
        ],
    }


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link (safe to make clickable), else None."""
    url = url.strip()
    if not url or _URL_UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# ---------------------------------------------------------------------------------------------
# CSV


def csv_cell(value: str | None) -> str:
    """A cell a spreadsheet shows as text, without control characters.

    A leading = + - @ would start a formula, and so would one behind spaces, a tab or a line
    break (a hand edit may start " =HYPERLINK(...)"): any leading whitespace is quoted too.
    """
    text = safe_text(value, multiline=True)
    return "'" + text if text[:1].isspace() or text.startswith(_FORMULA_START) else text


class _Rows(list[str]):
    """A csv.writer target keeping each row apart (csv.writer writes one row per call)."""

    def write(self, row: str) -> None:
        self.append(row)


def _csv(p: CampaignPreview, excel: bool) -> bytes:
    # The writer always ends rows with CRLF so that a lone CR or LF inside a cell gets the cell
    # quoted (csv quotes only on characters of its line terminator); plain CSV then ends with LF.
    rows = _Rows()
    writer = csv.writer(rows, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in p.messages:
        writer.writerow(
            [csv_cell(v) for v in (m.name, m.profile_url, m.email, m.subject, m.body, m.status)]
        )
    if excel:
        return ("\ufeff" + "".join(rows)).encode("utf-8")
    return "".join(row[:-2] + "\n" for row in rows).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Markdown


def md_text(value: str) -> str:
    """Inline text shown as typed, on one line: Markdown (and inline HTML) specials escaped, and
    no backslash where nothing needs one, since the file is read raw as often as rendered."""
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(), safe_text(value))
    return _MD_BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group()  # "1." is escaped as "1\.", a single-character marker before it
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def fence(body: str) -> str:
    """A backtick fence longer than any backtick run inside `body`, so the body cannot close it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


def _markdown(p: CampaignPreview) -> bytes:
    lines = [f"# {md_text(p.campaign)}", "", f"Template {md_text(p.template)}, {p.channel}.", ""]
    for m in p.messages:
        box = "x" if m.status in DONE else " "
        url = safe_url(m.profile_url)
        link = f"[profile](<{url}>)" if url else md_text(m.profile_url) or "no profile link"
        lines.append(f"- [{box}] **{md_text(m.name) or 'no name'}** — {link}")
        lines.append("")
        if m.email:
            lines += [f"  Email: {md_text(m.email)}", ""]
        if m.subject is not None:
            lines += [f"  Subject: {md_text(m.subject)}", ""]
        body = safe_text(m.body, multiline=True)
        ticks = fence(body)
        lines += [f"{ticks}text", *body.split("\n"), ticks, ""]
    return "\n".join(lines).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;
margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fafafa}
h1{font-size:1.4rem;margin-bottom:.2rem}
.meta{color:#555;margin-top:0}
article{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}
article.done{opacity:.55}
h2{font-size:1.1rem;margin:0 0 .3rem}
.who{color:#555;font-size:.9rem;margin:.2rem 0 .6rem;overflow-wrap:anywhere}
textarea{width:100%;box-sizing:border-box;font:inherit;border:1px solid #ccc;border-radius:6px;
padding:.5rem;resize:vertical;background:#fcfcfc}
.subject{margin-bottom:.5rem}
.actions{display:flex;gap:1rem;align-items:center;margin-top:.4rem}
button{font:inherit;padding:.25rem .8rem;border-radius:6px;border:1px solid #888;background:#fff;
cursor:pointer}
.warn{color:#8a5200;font-size:.9rem;margin:.2rem 0}
""".strip()

_JS = """
(function () {
  var campaign = document.body.getAttribute("data-campaign") || "";
  function key(box) { return "handpicked:" + campaign + ":" + box.getAttribute("data-message"); }
  function fallback(area) {
    area.focus(); area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.setSelectionRange(0, 0);
  }
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-target"));
      var done = function () { button.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value)
          .then(done, function () { fallback(area); done(); });
      } else { fallback(area); done(); }
    });
  });
  document.querySelectorAll("input.sent").forEach(function (box) {
    var article = box.closest("article");
    try {
      var stored = window.localStorage.getItem(key(box));
      if (stored !== null) { box.checked = stored === "1"; }
    } catch (e) {}
    article.classList.toggle("done", box.checked);
    box.addEventListener("change", function () {
      try { window.localStorage.setItem(key(box), box.checked ? "1" : "0"); } catch (e) {}
      article.classList.toggle("done", box.checked);
    });
  });
})();
""".strip()

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _e(value: object) -> str:
    return html.escape(safe_text(value, multiline=True), quote=True)


def _html(p: CampaignPreview) -> bytes:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(p.campaign)} — handpicked</title>",
        f"<style>{_CSS}</style></head>",
        f'<body data-campaign="{_e(p.campaign)}">',
        f"<h1>{_e(p.campaign)}</h1>",
        f'<p class="meta">{len(p.messages)} messages · template {_e(p.template)} · '
        f"{_e(p.channel)}. Copy each message, open the profile, paste, tick it off.</p>",
    ]
    for m in p.messages:
        mid = int(m.message_id)
        url = safe_url(m.profile_url)
        if url:
            link = f'<a href="{_e(url)}" rel="noopener noreferrer" target="_blank">{_e(url)}</a>'
        else:
            link = _e(m.profile_url) if m.profile_url else "no profile link"
        who = link + (f" · {_e(m.email)}" if m.email else "")
        done = " checked" if m.status in DONE else ""
        rows = max(4, min(24, sum(1 + len(line) // 70 for line in m.body.split("\n"))))
        lang = f' lang="{_e(m.language)}"' if m.language else ""  # read aloud in its language
        parts.append(f'<article id="m{mid}"{lang}>')
        parts.append(f"<h2>{_e(m.name or 'no name')}</h2>")
        parts.append(f'<p class="who">{who} · status {_e(m.status)}</p>')
        for w in m.warnings:
            parts.append(f'<p class="warn">! {_e(w.code)}: {_e(w.message)}</p>')
        if m.subject is not None:
            parts.append(
                f'<div class="subject"><input id="s{mid}" readonly value="{_e(m.subject)}" '
                f'aria-label="subject"> <button class="copy" type="button" '
                f'data-target="s{mid}">Copy subject</button></div>'
            )
        parts.append(
            f'<textarea id="b{mid}" readonly rows="{rows}" aria-label="message">'
            f"{_e(m.body)}</textarea>"
        )
        parts.append(
            f'<div class="actions"><button class="copy" type="button" data-target="b{mid}">'
            f'Copy message</button><label><input class="sent" type="checkbox" '
            f'data-message="{mid}"{done}> sent</label></div>'
        )
        parts.append("</article>")
    parts += [f"<script>{_JS}</script>", "</body></html>", ""]
    return "\n".join(parts).encode("utf-8")


# ---------------------------------------------------------------------------------------------


def render_export(p: CampaignPreview, fmt: str, *, excel: bool = False) -> bytes:
    """The campaign's send list in one format, as the bytes of the file."""
    if fmt == "csv":
        return _csv(p, excel)
    if fmt == "json":
        text = escape_controls(json.dumps(preview_json(p), ensure_ascii=False, indent=2)) + "\n"
        return text.encode("utf-8")
    if fmt == "md":
        return _markdown(p)
    if fmt == "html":
        return _html(p)
    raise HandpickedError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")


def export_campaign(
    ws: Workspace, name: str, fmt: str, path: Path | None, *, excel: bool = False
) -> bytes:
    """Render the send list and, with a path, write it atomically; returns the bytes either way."""
    if excel and fmt != "csv":
        raise HandpickedError(f"Excel-friendly output is for CSV files, not {fmt}", hint=Hint.EXCEL)
    data = render_export(preview(ws, name), fmt, excel=excel)
    if path is not None:
        write_atomic(Path(path), data)
    return data

"""compose, preview, edit, mark, campaigns, history, templates and export through the real CLI."""

from __future__ import annotations

import html
import shlex
import sys
import tempfile
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "sample_contacts" / "Connections.csv"
EVENT = [
    "--var", "event_name=the Harbour Data Day", "--var", "event_date=Thursday, May 15",
    "--var", "event_place=the Old Port", "--var", "event_topic=open data",
]  # fmt: skip
NETWORK = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Bruno,Abel,https://linkedin.com/in/bruno-abel,,Northwind,Analyst,03 Jan 2024
    Chloe,Mercier,https://linkedin.com/in/chloe-mercier,,Northwind,Designer,20 Jun 2022
    Dario,Basso,https://linkedin.com/in/dario-basso,dario@example.com,Contoso,Engineer,01 Feb 2020
    Elke,Vogt,https://linkedin.com/in/elke-vogt,,Contoso,Manager,15 Sep 2025
"""


def crowd(count: int, company: str = "Northwind") -> str:
    return "".join(
        f"Person{i},Tester{i:03},https://linkedin.com/in/p{company}{i},,{company},Analyst,"
        "01 Feb 2020\n"
        for i in range(count)
    )


def about_twenty(cli, tmp_path: Path) -> list[str]:
    """Filter flags selecting 12-25 people of the imported network (a tag as a last resort)."""
    facets = cli("facets", "--json").json()
    for kind in ("sector", "seniority", "function"):
        for name, n in facets[kind].items():
            if name != "Unclassified" and 12 <= n <= 25:
                return [f"--{kind}", name]
    ids = [str(c["id"]) for c in cli("contacts", "--json").json()[:20]]
    assert cli("tag", "add", "spring", *ids).code == 0
    return ["--tag", "spring"]


def test_new_user_goes_from_sample_to_html_send_list(cli, tmp_path: Path) -> None:
    """Verify import, compose ~20, preview, edit, mark sent and an HTML export, CLI only."""
    source = SAMPLE
    if not source.exists():
        source = tmp_path / "Connections.csv"
        header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        source.write_text(f"Notes:\n\n{header}{crowd(20)}{crowd(15, 'Contoso')}", "utf-8")
    assert cli("import", source).code == 0
    filters = about_twenty(cli, tmp_path)
    composed = cli("compose", "data-day", "--template", "event-invitation", *EVENT, *filters,
                   "--json")  # fmt: skip
    assert composed.code == 0, composed.err
    added = composed.json()["added"]
    assert 12 <= added <= 25
    preview = cli("preview", "data-day", "--json").json()
    assert len(preview["messages"]) == added
    first, second = preview["messages"][:2]
    assert set(first) == {"message_id", "contact_id", "name", "profile_url", "email", "language",
                          "subject", "body", "edited", "warnings", "status"}  # fmt: skip
    assert "the Harbour Data Day" in first["body"]
    personal = tmp_path / "note.txt"
    personal.write_text("Hi there, it's been a while since the workshop; come to the Data Day?\n")
    edited = cli("edit", "data-day", first["contact_id"], "--body-file", personal)
    assert edited.code == 0 and "marked edited" in edited.out
    marked = cli("mark", "data-day", "sent", first["contact_id"], second["contact_id"])
    assert marked.code == 0 and "Marked 2 messages sent" in marked.out
    target = tmp_path / "out" / "send.html"
    exported = cli("export", "data-day", "--format", "html", "-o", target)
    assert exported.code == 0, exported.err
    page = target.read_text("utf-8")
    assert page.count("<article ") == added and page.count(" checked>") == 2
    assert "it&#x27;s been a while since the workshop" in page
    for message in preview["messages"]:
        assert html.escape(message["name"]) in page
    assert "<script src" not in page and "<link" not in page
    assert [p.name for p in target.parent.iterdir()] == ["send.html"]
    listing = cli("campaigns", "--json").json()
    assert listing[0]["counts"]["sent"] == 2 and listing[0]["counts"]["queued"] == added - 2


def test_compose_human_output_counts_left_out(cli, imported) -> None:
    """Verify the compose sentence gives added, already in, left out with reasons, warnings."""
    ids = imported(NETWORK)
    assert cli("contact", "touched", ids["Alma Zorn"]).code == 0
    assert cli("dnc", "add", ids["Bruno Abel"]).code == 0
    first = cli("compose", "hello", "--template", "reconnect", "--contact", ids["Chloe Mercier"])
    assert first.code == 0 and first.out.startswith("Queued 1 message in campaign hello")
    result = cli("compose", "hello", "--template", "reconnect", "--company", "northwind")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:5] == [
        "Queued 0 messages in campaign hello (1 already in it); left out: 1 messaged in the "
        "last 30 days, 1 on the do-not-contact list; review them with handpicked preview hello",
        "Left out:",
        f"  Bruno Abel (id {ids['Bruno Abel']}): on the do-not-contact list",
        f"  Alma Zorn (id {ids['Alma Zorn']}): messaged today",
        "Write to one of them anyway with --contact ID (a warning on their message says why).",
    ]
    again = cli("compose", "hello", "--template", "reconnect", "--company", "northwind",
                "--not-contacted-days", "0", "--json")  # fmt: skip
    assert again.json() == {
        "campaign": "hello", "added": 1, "already_in": 1,
        "left_out": {"messaged": 0, "queued": 0, "do_not_contact": 1},
        "left_out_people": [{
            "id": ids["Bruno Abel"], "name": "Bruno Abel", "reason": "do_not_contact",
            "why": "on the do-not-contact list", "messaged_days": None, "queued_in": [],
        }],
        "warnings": 0,
    }  # fmt: skip


def test_queued_elsewhere_is_not_reported_as_contacted(cli, imported) -> None:
    """Verify someone only queued in another campaign is left out as "queued in campaign X",
    apart from those messaged (a LinkedIn message, a sent one), in the sentence and in --json;
    named with --contact, their message's warning names the campaign."""
    ids = imported(NETWORK)
    first = cli("compose", "spring", "--template", "reconnect", "--contact", ids["Chloe Mercier"])
    assert first.code == 0, first.err
    assert (
        cli("compose", "done", "--template", "reconnect", "--contact", ids["Bruno Abel"]).code == 0
    )
    assert cli("mark", "done", "sent", ids["Bruno Abel"]).code == 0
    result = cli("compose", "autumn", "--template", "reconnect", "--company", "northwind")
    assert result.code == 0, result.err
    assert "left out: 1 messaged in the last 30 days, 1 queued in campaign spring;" in result.out
    assert f"  Chloe Mercier (id {ids['Chloe Mercier']}): queued in campaign spring" in result.out
    assert "contacted" not in result.out
    nobody = cli("compose", "winter", "--template", "reconnect", "--company", "northwind")
    assert nobody.code == 1 and nobody.err.startswith(
        "error: nobody left to write to: 3 matched, all left out (1 messaged in the last 30 "
        "days, 2 queued in other campaigns (autumn, spring))"
    )
    again = cli("compose", "winter", "--template", "reconnect", "--company", "northwind",
                "--contact", ids["Elke Vogt"], "--json")  # fmt: skip
    people = {p["name"]: (p["reason"], p["why"]) for p in again.json()["left_out_people"]}
    assert people == {
        "Bruno Abel": ("messaged", "messaged today"),
        "Chloe Mercier": ("queued", "queued in campaign spring"),
        "Alma Zorn": ("queued", "queued in campaign autumn"),
    }
    named = cli("compose", "named", "--template", "reconnect", "--contact", ids["Alma Zorn"])
    assert named.code == 0, named.err
    shown = cli("preview", "named")
    assert "  ! recently-contacted: queued in campaign autumn" in shown.out


def test_values_per_language_and_misspelt_names(cli, imported) -> None:
    """Verify `--var KEY:fr=` is what French messages print, and a misspelt value is refused."""
    ids = imported(NETWORK)
    assert cli("contact", "set", ids["Chloe Mercier"], "--language", "fr").code == 0
    assert cli("contact", "set", ids["Alma Zorn"], "--language", "en").code == 0
    people = ["--contact", ids["Chloe Mercier"], "--contact", ids["Alma Zorn"]]
    french = [*EVENT, "--var", "event_date:fr=jeudi 15 mai", "--var", "event_topic:fr=données"]
    composed = cli("compose", "gala", "--template", "event-invitation", *french, *people)
    assert composed.code == 0, composed.err
    bodies = {m["language"]: m["body"] for m in cli("preview", "gala", "--json").json()["messages"]}
    assert "jeudi 15 mai" in bodies["fr"] and "Thursday, May 15" not in bodies["fr"]
    assert "données" in bodies["fr"] and "the Old Port" in bodies["fr"]  # not overridden
    assert "Thursday, May 15" in bodies["en"] and "jeudi" not in bodies["en"]
    rerendered = cli("compose", "gala", "--rerender", "--var", "event_date:fr=vendredi 16 mai")
    assert rerendered.code == 0, rerendered.err
    bodies = {m["language"]: m["body"] for m in cli("preview", "gala", "--json").json()["messages"]}
    assert "vendredi 16 mai" in bodies["fr"] and "Thursday, May 15" in bodies["en"]
    misspelt = [arg.replace("event_date=", "evnt_date=") for arg in EVENT]
    first_try = cli("compose", "other", "--template", "event-invitation", *misspelt, *people)
    assert first_try.code == 1 and "did you mean event_date?" in first_try.err
    typo = cli("compose", "other", "--template", "event-invitation", *EVENT, *people,
               "--var", "event_dat:fr=x")  # fmt: skip
    assert typo.code == 1 and typo.out == ""
    assert "event_dat" in typo.err and "did you mean event_date?" in typo.err
    german = cli("compose", "other", "--template", "event-invitation", *EVENT, *people,
                 "--var", "event_date:de=Donnerstag")  # fmt: skip
    assert german.code == 1 and "no 'de' variant" in german.err and "en, fr" in german.err
    bare = cli("compose", "other", "--template", "event-invitation", *EVENT, *people,
               "--var", "event_date:=x")  # fmt: skip
    assert bare.code == 1 and "a language is missing after the colon" in bare.err
    assert cli("campaigns", "--json").json()[0]["name"] == "gala"  # nothing else was stored


def test_compose_says_when_french_messages_print_english_values(cli, imported) -> None:
    """Verify a bilingual campaign says which values French messages print in English, also
    when only some French values are given, and says nothing once all of them are."""
    ids = imported(NETWORK)
    assert cli("config", "set", "me.name", "Sam Example").code == 0
    assert cli("contact", "set", ids["Chloe Mercier"], "--language", "fr").code == 0
    assert cli("contact", "set", ids["Alma Zorn"], "--language", "en").code == 0
    people = ["--contact", ids["Chloe Mercier"], "--contact", ids["Alma Zorn"]]
    first = cli("compose", "gala", "--template", "event-invitation", *EVENT, *people)
    assert first.code == 0, first.err
    assert "Note: 1 message in fr prints the same --var values as the others" in first.out
    assert "--var KEY:fr=... and compose gala --rerender" in first.out
    french = ["--var", "event_date:fr=jeudi 15 mai"]
    second = cli("compose", "gala2", "--template", "event-invitation", *EVENT, *french, *people)
    assert second.code == 0, second.err
    assert "Note: 1 message in fr prints the same --var values as the others" in second.out
    assert "event_name, event_place, event_topic;" in second.out
    assert "event_date" not in second.out
    french += [
        "--var",
        "event_name:fr=La Journée des données",
        "--var",
        "event_place:fr=Vieux-Port",
    ]
    french += ["--var", "event_topic:fr=les données ouvertes"]
    third = cli("compose", "gala3", "--template", "event-invitation", *EVENT, *french, *people)
    assert third.code == 0 and "Note:" not in third.out
    alone = cli("compose", "solo", "--template", "event-invitation", *EVENT,
                "--contact", ids["Alma Zorn"])  # fmt: skip
    assert alone.code == 0 and "Note:" not in alone.out


def test_compose_reminds_to_set_your_name(cli, imported) -> None:
    """Verify compose says when messages would end unsigned, and stops once me.name is set."""
    ids = imported(NETWORK)
    unsigned = cli("compose", "a", "--template", "reconnect", "--contact", ids["Chloe Mercier"],
                   "--json")  # fmt: skip
    assert unsigned.json()["added"] == 1  # the warning goes to stderr: stdout stays JSON
    assert unsigned.err.startswith("warning: your name is not set (me.name)")
    assert 'handpicked config set me.name "Your Name", then compose --rerender' in unsigned.err
    assert cli("config", "set", "me.name", "Sam Example").code == 0
    signed = cli("compose", "b", "--template", "reconnect", "--contact", ids["Alma Zorn"])
    assert signed.code == 0 and signed.err == "" and "not set" not in signed.out
    body = cli("preview", "b", "--json").json()["messages"][0]["body"]
    assert body.rstrip().endswith("Sam Example")


def test_audience_guard_and_allow_large(cli, imported) -> None:
    """Verify 30 people are refused with narrowing advice, and --allow-large composes them."""
    imported(crowd(30))
    refused = cli("compose", "all", "--template", "reconnect", "--company", "northwind")
    assert refused.code == 1
    assert refused.err.startswith("error: 30 people match")
    assert "seniority, tag or sector" in refused.err and "--allow-large" in refused.err
    assert cli("campaigns", "--json").json() == []
    allowed = cli("compose", "all", "--template", "reconnect", "--company", "northwind",
                  "--allow-large", "--json")  # fmt: skip
    assert allowed.code == 0 and allowed.json()["added"] == 30


def test_refusals_exit_1(cli, imported) -> None:
    """Verify a missing --var, a do-not-contact --contact, an empty audience all exit 1."""
    ids = imported(NETWORK)
    missing = cli("compose", "x", "--template", "event-invitation", "--var", "event_name=X",
                  "--contact", ids["Alma Zorn"])  # fmt: skip
    assert missing.code == 1 and "missing the value event_date (When it takes place" in missing.err
    assert missing.err.rstrip().endswith("e.g. --var event_date=...")
    cli("dnc", "add", ids["Elke Vogt"])
    dnc = cli("compose", "x", "--template", "reconnect", "--contact", ids["Elke Vogt"])
    assert dnc.code == 1 and "Elke Vogt (id" in dnc.err and "do-not-contact" in dnc.err
    empty = cli("compose", "x", "--template", "reconnect", "--company", "nowhere")
    assert empty.code == 1 and "nobody matches" in empty.err and "--contact" in empty.err
    intro = cli("compose", "x", "--template", "introduce", "--var", "reason=data",
                "--contact", ids["Alma Zorn"])  # fmt: skip
    assert intro.code == 1 and "exactly two people" in intro.err
    other = cli("compose", "y", "--template", "reconnect", "--contact", ids["Alma Zorn"])
    assert other.code == 0
    clash = cli("compose", "y", "--template", "congratulate", "--contact", ids["Dario Basso"])
    assert clash.code == 1 and "uses template reconnect" in clash.err
    assert cli("preview", "nope").code == 1
    assert [c["name"] for c in cli("campaigns", "--json").json()] == ["y"]


def test_explicit_recent_contact_kept_with_warning(cli, imported) -> None:
    """Verify a named contact reached this week is kept, and preview shows the warning."""
    ids = imported(NETWORK)
    cli("contact", "touched", ids["Dario Basso"])
    assert cli("compose", "c", "--template", "reconnect", "--contact", ids["Dario Basso"]).code == 0
    shown = cli("preview", "c")
    assert "  ! recently-contacted: messaged today" in shown.out
    assert "Dario Basso (id" in shown.out and "queued · en · " in shown.out
    assert "/8000 chars" in shown.out


def test_edit_with_editor_and_without(cli, imported, tmp_path: Path, monkeypatch) -> None:
    """Verify edit runs $EDITOR on a temp file, keeps the change, and needs an editor."""
    ids = imported(NETWORK)
    alma = ids["Alma Zorn"]
    cli("compose", "c", "--template", "reconnect", "--contact", alma)
    (tmp_path / "no-editors").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "no-editors"))  # no nano or vi to fall back on
    none = cli("edit", "c", alma)
    assert none.code == 1 and "$VISUAL or $EDITOR" in none.err and "--body-file" in none.err
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "text = p.read_text().replace('Hi Alma', 'Dear Alma')\n"
        "p.write_text(text + 'PS: say hi to the team\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    assert cli("edit", "c", alma).code == 0
    (message,) = cli("preview", "c", "--json").json()["messages"]
    assert message["edited"] and message["body"].startswith("Dear Alma")
    assert message["body"].endswith("PS: say hi to the team")
    assert list(Path(tempfile.gettempdir()).glob("handpicked-message-*")) == []
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(3)'")
    failed = cli("edit", "c", alma)
    assert failed.code == 0 and "exited with code 3; nothing changed" in failed.out
    monkeypatch.setenv("VISUAL", f"{shlex.quote(sys.executable)} -c pass")
    same = cli("edit", "c", alma)
    assert "unchanged; nothing changed" in same.out
    assert cli("edit", "c", ids["Bruno Abel"]).code == 1


def test_rerender_leaves_edited(cli, imported, tmp_path: Path) -> None:
    """Verify compose --rerender takes new values and leaves the hand-edited message."""
    ids = imported(NETWORK)
    cli("compose", "d", "--template", "event-invitation", *EVENT, "--company", "contoso")
    body = tmp_path / "b.txt"
    body.write_text("Dario, see you at the Old Port?")
    cli("edit", "d", ids["Dario Basso"], "--body-file", body)
    result = cli("compose", "d", "--rerender", "--var", "event_place=the Science Centre")
    assert result.code == 0 and result.out.startswith("Rendered 1 queued message again")
    bodies = {m["contact_id"]: m["body"] for m in cli("preview", "d", "--json").json()["messages"]}
    assert bodies[ids["Dario Basso"]] == "Dario, see you at the Old Port?"
    assert "(the Science Centre)" in bodies[ids["Elke Vogt"]]


def test_mark_campaigns_and_history(cli, imported) -> None:
    """Verify mark statuses, the campaigns listing with reply rate, and a contact's history."""
    ids = imported(NETWORK)
    alma, bruno = ids["Alma Zorn"], ids["Bruno Abel"]
    cli("compose", "c", "--template", "reconnect", "--company", "northwind")
    assert cli("mark", "c", "sent", alma, bruno).code == 0
    assert cli("mark", "c", "replied", alma).code == 0
    assert cli("mark", "c", "skipped", ids["Chloe Mercier"]).code == 0
    unknown = cli("mark", "c", "sent", ids["Elke Vogt"])
    assert unknown.code == 1 and f"contact {ids['Elke Vogt']} is not in campaign 'c'" in unknown.err
    assert cli("mark", "zzz", "sent", alma).code == 1
    assert cli("mark", "c", "bogus", alma).code == 2
    (summary,) = cli("campaigns", "--json").json()
    assert summary["counts"] == {"queued": 0, "sending": 0, "sent": 1, "failed": 0,
                                 "skipped": 1, "replied": 1}  # fmt: skip
    assert summary["reply_rate"] == 0.5
    assert set(summary) == {"name", "template", "channel", "created", "counts", "reply_rate"}
    assert "replies  50%" in cli("campaigns").out
    history = cli("history", alma, "--json").json()
    assert [(h["campaign"], h["status"], h["first_line"]) for h in history] == [
        ("c", "replied", "Hi Alma,")
    ]
    assert history[0]["sent_at"].startswith("2026-11-25")
    assert "c " in cli("history", alma).out and "replied" in cli("history", alma).out
    # sent this week: left out of the next audience
    nxt = cli("compose", "next", "--template", "reconnect", "--company", "northwind", "--json")
    assert nxt.json()["left_out"] == {"messaged": 2, "queued": 0, "do_not_contact": 0}


def test_templates_listing_and_show(cli) -> None:
    """Verify templates --json lists every variant with its variables, and --show prints one."""
    listing = cli("templates", "--json").json()
    event = next(t for t in listing if t["name"] == "event-invitation" and t["language"] == "fr")
    assert set(event) == {"name", "language", "channel", "description", "variables", "path"}
    assert "event_topic" in event["variables"]
    shown = cli("templates", "--show", "reconnect", "--language", "fr")
    assert shown.code == 0 and shown.out.startswith("+++") and "Bonjour" in shown.out
    assert cli("templates", "--show", "nope").code == 1
    human = cli("templates").out
    assert "--var event_topic=..." in human and "--var KEY:fr=..." in human.splitlines()[-1]


def test_export_stdout_and_excel(cli, imported, tmp_path: Path) -> None:
    """Verify export writes bytes to stdout, and --excel a BOM and CRLF file atomically."""
    ids = imported(NETWORK)
    cli("compose", "c", "--template", "reconnect", "--contact", ids["Alma Zorn"])
    md = cli("export", "c", "--format", "md")
    assert md.code == 0 and md.raw.startswith(b"# c\n") and b"- [ ] **Alma Zorn**" in md.raw
    target = tmp_path / "list.csv"
    excel = cli("export", "c", "--format", "csv", "--excel", "-o", target)
    assert excel.code == 0 and "Wrote" in excel.out
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfname,profile_url,email,subject,body,status\r\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".list.csv")]
    assert cli("export", "c", "--format", "pdf").code == 2


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_export_unknown_campaign(cli, fmt: str) -> None:
    """Verify exporting a campaign that does not exist exits 1 naming it."""
    result = cli("export", "ghost", "--format", fmt)
    assert result.code == 1 and "no campaign named 'ghost'" in result.err

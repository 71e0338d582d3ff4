"""LinkedIn's data archive through the real CLI: zip, folder, messages.csv alone, and what changes.

Archives are built here from the columns LinkedIn writes each year (2022, 2024, 2026), with the
quirks of real ones: recipient URLs joined by commas or semicolons, names holding commas, group
conversations, drafts, sponsored InMail, system lines and percent-encoded accented slugs.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
from pathlib import Path

from handpicked.core.db import DB_NAME

ME = "https://www.linkedin.com/in/owner-me"
NETWORK = """\
    Alma,Zorn,https://www.linkedin.com/in/alma-zorn,,Northwind,Engineer,12 Mar 2021
    Bruno,Abel,https://www.linkedin.com/in/bruno-abel/,,Northwind,Analyst,03 Jan 2024
    Linnéa,Roy,https://www.linkedin.com/in/linn%C3%A9a-roy-4b1,,Contoso,Manager,15 Sep 2025
    Chloe,Mercier,https://linkedin.com/in/chloe-mercier,,Northwind,Designer,20 Jun 2022
"""
ALMA = "https://www.linkedin.com/in/alma-zorn"
BRUNO = "http://linkedin.com/in/bruno-abel"
LINNEA = "https://www.linkedin.com/in/linnéa-roy-4b1/"

H2024 = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]  # fmt: skip
H2026 = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
]  # fmt: skip
H2022 = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "DATE",
    "SUBJECT", "CONTENT", "FOLDER",
]  # fmt: skip
LONG = "Hi Alma, " + "long " * 40
INVITATIONS = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"


def message(header: list[str], **values: str) -> list[str]:
    """A row under `header`: values by lower-case column name with underscores."""
    return [values.get(title.lower().replace(" ", "_"), "") for title in header]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def two_way(header: list[str]) -> list[list[str]]:
    """Alma writes, the owner answers (and a group with Alma and Bruno, commas in the names)."""
    urls = "recipient_profile_urls"
    return [
        message(header, conversation_id="c1", **{"from": "Alma Zorn"}, sender_profile_url=ALMA,
                to="Owner, PhD", **{urls: ME}, date="2026-10-01 09:00:00 UTC",
                content="Hello there!\nSecond line", folder="INBOX"),
        message(header, conversation_id="c1", **{"from": "Owner, PhD"}, sender_profile_url=ME,
                to="Alma Zorn", **{urls: ALMA}, date="2026-10-02 10:30:00 UTC",
                content=LONG, folder="SENT"),
        message(header, conversation_id="c2", **{"from": "Owner, PhD"}, sender_profile_url=ME,
                to="Alma Zorn, Bruno Abel", **{urls: f"{ALMA},{BRUNO}"},
                date="2026-10-03 08:00:00 UTC", content="Lunch?", folder="SENT"),
        message(header, conversation_id="c2", **{"from": "Bruno Abel"}, sender_profile_url=BRUNO,
                to="Owner, PhD, Alma Zorn", **{urls: f"{ME}; {ALMA}"},
                date="2026-10-03 09:00:00 UTC", content="  \n Sure!", folder="INBOX"),
        message(header, conversation_id="c2", **{"from": "Alma Zorn"}, sender_profile_url=ALMA,
                to="Owner, PhD, Bruno Abel", **{urls: f"{BRUNO};{ME}"},
                date="2026-10-03 09:05:00 UTC", content="Me too", folder="INBOX"),
    ]  # fmt: skip


def write_zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def connections(imported, tmp_path: Path) -> dict[str, int]:
    return imported(NETWORK)


def db(tmp_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "ws" / DB_NAME)


def history(tmp_path: Path) -> list[tuple]:
    with db(tmp_path) as conn:
        return conn.execute(
            "SELECT c.first_name, i.at, i.direction, i.kind, i.conversation_id, i.is_group,"
            " i.first_line FROM interactions i JOIN contacts c ON c.id = i.contact_id"
            " ORDER BY i.at, c.first_name"
        ).fetchall()


def test_three_header_generations_give_the_same_history(cli, imported, tmp_path) -> None:
    """Verify messages.csv of 2022, 2024 and 2026 each store the same sent/received history."""
    connections(imported, tmp_path)
    assert cli("config", "set", "me.profile_url", ME).code == 0
    results = []
    for year, header in (("2024", H2024), ("2026", H2026), ("2022", H2022)):
        path = tmp_path / f"messages{year}.csv"
        path.write_text(csv_text(header, two_way(header)), encoding="utf-8")
        with db(tmp_path) as conn:
            conn.execute("DELETE FROM interactions")
        run = cli("import", "--format", "messages", path, "--json")
        assert run.code == 0, run.err
        results.append(history(tmp_path))
        [report] = run.json()["files"]
        assert report["format"] == "messages" and report["unmatched"] == 0
    assert results[0] == results[1] == results[2]
    assert results[0] == [
        ("Alma", "2026-10-01T09:00:00Z", "received", "message", "c1", 0, "Hello there!"),
        ("Alma", "2026-10-02T10:30:00Z", "sent", "message", "c1", 0, LONG[:80].rstrip()),
        ("Alma", "2026-10-03T08:00:00Z", "sent", "message", "c2", 1, "Lunch?"),
        ("Bruno", "2026-10-03T08:00:00Z", "sent", "message", "c2", 1, "Lunch?"),
        ("Bruno", "2026-10-03T09:00:00Z", "received", "message", "c2", 1, "Sure!"),
        ("Alma", "2026-10-03T09:05:00Z", "received", "message", "c2", 1, "Me too"),
    ]  # fmt: skip


def test_newer_archive_marks_an_earlier_conversation_as_a_group(cli, imported, tmp_path) -> None:
    """Verify a conversation that a newer messages.csv shows with a second person becomes a
    group's, the row an earlier import stored included."""
    connections(imported, tmp_path)
    assert cli("config", "set", "me.profile_url", ME).code == 0
    alma = message(H2024, conversation_id="c9", **{"from": "Alma Zorn"}, sender_profile_url=ALMA,
                   to="Owner, PhD", recipient_profile_urls=ME, date="2026-10-01 09:00:00 UTC",
                   content="Hi", folder="INBOX")  # fmt: skip
    bruno = message(H2024, conversation_id="c9", **{"from": "Bruno Abel"},
                    sender_profile_url=BRUNO, to="Owner, PhD", recipient_profile_urls=ME,
                    date="2026-10-02 09:00:00 UTC", content="Hello", folder="INBOX")  # fmt: skip
    path = tmp_path / "messages.csv"
    for rows in ([alma], [alma, bruno]):
        path.write_text(csv_text(H2024, rows), encoding="utf-8")
        assert cli("import", "--format", "messages", path).code == 0
    assert [(row[0], row[5]) for row in history(tmp_path)] == [("Alma", 1), ("Bruno", 1)]


def skipped_rows(header: list[str]) -> list[list[str]]:
    """A draft, a sponsored InMail, a system line and a stranger's message: none is stored."""
    urls = "recipient_profile_urls"
    return [
        message(header, conversation_id="d1", **{"from": "Owner, PhD"}, sender_profile_url=ME,
                to="Alma Zorn", **{urls: ALMA}, date="2026-10-05 08:00:00 UTC",
                content="draft text", folder="DRAFT", is_message_draft="Yes"),
        message(header, conversation_id="s1", conversation_title="Sponsored Conversation",
                **{"from": "Acme Ads"}, sender_profile_url="https://www.linkedin.com/company/acme",
                to="Owner, PhD", **{urls: ME}, date="2026-10-05 09:00:00 UTC",
                content="Buy now", folder="INBOX"),
        message(header, conversation_id="s2", **{"from": "LinkedIn Member"}, sender_profile_url="",
                to="Owner, PhD", **{urls: ME}, date="2026-10-05 09:30:00 UTC",
                content="InMail", folder="INBOX"),
        message(header, conversation_id="c1", **{"from": "Alma Zorn"}, sender_profile_url=ALMA,
                to="Owner, PhD", **{urls: ME}, date="2026-10-05 10:00:00 UTC", content="",
                folder="INBOX"),
        message(header, conversation_id="x1", **{"from": "Stranger"},
                sender_profile_url="https://www.linkedin.com/in/stranger", to="Owner, PhD",
                **{urls: ME}, date="2026-10-05 11:00:00 UTC", content="Hi", folder="INBOX"),
    ]  # fmt: skip


def archive_files(header: list[str] = H2024) -> dict[str, str | bytes]:
    connections_csv = "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
    connections_csv += "Connected On\n" + "".join(
        line.strip() + "\n" for line in NETWORK.splitlines()
    )
    linnea = message(header, conversation_id="c3", **{"from": "Linnéa Roy"},
                     sender_profile_url=LINNEA, to="Owner, PhD", recipient_profile_urls=ME,
                     date="2026-11-22 12:00:00 UTC", content="Bonjour!", folder="INBOX")  # fmt: skip
    return {
        "Connections.csv": connections_csv,
        "Invitations.csv": INVITATIONS
        + f'Owner PhD,Chloe Mercier,"4/6/26, 2:12 PM",Hi Chloe,OUTGOING,{ME},'
        "https://www.linkedin.com/in/chloe-mercier\n"
        + f'Someone,Owner PhD,"11/20/25, 9:01 AM",,INCOMING,https://www.linkedin.com/in/x,{ME}\n',
        "messages.csv": csv_text(header, [*two_way(header), *skipped_rows(header), linnea]),
        "Profile.csv": "First Name,Last Name\nOwner,PhD\n",
        "Articles/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        "../escape.csv": "a,b\n1,2\n",
    }


def test_archive_zip_imports_every_file_it_understands(cli, tmp_path) -> None:
    """Verify the archive zip imports connections, invitations and messages, one report each,
    finds the owner in OUTGOING invitations, and reports the files it passes over."""
    path = write_zip(tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip", archive_files())
    run = cli("import", path, "--json")
    assert run.code == 0, run.err
    reports = {Path(r["path"].rpartition(":")[2]).name: r for r in run.json()["files"]}
    assert [Path(r["path"].rpartition(":")[2]).name for r in run.json()["files"]][:3] == [
        "Connections.csv", "Invitations.csv", "messages.csv",
    ]  # fmt: skip
    assert reports["Connections.csv"]["imported"] == 4
    assert reports["Invitations.csv"]["imported"] == 1
    assert reports["Invitations.csv"]["unmatched"] == 1
    messages = reports["messages.csv"]
    assert (messages["imported"], messages["unmatched"], messages["replies"]) == (7, 1, 0)
    assert [(i["line"], i["reason"]) for i in messages["skipped"]] == [
        (9, "a draft"), (10, "sponsored or InMail"), (11, "sponsored or InMail"),
        (12, "a system line"),
    ]  # fmt: skip
    assert reports["Profile.csv"]["passed_over"] == "not a file handpicked reads"
    assert reports["photo.jpg"]["passed_over"] == "not a CSV file"
    assert reports["escape.csv"]["passed_over"] == "not a file handpicked reads"
    assert not (tmp_path / "escape.csv").exists() and not (tmp_path / "Articles").exists()
    assert cli("config", "get", "me.profile_url").out.strip() == ME
    assert ("Chloe", "2026-04-06", "sent", "invitation", "", 0, "Hi Chloe") in history(tmp_path)
    human = cli("import", path)
    assert human.code == 0
    assert "photo.jpg: passed over (not a CSV file)" in human.out
    assert "messages.csv (messages): stored 0, already stored 7, skipped 4, not a contact 1" in (
        human.out
    )


def test_percent_encoded_slug_matches_the_accented_url(cli, tmp_path) -> None:
    """Verify linn%C3%A9a in Connections.csv and linnéa/ (trailing slash) in messages.csv are
    the same person."""
    path = write_zip(tmp_path / "archive.zip", archive_files())
    assert cli("import", path).code == 0
    assert ("Linnéa", "2026-11-22T12:00:00Z", "received", "message", "c3", 0, "Bonjour!") in (
        history(tmp_path)
    )


def test_unzipped_folder_imports_like_the_zip(cli, tmp_path) -> None:
    """Verify the unzipped archive folder imports the same history as the zip."""
    folder = tmp_path / "Basic_LinkedInDataExport_11-25-2026"
    folder.mkdir()
    for name, data in archive_files().items():
        if name.startswith(".."):
            continue
        target = folder / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    run = cli("import", folder, "--json")
    assert run.code == 0, run.err
    assert len(history(tmp_path)) == 8  # 7 messages and the invitation to Chloe


def test_contacts_show_last_heard_from_and_linkedin_contact(cli, tmp_path) -> None:
    """Verify contacts --json and contact show give last_heard_from, last_contacted counting
    messages written on LinkedIn, and the sent/received counts."""
    assert cli("import", write_zip(tmp_path / "a.zip", archive_files())).code == 0
    people = {c["first_name"]: c for c in cli("contacts", "--json").json()}
    alma = people["Alma"]
    assert alma["last_heard_from"] == "2026-10-03"  # 10-05 was a system line
    assert alma["last_contacted"] == "2026-10-03"
    assert alma["interactions"] == {"sent": 2, "received": 2}
    assert people["Chloe"]["last_contacted"] == "2026-04-06"  # the invitation's note
    assert people["Chloe"]["last_heard_from"] is None
    shown = cli("contact", "show", alma["id"])
    assert "last heard from 2026-10-03" in " ".join(shown.out.split())
    assert "messages 2 sent, 2 received" in " ".join(shown.out.split())
    assert cli("contact", "show", alma["id"], "--json").json()["interactions"]["sent"] == 2


def test_forget_erases_the_history(cli, tmp_path) -> None:
    """Verify contact forget erases the person's interactions, first lines included."""
    assert cli("import", write_zip(tmp_path / "a.zip", archive_files())).code == 0
    alma = next(c for c in cli("contacts", "--json").json() if c["first_name"] == "Alma")
    assert cli("contact", "forget", alma["id"]).code == 0
    assert all(row[0] != "Alma" for row in history(tmp_path))
    with db(tmp_path) as conn:
        left = conn.execute(
            "SELECT count(*) FROM interactions WHERE contact_id = ?", (alma["id"],)
        ).fetchone()[0]
    assert left == 0


def campaign_to(cli, imported, name: str) -> int:
    """A campaign message to `name` marked sent today (2026-11-25); returns their id."""
    ids = imported(NETWORK)
    assert cli("compose", "hello", "--template", "reconnect", "--contact", ids[name]).code == 0
    assert cli("mark", "hello", "sent", ids[name]).code == 0
    return ids[name]


def reply_archive(tmp_path: Path, when: str) -> Path:
    rows = [
        message(H2024, conversation_id="c9", **{"from": "Alma Zorn"}, sender_profile_url=ALMA,
                to="Owner", recipient_profile_urls=ME, date=when, content="Thanks!",
                folder="INBOX"),
    ]  # fmt: skip
    path = tmp_path / "messages.csv"
    path.write_text(csv_text(H2024, rows), encoding="utf-8")
    return path


def statuses(cli) -> list[tuple[str, str | None]]:
    shown = cli("preview", "hello", "--json").json()
    return [(m["status"], m.get("replied_at")) for m in shown["messages"]]


def test_reply_detected_from_a_newer_archive(cli, imported, tmp_path) -> None:
    """Verify a message from the person after a campaign message marked sent makes it replied,
    at that message's time, and the report says "replies": 1; an earlier one does not."""
    alma = campaign_to(cli, imported, "Alma Zorn")
    assert cli("config", "set", "me.profile_url", ME).code == 0
    before = cli("import", reply_archive(tmp_path, "2026-11-20 10:00:00 UTC"), "--json")
    assert before.json()["files"][0]["replies"] == 0
    run = cli("import", reply_archive(tmp_path, "2026-11-27 10:00:00 UTC"), "--json")
    assert run.code == 0, run.err
    assert run.json()["files"][0]["replies"] == 1
    with db(tmp_path) as conn:
        status, replied_at = conn.execute(
            "SELECT status, replied_at FROM messages WHERE contact_id = ?", (alma,)
        ).fetchone()
    assert status == "replied" and replied_at.startswith("2026-11-2")
    again = cli("import", reply_archive(tmp_path, "2026-11-27 10:00:00 UTC"), "--json")
    assert again.json()["files"][0]["replies"] == 0


def test_manual_replied_mark_is_kept(cli, imported, tmp_path) -> None:
    """Verify a message marked replied by hand keeps its status and date after an import."""
    alma = campaign_to(cli, imported, "Alma Zorn")
    assert cli("mark", "hello", "replied", alma).code == 0
    with db(tmp_path) as conn:
        marked = conn.execute("SELECT replied_at FROM messages").fetchone()[0]
    assert cli("config", "set", "me.profile_url", ME).code == 0
    run = cli("import", reply_archive(tmp_path, "2026-11-28 10:00:00 UTC"), "--json")
    assert run.json()["files"][0]["replies"] == 0
    with db(tmp_path) as conn:
        assert conn.execute("SELECT status, replied_at FROM messages").fetchone() == (
            "replied",
            marked,
        )


def test_owner_is_the_most_frequent_sender_without_invitations(cli, imported, tmp_path) -> None:
    """Verify messages.csv alone finds the owner as its most frequent sender and keeps it."""
    imported(NETWORK)
    path = tmp_path / "messages.csv"
    path.write_text(csv_text(H2026, two_way(H2026)[:3]), encoding="utf-8")
    run = cli("import", path, "--json")  # found by its header, no --format needed
    assert run.code == 0, run.err
    assert run.json()["files"][0]["format"] == "messages"
    assert cli("config", "get", "me.profile_url").out.strip() == ME
    assert [row[2] for row in history(tmp_path)] == ["received", "sent", "sent", "sent"]


def test_zip_bomb_refused_with_one_line(cli, imported, tmp_path) -> None:
    """Verify a zip inflating past 200 MB is refused with one error line, nothing stored."""
    imported(NETWORK)
    path = tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", "First Name,Last Name\n")
        with archive.open("messages.csv", "w", force_zip64=True) as member:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(201):
                member.write(zeros)
    run = cli("import", path)
    assert run.code == 1 and run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith("error: ")
    assert "200 MB" in run.err and path.name in run.err
    assert history(tmp_path) == []


def test_compose_leaves_out_someone_written_on_linkedin(cli, imported, tmp_path) -> None:
    """Verify compose's 30-day rule leaves out a person the owner wrote on LinkedIn 3 days ago."""
    ids = imported(NETWORK)
    assert cli("config", "set", "me.profile_url", ME).code == 0
    rows = [
        message(H2024, conversation_id="c5", **{"from": "Owner"}, sender_profile_url=ME,
                to="Bruno Abel", recipient_profile_urls=BRUNO, date="2026-11-22 16:00:00 UTC",
                content="Congrats!", folder="SENT"),
    ]  # fmt: skip
    path = tmp_path / "messages.csv"
    path.write_text(csv_text(H2024, rows), encoding="utf-8")
    assert cli("import", path).code == 0
    run = cli("compose", "c", "--template", "reconnect", "--company", "northwind", "--json")
    assert run.code == 0, run.err
    assert sum(run.json()["left_out"].values()) == 1  # Bruno, and nobody else
    queued = {m["contact_id"] for m in cli("preview", "c", "--json").json()["messages"]}
    assert ids["Bruno Abel"] not in queued and ids["Alma Zorn"] in queued


def test_damaged_zip_member_is_one_error_line(cli, tmp_path) -> None:
    """Verify a zip member whose bytes are damaged fails alone with one error line naming it,
    the archive's other files still imported."""
    files = archive_files()
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name in ("Connections.csv", "messages.csv"):
            archive.writestr(name, files[name])
    data = bytearray(path.read_bytes())
    spot = data.index(b"Hello there!")  # inside messages.csv, stored as is: its CRC now fails
    data[spot : spot + 5] = b"HELLO"
    path.write_bytes(bytes(data))
    run = cli("import", path)
    assert run.code == 1
    assert "Connections.csv (linkedin): imported 4" in run.out
    assert run.err.count("\n") == 1 and run.err.startswith("error: ")
    assert "messages.csv" in run.err and "Traceback" not in run.err
    assert history(tmp_path) == []

"""Seeded generator of LinkedIn data archives (zip) around a Connections.csv, for samples and benchmarks.

The messages and invitations are between the archive's owner (an invented person) and the people
of the given Connections.csv, so that every interaction finds its contact, plus what a real
archive also holds: strangers (recruiters who are not connections), group conversations,
sponsored InMail, drafts and system lines. Dates fall in the `months` before `end`, more of them
recent, so a history screen has curves to draw. Same seed, same bytes.

    python3 benchmarks/linkedin_archive.py --sample        # sample_contacts/ (the shipped zip)
    python3 benchmarks/linkedin_archive.py -c Connections.csv --messages 200000 -o archive.zip
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWNER = ("Sam", "Exemple", "https://www.linkedin.com/in/sam-exemple-0a1b2c")
SAMPLE_END = dt.date(2026, 11, 20)  # a few days before the tests' and demo's fixed today
SAMPLE_NAME = "Basic_LinkedInDataExport_11-25-2026.zip"
HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
INVITATIONS_HEADER = [
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
]
OPENERS = {
    "en": [
        "Great to see you at the meetup last week!",
        "Congratulations on the new role!",
        "Would you have 20 minutes for a coffee next week?",
        "Thanks for the introduction, much appreciated.",
        "I read your post on the project, very interesting.",
        "Are you going to the conference in the spring?",
    ],
    "fr": [
        "Content de t'avoir croisé au 5 à 7 la semaine dernière!",
        "Félicitations pour le nouveau poste!",
        "Aurais-tu 20 minutes pour un café la semaine prochaine?",
        "Merci pour la présentation, très apprécié.",
        "J'ai lu ton billet sur le projet, très intéressant.",
        "Vas-tu au colloque ce printemps?",
    ],
}
ANSWERS = {
    "en": ["Thanks!", "Sure, Tuesday works.", "Yes, let's do that.", "Good to hear from you."],
    "fr": ["Merci!", "Oui, mardi me va.", "Avec plaisir.", "Content d'avoir de tes nouvelles."],
}
_FRENCH_HINTS = ("é", "è", "ç", "Conseill", "Directeur", "Directrice", "Gestionnaire", "Analyste")


def connections(path: Path) -> list[tuple[str, str, str, str]]:
    """(first, last, profile URL, language guess) of a Connections.csv's people."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("First Name,"))
    out = []
    for row in csv.DictReader(lines[start:]):
        text = f"{row['First Name']} {row['Company']} {row['Position']}"
        lang = "fr" if any(hint in text for hint in _FRENCH_HINTS) else "en"
        out.append((row["First Name"], row["Last Name"], row["URL"], lang))
    return out


def _moment(rng: random.Random, end: dt.date, months: int) -> dt.datetime:
    """A time in the `months` before `end`, recent months likelier (networks grow)."""
    days = int(months * 30.4 * (1 - rng.random() ** 1.6))
    day = end - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(rng.randint(12, 23), rng.randint(0, 59)))


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def message_rows(
    people: list[tuple[str, str, str, str]],
    count: int,
    seed: int,
    end: dt.date,
    months: int = 24,
) -> Iterator[list[str]]:
    """About `count` messages.csv rows (2024 columns), conversation by conversation."""
    rng = random.Random(seed)
    me_name, me_url = f"{OWNER[0]} {OWNER[1]}", OWNER[2]
    # A few people get most of the messages, as in anyone's inbox.
    weights = [1 / (i + 1) ** 0.8 for i in range(len(people))]
    order = people[:]
    rng.shuffle(order)
    written = 0
    number = 0
    while written < count:
        number += 1
        conversation = f"2-{rng.getrandbits(64):016x}{number:06d}"
        moment = _moment(rng, end, months)
        roll = rng.random()
        if roll < 0.01:  # sponsored InMail
            yield [conversation, "Sponsored Conversation", "Acme Ads Example", "", me_name, me_url,
                   _stamp(moment), "An offer for you", "Try our product today.", "INBOX", "No",
                   "No"]  # fmt: skip
            written += 1
            continue
        if roll < 0.04:  # a stranger (not a connection) writes
            first, last = rng.choice(people)[0], rng.choice(people)[1]
            url = f"https://www.linkedin.com/in/{first.lower()}-{rng.getrandbits(32):08x}"
            members = [(first, last, url, "en")]
        elif roll < 0.08:  # a group conversation
            members = rng.sample(order[: max(3, len(order) // 4)], 3)
        else:
            members = rng.choices(order, weights=weights, k=1)
        lang = members[0][3]
        owner_first = rng.random() < 0.6
        for turn in range(rng.choice((1, 2, 2, 3, 4, 6))):
            mine = (turn % 2 == 0) == owner_first
            text = rng.choice(OPENERS[lang] if turn == 0 else ANSWERS[lang])
            if turn == 0:
                text += "\n\n" + rng.choice(ANSWERS[lang])
            names = ", ".join(f"{m[0]} {m[1]}" for m in members)
            urls = ",".join(m[2] for m in members)
            if mine:
                row = [conversation, "", me_name, me_url, names, urls]
            else:
                sender = rng.choice(members)
                others = [m for m in members if m is not sender]
                to = ", ".join([me_name, *(f"{m[0]} {m[1]}" for m in others)])
                row = [conversation, "", f"{sender[0]} {sender[1]}", sender[2], to,
                       ",".join([me_url, *(m[2] for m in others)])]  # fmt: skip
            draft = "Yes" if mine and rng.random() < 0.005 else "No"
            folder = "DRAFT" if draft == "Yes" else ("SENT" if mine else "INBOX")
            yield [*row, _stamp(moment), "", text, folder, draft, "No"]
            written += 1
            moment += dt.timedelta(hours=rng.randint(1, 72), minutes=rng.randint(0, 59))


def invitation_rows(
    people: list[tuple[str, str, str, str]], count: int, seed: int, end: dt.date
) -> Iterator[list[str]]:
    """Invitations.csv rows: the owner's (OUTGOING, some with a note) and others' (INCOMING)."""
    rng = random.Random(seed + 1)
    me_name, me_url = f"{OWNER[0]} {OWNER[1]}", OWNER[2]
    for first, last, url, lang in rng.sample(people, min(count, len(people))):
        moment = _moment(rng, end, 24)
        sent = f"{moment.month}/{moment.day}/{moment.year % 100:02d}, "
        sent += moment.strftime("%I:%M %p").lstrip("0")
        if rng.random() < 0.6:
            note = rng.choice(OPENERS[lang]) if rng.random() < 0.5 else ""
            yield [me_name, f"{first} {last}", sent, note, "OUTGOING", me_url, url]
        else:
            yield [f"{first} {last}", me_name, sent, "", "INCOMING", url, me_url]


def _csv(header: list[str], rows: Iterator[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_archive(
    path: Path,
    connections_csv: Path,
    *,
    messages: int,
    invitations: int,
    seed: int = 7,
    end: dt.date = SAMPLE_END,
) -> Path:
    """A zip as LinkedIn delivers it: Connections.csv, messages.csv, Invitations.csv and a
    file handpicked does not read (Profile.csv)."""
    people = connections(connections_csv)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("Connections.csv", connections_csv.read_bytes()),
            ("messages.csv", _csv(HEADER, message_rows(people, messages, seed, end))),
            ("Invitations.csv", _csv(INVITATIONS_HEADER,
                                     invitation_rows(people, invitations, seed, end))),
            ("Profile.csv", _csv(["First Name", "Last Name", "Headline"],
                                 iter([[OWNER[0], OWNER[1], "Gestionnaire de communauté"]]))),
        ):  # fmt: skip
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 25, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="store_true", help="write the shipped sample zip")
    parser.add_argument("-c", "--connections", type=Path)
    parser.add_argument("--messages", type=int, default=600)
    parser.add_argument("--invitations", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.sample:
        source = ROOT / "sample_contacts" / "Connections.csv"
        target = ROOT / "sample_contacts" / SAMPLE_NAME
    elif args.connections and args.output:
        source, target = args.connections, args.output
    else:
        parser.error("give --sample, or --connections and --output")
    write_archive(
        target, source, messages=args.messages, invitations=args.invitations, seed=args.seed
    )
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())

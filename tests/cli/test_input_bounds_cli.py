"""Files a user names are read with a cap: a device, a pipe or a huge file is refused at once.

Each refusal runs the real `handpicked` in a subprocess with its memory capped at 1 GB and a
generous timeout, so a reader that grows without bound fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MEMORY = 1024**3


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def handpicked(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real command on the test's workspace; 20 s is far beyond any refusal."""
    return subprocess.run(
        [sys.executable, "-m", "handpicked", "--workspace", str(tmp_path / "ws"), *map(str, args)],
        capture_output=True, text=True, timeout=20, preexec_fn=_cap_memory,
    )  # fmt: skip


def one_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """The single `error: ...` line of a refusal with exit 1, after checking it names `words`."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    """A 2 GB file that costs no disk: a hole of zeros."""
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    return path


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A named pipe nobody writes to: opening it for reading would wait forever."""
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def stored(tmp_path: Path) -> int:
    result = handpicked(tmp_path, "contacts", "--json")
    return result.stdout.count('"id"') if result.returncode == 0 else 0


def test_import_of_dev_zero_is_refused(tmp_path: Path) -> None:
    """Verify `import /dev/zero` ends at once with one error line saying it is no regular file."""
    line = one_error(handpicked(tmp_path, "import", "/dev/zero"), "/dev/zero", "not a regular file")
    assert "Traceback" not in line


def test_import_of_a_2_gb_file_is_refused_with_its_size(tmp_path: Path, sparse: Path) -> None:
    """Verify a 2 GB export is refused before it is read, naming its size and the 200 MB cap."""
    one_error(handpicked(tmp_path, "import", sparse), str(sparse), "2 GB", "200 MB")
    assert stored(tmp_path) == 0


def test_import_of_a_named_pipe_is_refused(tmp_path: Path, fifo: Path) -> None:
    """Verify a named pipe is refused without waiting for a writer."""
    one_error(handpicked(tmp_path, "import", fifo), str(fifo), "not a regular file")


def test_import_through_a_symlink_reads_the_file(tmp_path: Path) -> None:
    """Verify a symlink to a regular export is imported like the file itself."""
    real = tmp_path / "Connections.csv"
    real.write_text(f"{LINKEDIN_HEADER}\nAna,Lima,,,Acme,CEO,\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    result = handpicked(tmp_path, "import", link)
    assert result.returncode == 0, result.stderr
    assert "imported 1" in result.stdout


def test_bad_file_does_not_stop_the_good_one(tmp_path: Path, fifo: Path) -> None:
    """Verify a refused pipe among good files fails alone: the good export is still imported."""
    good = tmp_path / "Connections.csv"
    good.write_text(f"{LINKEDIN_HEADER}\nAna,Lima,,,Acme,CEO,\n", encoding="utf-8")
    result = handpicked(tmp_path, "import", fifo, good)
    one_error(result, str(fifo))
    assert "imported 1" in result.stdout


@pytest.fixture
def message(tmp_path: Path, cli, imported) -> tuple[str, str]:
    """A campaign "c" with one queued message to Alma Zorn: (campaign, contact id)."""
    ids = imported("Alma,Zorn,https://www.linkedin.com/in/alma,alma@x.test,Northwind,CTO,\n")
    assert cli("compose", "c", "--template", "reconnect", "--contact", ids["Alma Zorn"]).code == 0
    return "c", str(ids["Alma Zorn"])


def body_of(tmp_path: Path) -> str:
    result = handpicked(tmp_path, "preview", "c", "--json")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_body_file_dev_zero_is_refused(tmp_path: Path, message: tuple[str, str]) -> None:
    """Verify `edit --body-file /dev/zero` ends at once with one error line; the body is kept."""
    before = body_of(tmp_path)
    result = handpicked(tmp_path, "edit", *message, "--body-file", "/dev/zero")
    one_error(result, "/dev/zero", "not a regular file")
    assert body_of(tmp_path) == before


def test_body_file_over_1_mb_is_refused(
    tmp_path: Path, message: tuple[str, str], sparse: Path
) -> None:
    """Verify a body file over the 1 MB cap is refused, the cap stated, before it is read."""
    before = body_of(tmp_path)
    one_error(handpicked(tmp_path, "edit", *message, "--body-file", sparse), "2 GB", "1 MB")
    assert body_of(tmp_path) == before


def test_body_file_named_pipe_is_refused(
    tmp_path: Path, message: tuple[str, str], fifo: Path
) -> None:
    """Verify a named pipe as --body-file is refused without waiting for a writer."""
    one_error(handpicked(tmp_path, "edit", *message, "--body-file", fifo), "not a regular file")


def test_body_file_through_a_symlink_is_read(tmp_path: Path, message: tuple[str, str]) -> None:
    """Verify a symlink to a small text file is a fine body file."""
    real = tmp_path / "note.txt"
    real.write_text("Alma, coffee next week?\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = handpicked(tmp_path, "edit", *message, "--body-file", link)
    assert result.returncode == 0, result.stderr
    assert "Alma, coffee next week?" in body_of(tmp_path)

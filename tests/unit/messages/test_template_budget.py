"""Templates that never end: every hostile template stops fast with one error line, nothing stored.

A template is a user's file, or one somebody shared. The hostile ones here are composed in real
processes on a real workspace, with a timeout and a memory ceiling, so that a template that would
hang or fill the memory fails the test instead of the machine: the issue's three each by a
`handpicked compose` process of its own, their relatives one after another by the CLI's `main`
in one bounded process (starting a process for each cost 0.3 s of the suite's CPU apiece).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest

from handpicked.cli import main
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.templates.files import Template, contact_context, render
from handpicked.core.models import Contact

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
ROW = "Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021"
FILE = "ws/templates/hostile.en.j2"  # its body starts on line 4, under the front matter
MEMORY = 1 << 30  # the composing process may use 1 GB of address space, no more
TODAY = dt.date(2025, 6, 1)


@pytest.fixture
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A workspace (tmp_path / "ws", as the autouse fixture sets it) with one contact, id 1."""
    export = tmp_path / "Connections.csv"
    export.write_text(f"Notes:\n\n{HEADER}\n{ROW}\n", encoding="utf-8")
    assert main(["import", str(export)]) == 0
    assert main(["config", "set", "me.name", "Alex"]) == 0  # compose's stderr: errors only
    capsys.readouterr()
    return tmp_path / "ws"


def _ceiling() -> None:
    with contextlib.suppress(ValueError, OSError):  # elsewhere, the timeout still holds
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _template_text(body: str) -> str:
    return f'+++\ndescription = "hostile"\n+++\n{textwrap.dedent(body).strip()}\n'


def _bounded(argv: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        preexec_fn=_ceiling,
    )  # fmt: skip


def compose(workspace: Path, body: str) -> subprocess.CompletedProcess[str]:
    """`handpicked compose` of the template `body` to contact 1, in its own bounded process."""
    folder = workspace / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "hostile.en.j2").write_text(_template_text(body), encoding="utf-8")
    return _bounded(
        [sys.executable, "-m", "handpicked", "--workspace", str(workspace), "compose", "c",
         "--template", "hostile", "--contact", "1"],
        workspace.parent, timeout=20,
    )  # fmt: skip


# Composes each template of a JSON list in turn, as `handpicked compose` would, and prints one
# JSON line per template: what `main` returned and wrote (flushed: a crash shows where).
_ONE_AFTER_ANOTHER = """
import contextlib, io, json, sys
from pathlib import Path
from handpicked.cli import main

workspace, bodies = Path(sys.argv[1]), json.loads(sys.argv[2])
template = workspace / "templates" / "hostile.en.j2"
template.parent.mkdir(exist_ok=True)
argv = ["--workspace", str(workspace), "compose", "c", "--template", "hostile", "--contact", "1"]
for body in bodies:
    template.write_text(body, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    print(json.dumps([code, out.getvalue(), err.getvalue()]), flush=True)
"""


def compose_each(workspace: Path, bodies: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Each template of `bodies` composed to contact 1, one after another in one bounded process;
    what each returned and wrote, as `compose` gives it."""
    texts = json.dumps([_template_text(body) for body in bodies])
    ran = _bounded([sys.executable, "-c", _ONE_AFTER_ANOTHER, str(workspace), texts],
                   workspace.parent, timeout=60)  # fmt: skip
    results = [json.loads(line) for line in ran.stdout.splitlines()]
    assert ran.returncode == 0 and len(results) == len(bodies), (
        f"the process ended after {len(results)} of {len(bodies)} templates "
        f"(exit {ran.returncode}): {ran.stderr[-2000:]}"
    )
    return [subprocess.CompletedProcess([], code, out, err) for code, out, err in results]


def assert_refused(
    result: subprocess.CompletedProcess[str], *words: str, line: int | None = 4
) -> None:
    """One `error:` line naming the template's file and line, exit 1, and no campaign stored."""
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    error = result.stderr.strip()
    assert error.startswith(f"error: {FILE}{'' if line is None else f':{line}'}: "), error
    assert "— fix the template" in error, error
    for word in words:
        assert word in error, error
    assert error.endswith("(contact: Alma Zorn, id 1)"), error
    assert result.stdout == ""
    assert main(["campaigns", "--json"]) == 0


# --- the three templates of the issue -------------------------------------------------------


def test_lipsum_of_ten_million_paragraphs_is_refused(workspace: Path, capsys) -> None:
    """Verify `lipsum(n=10**7)` stops at once with one error instead of writing for minutes."""
    result = compose(workspace, "Hi {{ first_name }}\n{{ lipsum(n=10**7) }}")
    assert_refused(result, "lipsum()", "10,000,000 paragraphs", line=5)
    assert json.loads(capsys.readouterr().out) == []


def test_nested_range_loops_are_refused(workspace: Path, capsys) -> None:
    """Verify two nested `range(100000)` loops stop at the first range, over the 10,000 cap."""
    body = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}x"
    assert_refused(compose(workspace, body), "range() of 100,000 numbers", "10,000")
    assert json.loads(capsys.readouterr().out) == []


def test_power_of_a_power_is_refused(workspace: Path, capsys) -> None:
    """Verify `{{ 10**(10**8) }}` is refused before Python starts on a 100-million-digit number."""
    assert_refused(compose(workspace, "{{ 10**(10**8) }}"), "10 ** 100000000", "digits")
    assert json.loads(capsys.readouterr().out) == []


# --- their relatives -------------------------------------------------------------------------

BIG = "{% set big = 'x' * 100000 %}"
DOUBLING = "\n".join([BIG] + [f"{{% set big = big ~ big %}}{i}" for i in range(30)])


class Case(NamedTuple):
    id: str
    body: str
    words: tuple[str, ...]
    line: int | None


def case(body: str, *words: str, line: int | None = 4, id: str) -> Case:
    return Case(id, body, words, line)


RELATIVES = [
    case('{{ "x" * 10**9 }}', "repeating", "1,000,000,000 times", id="str-times"),
    case("{{ [company] * 10**8 }}", "repeating", "100,000,000 times", id="list-times"),
    case("{{ (2**5000) * (2**5000) }}", "multiplication", "digits", id="int-times"),
    case('{{ "%0999999999d" % 1 }}', "width of 999,999,999", id="printf"),
    case('{{ "%*d" % (10**9, 1) }}', "width taken from a value", id="printf-star"),
    case('{{ "%999999999s"|format(1) }}', "width of 999,999,999", id="format-filter"),
    case('{{ "{:>999999999}".format(1) }}', "width of 999,999,999", id="str-format"),
    case('{{ "{:{w}}".format(1, w=10**9) }}', "width taken from a value", id="nested"),
    case('{{ "x".center(10**9) }}', "width of 1,000,000,000", id="center"),
    case("{{ company|center(10**9) }}", "width of 1,000,000,000", id="center-filter"),
    case("{{ (1).to_bytes(10**9) }}", "length of 1,000,000,000", id="to-bytes"),
    case(BIG + '{{ big.replace("", big) }}', "100,000 characters", id="replace"),
    case(BIG + "{{ big|replace('x', big) }}", "100,000 characters", id="replace-filter"),
    case(BIG + "{{ big.join(big) }}", "100,000 characters", id="join"),
    case(BIG + "{{ big|join(big) }}", "100,000 characters", id="join-filter"),
    case(BIG + "{{ [big] * 1000 }}", "100,000 characters", id="list-of-big"),
    case(BIG + "{{ big|indent(big) }}", "100,000 characters", id="indent"),
    case("{{ [1]|batch(10**9, 'x')|list }}", "length of 1,000,000,000", id="batch"),
    case(DOUBLING, "100,000 characters", line=5, id="doubling"),
    case(
        "{% set ns = namespace(s='x' * 60000) %}{% for i in range(40) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        "100,000 characters",
        id="doubling-in-a-loop",
    ),
    case(
        "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}x",
        "loops and calls",
        "100,000 times",
        id="loops-under-the-range-cap",
    ),
    case(
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}",
        "loops and calls",
        "100,000 times",
        id="macro-recursion",
    ),
    case(
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "calls a macro within itself too deeply",
        id="endless-recursion",
    ),
    case(
        BIG + "{% macro m() %}{% for i in range(10000) %}{{ big[i:] }}{% endfor %}"
        "{% endmacro %}{{ m()|length }}",
        "1,000,000 characters",
        id="slices-in-a-macro",
    ),
    case(
        "{% for i in range(10000) %}{{ 'y' * 99 }} {% endfor %}",
        "message comes to more than 100,000 characters",
        line=None,
        id="output",
    ),
]


def test_hostile_templates_each_end_with_one_error(workspace: Path, capsys) -> None:
    """Verify each template making a huge value or going round forever stops with one error."""
    results = compose_each(workspace, [case.body for case in RELATIVES])
    failed = []
    for case, result in zip(RELATIVES, results, strict=True):
        try:
            assert_refused(result, *case.words, line=case.line)
        except AssertionError as err:
            failed.append(f"{case.id}: {err}")
    assert failed == [], "\n".join(failed)
    assert capsys.readouterr().out.split() == ["[]"] * len(RELATIVES)  # no campaign, each time


def test_time_budget_stops_a_slow_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Verify a render still going after its time budget stops, naming the file and the budget."""
    from handpicked.core.messages.templates import budget as template_budget

    monkeypatch.setattr(template_budget, "SECONDS", 0.0)
    template = Template(name="slow", language="fr", body="{% for i in range(500) %}.{% endfor %}")
    context = contact_context(Contact(id=3, first_name="Léa"), today=TODAY, me={})
    with pytest.raises(HandpickedError) as caught:
        render(template, context, {}, contact_label="Léa, id 3")
    assert str(caught.value) == (
        "slow.fr.j2:1: takes more than 0 seconds to render one message, far longer than a "
        "message needs — fix the template (contact: Léa, id 3)"
    )


# --- what still works ------------------------------------------------------------------------


def test_ordinary_template_features_render_as_before() -> None:
    """Verify loops, filters, slices, `~`, `%`, format, `*`, `**` and macros work as in Jinja2."""
    body = """
    {% macro item(n, tag) %}{{ n }}. {{ tag|upper }}{% endmacro %}
    {% for tag in tags %}{{ item(loop.index, tag) }}{{ ", " if not loop.last }}{% endfor %}.
    {{ "%05.1f"|format(3.14159) }} {{ "%s at %s" % (first_name, company) }}
    {{ "{:>6}|{}".format(company[:4], position[-8:]) }} {{ first_name ~ "!" * 3 }}
    {{ 2 ** 10 }} {{ "ab" * 3 }} {{ [1, 2] + [3] }} {{ (tags|join("/")).center(20, "*") }}
    """
    template = Template(name="ok", language="en", body=textwrap.dedent(body).strip())
    contact = Contact(
        id=1, first_name="Alma", company="Northwind", position="Data Engineer", tags=["a", "b"]
    )
    message = render(template, contact_context(contact, today=TODAY, me={}), {})
    assert message.body == (
        "1. A, 2. B.\n"
        "003.1 Alma at Northwind\n"
        "  Nort|Engineer Alma!!!\n"
        "1024 ababab [1, 2, 3] ********a/b*********"
    )


# --- files that cannot be read in a moment ---------------------------------------------------


def compose_here(
    workspace: Path, capsys, text: str | None = None, *, contact: str = "1", campaign: str = "c"
) -> tuple[int, str]:
    """`handpicked compose` in this process, after writing `text` as the template's body."""
    if text is not None:
        folder = workspace / "templates"
        folder.mkdir(exist_ok=True)
        body = f'+++\ndescription = "hostile"\n+++\n{text}\n'
        (folder / "hostile.en.j2").write_text(body, encoding="utf-8")
    code = main(["compose", campaign, "--template", "hostile", "--contact", contact])
    return code, capsys.readouterr().err


NESTED = "its brackets, ifs or loops are nested too deeply to read"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", NESTED, id="brackets"),
        pytest.param("{% if 1 %}" * 300 + "x" + "{% endif %}" * 300, NESTED, id="ifs"),
        pytest.param("{% for a in b %}" * 25 + "x" + "{% endfor %}" * 25, NESTED, id="loops"),
        pytest.param("{{ " + "7" * 5000 + " }}", "a number in it is too long", id="number"),
    ],
)
def test_template_python_cannot_read_is_one_error(
    workspace: Path, capsys, text: str, reason: str
) -> None:
    """Verify a template nested past Python's limits, or with a huge number, is one error line."""
    code, err = compose_here(workspace, capsys, text)
    assert code == 1
    assert err == f"error: {workspace / 'templates' / 'hostile.en.j2'}: {reason}" + (
        " — simplify the template\n" if reason == NESTED else " — fix the template\n"
    )


def test_huge_template_file_is_refused_before_reading(workspace: Path, capsys) -> None:
    """Verify a 2 MB template is refused by its size, not read, compiled and sent."""
    code, err = compose_here(workspace, capsys, "Hi {{ first_name }}, " + "word " * 400_000)
    assert code == 1
    assert err == (
        f"error: {workspace / 'templates' / 'hostile.en.j2'}: 2.01 MB is too big for a template "
        "(at most 1 MB); is it the right file?\n"
    )
    assert main(["campaigns", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_template_that_is_no_file_is_refused_without_waiting(workspace: Path, capsys) -> None:
    """Verify a named pipe called NAME.en.j2 is refused instead of waiting forever to read it."""
    (workspace / "templates").mkdir()
    os.mkfifo(workspace / "templates" / "hostile.en.j2")
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run(
        [sys.executable, "-m", "handpicked", "--workspace", str(workspace), "compose", "c",
         "--template", "hostile", "--contact", "1"],
        cwd=workspace.parent, env=env, capture_output=True, text=True, timeout=20,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (f"error: {FILE}: not a regular file; a template is a text file\n")


# --- sandbox escapes -------------------------------------------------------------------------

UNSAFE = "is unsafe; a template can only use the variables it is given (contact: Alma Zorn, id 1)"


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ '{0.__class__}'.format(company) }}",
        "{{ '{x.__class__}'.format_map({'x': company}) }}",
        "{{ '{0.__class__}'|attr('format')(company) }}",
        "{{ company|attr('__class__') }}",
        "{{ lipsum.__globals__ }}",
        "{{ range.__globals__ }}",
        "{{ fields.__init__ }}",
        "{{ (1).__class__.__base__.__subclasses__() }}",
        "{% set ns = namespace() %}{{ ns._Namespace__attrs }}",
    ],
)
def test_sandbox_escapes_are_refused(workspace: Path, capsys, text: str) -> None:
    """Verify the red team's ways into Python's internals each end with one clear error line."""
    code, err = compose_here(workspace, capsys, text)
    assert code == 1
    assert err.startswith(f"error: {workspace / 'templates' / 'hostile.en.j2'}:4: access to ")
    assert err.endswith(f"{UNSAFE}\n") and err.count("\n") == 1


def test_hostile_fields_are_data_through_compose(tmp_path: Path, workspace: Path, capsys) -> None:
    """Verify template code in a contact's fields prints as written, and a field the template
    uses as a format still cannot reach Python's internals."""
    export = tmp_path / "more.csv"
    code, mro = "{{ lipsum(n=10**7) }}{% for a in range(10**9) %}", "{0.__class__.__mro__}"
    row = f'Ray,Sun,https://linkedin.com/in/ray,,"{code}",{mro},12 Mar 2021'
    export.write_text(f"Notes:\n\n{HEADER}\n{row}\n", encoding="utf-8")
    assert main(["import", str(export)]) == 0
    capsys.readouterr()
    text = "Hi {{ first_name }} at {{ company }} ({{ position }})"
    assert compose_here(workspace, capsys, text, contact="2") == (0, "")
    assert main(["preview", "c", "--json"]) == 0
    messages = json.loads(capsys.readouterr().out)["messages"]
    assert [m["body"] for m in messages] == [f"Hi Ray at {code} ({mro})"]
    text = "Hi {{ position.format(first_name) }}"
    assert compose_here(workspace, capsys, text, contact="2", campaign="d") == (
        1,
        f"error: {workspace / 'templates' / 'hostile.en.j2'}:4: access to attribute '__class__' "
        "of 'str' object is unsafe; a template can only use the variables it is given "
        "(contact: Ray Sun, id 2)\n",
    )

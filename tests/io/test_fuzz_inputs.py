"""Seeded fuzzing of the two files users hand back to the app (issue 10, "done when"): the sample
project file and an exported workbook. Every mutant must load correctly or be refused with the
module's own error type, and the input file must never be modified."""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.model import Project
from workbench.io.project_file import ProjectFileError, dumps, load

ROOT = Path(__file__).resolve().parents[2]

_TOKENS = [
    b'"\\ud800"',
    b"9" * 400,
    b"9" * 5000,
    b"[" * 3000,
    b"{" * 3000,
    b"NaN",
    b"-Infinity",
    b"1e999",
    b'"format_version": 0, ',
    b'"project": {}, ',
    b'"name": "x", "name": "y", ',
    b"null",
    b"true",
    b'"\\u0000"',
    b"\xff\xfe",
    b"\xe4\xb8",
]


def _mutate(data: bytes, rnd: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 3)):
        op = rnd.randrange(6)
        i = rnd.randrange(len(b) + 1)
        if op == 0 and b:  # flip a byte
            b[min(i, len(b) - 1)] = rnd.randrange(256)
        elif op == 1:  # delete a run
            del b[i : i + rnd.randint(1, 200)]
        elif op == 2:  # duplicate a run
            j = rnd.randrange(len(b) + 1)
            b[j:j] = b[i : i + rnd.randint(1, 400)]
        elif op == 3:  # insert a hostile token
            b[i:i] = rnd.choice(_TOKENS)
        elif op == 4:  # truncate
            del b[i:]
        else:  # replace a value after a key with a hostile token
            k = bytes(b).find(b'": ', i)
            if k >= 0:
                b[k + 3 : k + 3] = rnd.choice(_TOKENS) + b" "
    return bytes(b)


_TEXTS = ["=cmd|' /C calc'!A0", "\t\r+1", "@SUM(1)", "😀𠀀", "", " " * 3, "x" * 5000, "\u202e"]


def _leaves(value: object, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [path]


def _mutate_values(doc: dict, rnd: random.Random) -> bytes:
    """Same shape, other values: strings become hostile text, numbers other numbers, and now
    and then a value of the wrong type or a key dropped."""
    leaves = _leaves(doc["project"], ("project",))
    for path in rnd.sample(leaves, 3):
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        old = parent[path[-1]]
        r = rnd.random()
        if r < 0.1:
            new = rnd.choice([None, [], {}, "x", 10**30, True])
        elif r < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
            continue
        elif isinstance(old, str):
            new = rnd.choice(_TEXTS)
        elif isinstance(old, bool):
            new = not old
        elif isinstance(old, (int, float)):
            new = rnd.choice([0, -1, 1e300, 2**62, old * 10, 0.1])
        else:
            new = old
        parent[path[-1]] = new
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def test_fuzzed_project_files_load_or_are_refused(tmp_path: Path) -> None:
    original = SAMPLE_PROJECT.read_bytes()
    doc = json.loads(original)
    rnd = random.Random(20261201)
    outcomes = {"loaded": 0, "refused": 0}
    for n in range(200):
        data = _mutate(original, rnd) if n % 2 else _mutate_values(json.loads(json.dumps(doc)), rnd)
        p = tmp_path / f"m{n}.wbp"
        p.write_bytes(data)
        try:
            project = load(p)
        except ProjectFileError as e:
            assert "\n" not in e.message("en"), e.message("en")
            outcomes["refused"] += 1
        else:
            assert isinstance(project, Project)
            with contextlib.suppress(ProjectFileError):
                json.loads(dumps(project))  # what loaded can be written again (or refused)
            outcomes["loaded"] += 1
        assert p.read_bytes() == data, f"mutant {n} was modified"
    assert outcomes["refused"] > 20 and outcomes["loaded"] > 5, outcomes


_WORKBOOK_FUZZ = textwrap.dedent(
    """
    import random, re, resource, sys, zipfile, io
    from pathlib import Path
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    from workbench.io.excel import ExcelImportError, export_workbook, read_allocation_edits
    from workbench.io.project_file import load
    from workbench.io.stats_import import read_table
    from workbench.io.stats_import.errors import StatsImportError
    from workbench.bundled import SAMPLE_PROJECT

    tmp = Path(sys.argv[1])
    project = load(SAMPLE_PROJECT)
    sc = project.scenarios[0].name
    src = tmp / "export.xlsx"
    export_workbook(project, sc, src)
    original = src.read_bytes()
    rnd = random.Random(int(sys.argv[2]))
    HOSTILE = [
        (rb'<c r="([A-Z]+)(\\d+)"', lambda m: b'<c r="XFD1048576"'),
        (rb'<c r="([A-Z]+)(\\d+)"', lambda m: b'<c r="' + m.group(1) + b'99999999"'),
        (rb'<c r="[A-Z]+\\d+"', lambda m: b"<c"),
        (rb"<v>[^<]*</v>", lambda m: b""),
        (rb'<c r="([A-Z]+\\d+)"', lambda m: m.group(0) + b' t="e"'),
        (rb"<v>([^<]*)</v>", lambda m: b"<v>#DIV/0!</v>"),
        (rb"<row ", lambda m: b"<row><row "),
        (rb"</sheetData>", lambda m: b""),
        (rb'<dimension ref="[^"]*"', lambda m: b'<dimension ref="A1:XFD1048576"'),
        (rb"<t>([^<]*)</t>", lambda m: b"<t>=1+1\\t\\r</t>"),
    ]

    def mutate_parts(data):
        zin = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                body = zin.read(info)
                if info.filename.startswith("xl/worksheets/") and rnd.random() < 0.6:
                    pat, rep = rnd.choice(HOSTILE)
                    hits = list(re.finditer(pat, body))
                    for m in rnd.sample(hits, min(len(hits), rnd.randint(1, 5)))[::-1]:
                        body = body[: m.start()] + rep(m) + body[m.end():]
                zout.writestr(info.filename, body)
        return out.getvalue()

    def mutate_bytes(data):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 4)):
            i = rnd.randrange(len(b))
            if rnd.random() < 0.5:
                b[i] = rnd.randrange(256)
            else:
                del b[i : i + rnd.randint(1, 2000)]
        return bytes(b)

    counts = {"read": 0, "refused": 0}
    for n in range(int(sys.argv[3])):
        data = mutate_parts(original) if n % 3 else mutate_bytes(original)
        p = tmp / f"m{n}.xlsx"
        p.write_bytes(data)
        print("mutant", n, flush=True)
        for reader, errors in (
            (lambda: read_allocation_edits(project, sc, p), ExcelImportError),
            (lambda: read_table(p, sheet="资金分配"), StatsImportError),
        ):
            try:
                reader()
                counts["read"] += 1
            except errors as e:
                assert "\\n" not in str(e).strip(), str(e)
                counts["refused"] += 1
        assert p.read_bytes() == data, f"mutant {n} was modified"
    xls = Path("tests/data/stats/20_Major_GDP.xls").read_bytes()  # legacy Excel, patched records
    for n in range(int(sys.argv[3]) // 2):
        b = bytearray(xls)
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(512, len(b) - 4)
            r = rnd.random()
            if r < 0.5:
                b[i] = rnd.randrange(256)
            elif r < 0.8:
                b[i : i + 2] = rnd.choice([0xFFFF, 0x3FFF, 0x00FF, 0x8000]).to_bytes(2, "little")
            else:
                del b[i : i + rnd.randint(1, 300)]
        p = tmp / f"x{n}.xls"
        p.write_bytes(bytes(b))
        print("xls mutant", n, flush=True)
        try:
            read_table(p)
            counts["read"] += 1
        except StatsImportError as e:
            assert "\\n" not in str(e).strip(), str(e)
            counts["refused"] += 1
        assert p.read_bytes() == bytes(b), f"xls mutant {n} was modified"
    print("DONE", counts["read"], counts["refused"])
    """
)


def test_fuzzed_exported_workbooks_are_read_or_refused(tmp_path: Path) -> None:
    """Exported xlsx mutated at the zip, XML and byte level, and the sample xls with patched
    records. In a child process with a 3 GiB address-space limit: a mutant that slipped past the guard
    and made calamine abort fails this test (naming the mutant) instead of killing pytest."""
    done = subprocess.run(
        [sys.executable, "-c", _WORKBOOK_FUZZ, str(tmp_path), "20261201", "100"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    last = (done.stdout.strip().splitlines() or [""])[-1]
    assert done.returncode == 0, f"{last}: {done.stderr[-3000:]}"
    assert last.startswith("DONE"), last
    _, read, refused = last.split()
    assert int(read) > 10 and int(refused) > 10, last

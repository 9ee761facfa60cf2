"""Fuzz: over 200 generated bad packets and inventory files (T3.3).

Each must end in a plain message that names the file and the place, never in a crash, a hang
or a write. A hang is caught by an alarm far above any real read, so this stays a
correctness check, not a timing one.
"""

from __future__ import annotations

import contextlib
import io
import random
import signal
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from aligner.domain.errors import FileRejectedError
from aligner.services import edits
from aligner.services.inventory import import_inventory, write_inventory_template
from aligner.services.packets import import_packets, make_packets
from aligner.services.project import Project

HANG_SECONDS = 30
RATIONALE = "Rationale"
CELL_PLACES = ("sheet Scores, cell ", "sheet Rationale, cell ")
SCORE_CELL = "C13"  # first score of the tiny project's packet (tools x outcomes from C13)


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Project]:
    project = Project.create(tmp_path / "tiny.aligner", name="Tiny USD")
    project.execute(edits.add("challenge", title="Reading", category="equity"))
    challenge = project.challenges()[0].id
    for name in ("Proficiency", "Growth"):
        project.execute(edits.add("outcome", challenge_id=challenge, name=name))
    for name in ("ReadWell", "MathUp"):
        project.execute(edits.add("tool", name=name))
    project.execute(edits.add("member", name="Ana"))
    yield project
    project.close()


@contextlib.contextmanager
def no_hang(label: str) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise AssertionError(f"{label}: still reading after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def rezip(source: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """Copy a zip, passing each part through ``change`` (None drops the part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def edited(packet: bytes, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(packet))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patch_central(data: bytes, offset: int, value: int, size: int) -> bytes:
    at = data.index(b"PK\x01\x02") + offset
    fmt = "<I" if size == 4 else "<H"
    return data[:at] + struct.pack(fmt, value) + data[at + size :]


_ENTITIES = '<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 9)
)
BOMB_XML = (
    f'<?xml version="1.0"?><!DOCTYPE lolz [{_ENTITIES}]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<si><t>&lol8;</t></si></sst>"
)
XXE_XML = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&ext;</workbook>'
)


def many_rows(rows: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Tools" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            # Rows need no numbers (readers count them), so one block repeats cheaply.
            block = b'<row><c t="inlineStr"><is><t>T</t></is></c></row>' * (rows // 100)
            for _ in range(100):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def packet_variants(packet: bytes, foreign: bytes) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(6)
    for i in range(60):
        yield f"truncated-{i}", packet[: int(len(packet) * (i + 0.5) / 60)]
    for i in range(20):
        yield f"random-{i}", rng.randbytes(rng.randint(0, 5000))
    yield "empty", b""
    yield "text", b"Tool,Score\nReadWell,3\n"
    yield "xls", bytes.fromhex("D0CF11E0A1B11AE1") + rng.randbytes(2000)
    yield "pdf", b"%PDF-1.4\n" + rng.randbytes(300)
    yield "pk-garbage", b"PK\x03\x04" + rng.randbytes(3000)
    yield "no-content-types", rezip(packet, lambda n, d: None if n == "[Content_Types].xml" else d)
    yield "no-workbook", rezip(packet, lambda n, d: None if n == "xl/workbook.xml" else d)
    yield "macros", _with_part(packet, "xl/vbaProject.bin", b"x")
    yield "many-parts", _many_parts(packet)
    yield "zip-bomb", _with_part(packet, "xl/media/bomb.bin", b"\0" * 30_000_000)
    yield "lying-size", patch_central(packet, 24, 10, 4)
    yield "encrypted-flag", patch_central(packet, 8, 1, 2)
    yield "bad-crc", patch_central(packet, 16, 12345, 4)
    for part in (
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
        "docProps/core.xml",
    ):
        yield (
            f"billion-laughs-{part}",
            rezip(packet, lambda n, d, p=part: BOMB_XML.encode() if n == p else d),
        )
    yield "xxe", rezip(packet, lambda n, d: XXE_XML.encode() if n == "xl/workbook.xml" else d)
    for name in ("Score", "scores ", "Sheet1"):
        yield f"renamed-{name}", edited(packet, lambda b, x=name: setattr(b["Scores"], "title", x))
    yield "renamed-ids", edited(packet, lambda b: setattr(b["_packet"], "title", "ids"))
    yield "no-ids", edited(packet, lambda b: b.remove(b["_packet"]))
    yield "renamed-rationale", edited(packet, lambda b: setattr(b[RATIONALE], "title", "Why"))
    yield "no-rationale", edited(packet, lambda b: b.remove(b[RATIONALE]))
    wrong = (
        "three",
        True,
        "4 points",
        "#N/A",
        "nan",
        "inf",
        "1,5",
        "2026-01-01",
        "½",
        "IV",
        "⁴",
        "0x3",
        "--1",
        "1e",
        "four",
        "null",
        "None",
    )
    for value in wrong:
        yield f"type-{value!r}", edited(packet, lambda b, v=value: _score(b, v))
    for value in (5, -1, 2.5, 100, 1e9, 4.0001, -0.5, 3.3, 1e-9, 7):
        yield f"off-rubric-{value}", edited(packet, lambda b, v=value: _score(b, v))
    for formula in ("=1+2", "=SUM(C13:D14)", '=HYPERLINK("http://x")', "=D14", "=4"):
        yield f"formula-score-{formula}", edited(packet, lambda b, f=formula: _score(b, f))
        yield (
            f"formula-rationale-{formula}",
            edited(packet, lambda b, f=formula: _cell(b, "D14", f, RATIONALE)),
        )
    yield "dup-tool-ids", edited(packet, lambda b: _cell(b, "A14", b["Scores"]["A13"].value))
    yield "dup-outcome-ids", edited(packet, lambda b: _cell(b, "D9", b["Scores"]["C9"].value))
    for sheet in ("Scores", RATIONALE):
        for cell, value in (
            ("A13", 999),
            ("C9", 999),
            ("A13", None),
            ("A13", "one"),
            ("C9", 1.5),
            ("D9", None),
            ("E9", 7),
            ("A15", 2),
        ):
            yield (
                f"ids-{sheet}-{cell}-{value}",
                edited(packet, lambda b, c=cell, v=value, s=sheet: _cell(b, c, v, s)),
            )
        for cell in ("C40", "E13", "F14", "C15"):
            yield (
                f"outside-grid-{sheet}-{cell}",
                edited(packet, lambda b, c=cell, s=sheet: _cell(b, c, 3, s)),
            )
    yield "foreign-project", foreign
    for row, value in (
        (1, "aligner-scoring-packet-1"),
        (1, None),
        (2, "0" * 64),
        (2, None),
        (3, 999),
        (3, "Ana"),
        (4, None),
        (4, "v2"),
        (6, 0),
        (6, 12),
        (6, "nine"),
        (7, "1 1"),
        (7, "1 x"),
        (7, 3.5),
        (8, "2"),
        (8, "2 1 1"),
    ):
        yield f"ids-sheet-{row}-{value}", edited(packet, lambda b, r=row, v=value: _ids(b, r, v))
    for row, column, value in ((11, 1, 999), (11, 3, "lots"), (11, 4, 2), (12, 1, "x")):
        yield (
            f"ids-entry-{row}-{column}-{value}",
            edited(packet, lambda b, r=row, c=column, v=value: _ids(b, r, v, column=c)),
        )


def _with_part(packet: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO(packet)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def _many_parts(packet: bytes) -> bytes:
    out = io.BytesIO(packet)
    with zipfile.ZipFile(out, "a") as archive:
        for i in range(2100):
            archive.writestr(f"xl/extra/{i}.xml", b"")
    return out.getvalue()


def _cell(book: openpyxl.Workbook, ref: str, value: object, sheet: str = "Scores") -> None:
    book[sheet][ref].value = value


def _score(book: openpyxl.Workbook, value: object) -> None:
    _cell(book, SCORE_CELL, value)


def _ids(book: openpyxl.Workbook, row: int, value: object, *, column: int = 2) -> None:
    book["_packet"].cell(row, column).value = value


def inventory_variants(template: bytes) -> Iterator[tuple[str, str, bytes]]:
    def fill(sheet: str, *rows: list[object]) -> bytes:
        def edit(book: openpyxl.Workbook) -> None:
            for row in rows:
                book[sheet].append(row)

        return edited(template, edit)

    bad_rows = {
        "Challenges": [
            ["", "equity"],
            ["A", "weather"],
            ["B", "equity", -1],
            ["C", "equity", "x"],
            ["D", "equity", 1, 9],
            ["E", "=1+1"],
            ["F" * 300, "equity"],
            ["G", "equity", None, 2.5],
        ],
        "Outcomes": [["Nope", "X"], ["", "X"], [None, None, "metric only"], ["=A1", "X"]],
        "Tools": [
            [""],
            ["T", "", "", -5],
            ["T2", "", "", "lots"],
            ["T3", "", "", 1, 2, 3.5],
            ["T4", "", "", None, None, None, "bought"],
            ["T5", "", "", None, None, None, None, None, "next year"],
            ["T6", "", "", None, None, None, None, None, "2026-13-40"],
            ["=cmd|' /C calc'!A0"],
        ],
    }
    for sheet, rows in bad_rows.items():
        for i, row in enumerate(rows):
            yield f"inv-{sheet}-{i}", ".xlsx", fill(sheet, row)
    yield "inv-dup-tools", ".xlsx", fill("Tools", ["Same"], ["same"])
    yield "inv-dup-challenges", ".xlsx", fill("Challenges", ["Same", "equity"], ["SAME", "equity"])
    yield (
        "inv-wrong-sheets",
        ".xlsx",
        edited(
            template, lambda b: [setattr(ws, "title", f"S{i}") for i, ws in enumerate(b.worksheets)]
        ),
    )
    yield (
        "inv-wrong-header",
        ".xlsx",
        edited(template, lambda b: setattr(b["Tools"]["A1"], "value", "Product")),
    )
    yield (
        "inv-extra-header",
        ".xlsx",
        edited(template, lambda b: setattr(b["Tools"]["M1"], "value", "Colour")),
    )
    yield (
        "inv-dup-header",
        ".xlsx",
        edited(template, lambda b: setattr(b["Tools"]["M1"], "value", "Vendor")),
    )
    yield "inv-empty", ".xlsx", template
    yield "inv-million-rows", ".xlsx", many_rows(1_000_000)  # refused for its inflation ratio
    yield "inv-6000-rows", ".xlsx", many_rows(6_000)  # small enough to reach the row cap
    yield "inv-csv-garbage", ".csv", b"\xff\xfe\x00garbage"
    yield "inv-csv-headers", ".csv", b"Name,Price\nA,1\n"
    yield "inv-csv-bad", ".csv", b"Tool,Cost per student\nA,free\n"
    yield "inv-csv-empty", ".csv", b""
    yield "inv-csv-formula", ".csv", "\ufeffTool;Students served\nA;=1+1\n".encode()
    for i in range(20):
        yield f"inv-truncated-{i}", ".xlsx", template[: len(template) * (i + 1) // 21]


def test_bad_files_give_plain_messages_and_write_nothing(tiny: Project, tmp_path: Path) -> None:
    packet_file = make_packets(tiny, tmp_path / "out")[0]
    packet = packet_file.read_bytes()
    other = Project.create(tmp_path / "other.aligner", name="Other USD")
    other.execute(edits.add("member", name="Ana"))
    foreign = make_packets(other, tmp_path / "other")[0].read_bytes()
    other.close()
    template_file = tmp_path / "template.xlsx"
    write_inventory_template(template_file)
    template = template_file.read_bytes()

    before = (tiny.counts(), tiny.scores(), tiny.tools(), tiny.challenges(), tiny.outcomes())
    files = tmp_path / "bad"
    files.mkdir()
    tried = 0
    for label, data in packet_variants(packet, foreign):
        path = files / f"packet-{tried}.xlsx"
        path.write_bytes(data)
        with no_hang(label):
            report = import_packets(tiny, [path])
        (result,) = report.packets
        assert not report.applied, label
        if result.refused:
            assert result.lines()[0].startswith(f"{path.name}: refused - "), label
            if label.startswith(("billion-laughs", "xxe")):
                assert "unsafe XML" in result.refused, label
        else:
            assert result.rejected, (label, result.lines())
            assert all(n.place.startswith(CELL_PLACES) for n in result.rejected), label
        tried += 1
    for label, suffix, data in inventory_variants(template):
        path = files / f"inventory-{tried}{suffix}"
        path.write_bytes(data)
        with no_hang(label), pytest.raises(FileRejectedError) as caught:
            import_inventory(tiny, path)
        # Whole-file problems name the file; the rest also name the sheet, row or column.
        for message in caught.value.problems:
            assert path.name in message, (label, message)
        tried += 1
    assert tried >= 200
    assert (
        tiny.counts(),
        tiny.scores(),
        tiny.tools(),
        tiny.challenges(),
        tiny.outcomes(),
    ) == before

"""`check_upload` judges a file by its content: programs, files that are not what their name
says, and spreadsheets that would unpack to too much are refused before anything reads them."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from townsquare.core.uploads import UploadRejected, check_upload


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _zip(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _ods() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                 "content.xml": b"<x/>"}, zipfile.ZIP_STORED)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.csv", b"a,b\n1,2\n"), ("a.json", b' \n[{"a": 1}]'), ("a.geojson", b'{"type": "x"}'),
     ("a.pdf", b"%PDF-1.7 ..."), ("a.parquet", b"PAR1...."), ("a.xlsx", _xlsx()),
     ("a.ods", _ods()), ("a.csv", "\ufeffnom,prénom\n".encode())],
)  # fmt: skip
def test_genuine_files_pass(name, content):
    stream = io.BytesIO(content)
    check_upload(stream, name)
    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [("a.csv", b"MZ\x90\x00 program", "a program"),
     ("data.xlsx", b"\x7fELF...", "a program"),
     ("a.pdf", b"<html>not a pdf", "not a PDF"),
     ("a.xlsx", b"PK\x03\x04 broken", "not a valid XLSX"),
     ("a.xlsx", _zip({"hello.txt": b"hi"}), "not an Excel XLSX"),
     ("a.ods", _zip({"mimetype": b"text/plain"}), "not an OpenDocument ODS"),
     ("a.csv", b"a,b\x00\x00\x01binary", "not a text CSV"),
     ("a.json", b"a,b\n1,2", "not JSON")],
)  # fmt: skip
def test_files_that_are_not_what_they_say_are_refused(name, content, why):
    with pytest.raises(UploadRejected, match=why):
        check_upload(io.BytesIO(content), name)


def test_a_zip_bomb_is_refused(settings):
    bomb = _zip({"[Content_Types].xml": b"<x/>", "xl/sheet.xml": b"0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(UploadRejected, match="zip bomb"):
        check_upload(io.BytesIO(bomb), "big.xlsx")
    settings.MAX_DECOMPRESSED_MB = 5
    with pytest.raises(UploadRejected, match="unpack to more than 5 MB"):
        check_upload(io.BytesIO(bomb), "big.xlsx")

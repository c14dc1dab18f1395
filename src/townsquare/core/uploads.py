"""Refuse an upload over TOWNSQUARE_MAX_UPLOAD_MB before any of it is stored.

This handler runs first for every request. When the declared length (or, for a streamed body,
the bytes received so far) passes the limit it stops the upload: no later handler writes the
file anywhere, the rest of the body is read and discarded, and the request is marked so the
form can say what went wrong.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def upload_refused(request) -> bool:
    return getattr(request, "upload_too_large", False)


class SizeLimitUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0
        self.too_large = content_length is not None and content_length > max_upload_bytes()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.too_large:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=False)


# --- Checking what an upload is, by its content -------------------------------------------
# `check_upload` is for code that is about to read a file (the datastore's ingest): it refuses
# programs, files whose content is not what their name says, and spreadsheets that would
# decompress to more than TOWNSQUARE_MAX_DECOMPRESSED_MB (a "zip bomb").

ZIP_MAGIC = b"PK\x03\x04"
PROGRAM_MAGICS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
BINARY_MAGICS = {
    ".pdf": (b"%PDF-",),
    ".parquet": (b"PAR1",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
ZIP_FORMATS = {".xlsx", ".ods", ".zip", ".docx"}
TEXT_FORMATS = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".geojson", ".xml", ".kml",
                ".ttl", ".rdf", ".html"}  # fmt: skip
MAX_ZIP_ENTRIES = 10_000
MAX_COMPRESSION_RATIO = 200  # real spreadsheets compress 5-30 times; bombs thousands
SNIFF_BYTES = 64 * 1024


class UploadRejected(ValueError):
    """The file is not safe to read; the message says why, for the publisher."""


def max_decompressed_bytes() -> int:
    return settings.MAX_DECOMPRESSED_MB * 1024 * 1024


def check_upload(file, filename: str) -> None:
    """Refuse (`UploadRejected`) a file that is a program, is not what its extension says, or
    is a spreadsheet or archive too large when unpacked. `file` is any seekable binary file;
    it is left at the start."""
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if head.startswith(PROGRAM_MAGICS):
        raise UploadRejected("The file is a program, not data")
    if suffix in ZIP_FORMATS:
        _check_zip(file, suffix)
    elif suffix in BINARY_MAGICS:
        if not head.startswith(BINARY_MAGICS[suffix]):
            raise UploadRejected(f"The file is not a {suffix[1:].upper()} file")
    elif suffix in TEXT_FORMATS:
        _check_text(head, suffix)
    file.seek(0)


def _check_text(head: bytes, suffix: str) -> None:
    if b"\x00" in head and not _looks_utf16(head):
        raise UploadRejected(f"The file is not a text {suffix[1:].upper()} file")
    if suffix in (".json", ".geojson"):
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start and start not in b"{[":
            raise UploadRejected("The file is not JSON")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 text has NUL bytes too: with a byte order mark, or (mostly Latin text without
    one) NULs on every other byte, all on the same side."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    pairs = head[: len(head) // 2 * 2]
    even, odd = pairs[0::2].count(0), pairs[1::2].count(0)
    half = len(pairs) // 2
    return half > 0 and max(even, odd) >= 0.9 * half and min(even, odd) == 0


def _check_zip(file, suffix: str) -> None:
    import zipfile

    try:
        archive = zipfile.ZipFile(file)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise UploadRejected(f"The file is not a valid {suffix[1:].upper()} file") from error
    if len(entries) > MAX_ZIP_ENTRIES:
        raise UploadRejected("The file holds too many parts to open safely")
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries) or 1
    if unpacked > max_decompressed_bytes():
        raise UploadRejected(
            f"The file would unpack to more than {settings.MAX_DECOMPRESSED_MB} MB"
        )
    if unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UploadRejected("The file is compressed suspiciously tightly: it may be a zip bomb")
    names = {e.filename for e in entries}
    if suffix == ".xlsx" and not ("[Content_Types].xml" in names and any(
        n.startswith("xl/") for n in names
    )):  # fmt: skip
        raise UploadRejected("The file is not an Excel XLSX spreadsheet")
    if suffix == ".ods":
        mimetype = archive.read("mimetype") if "mimetype" in names else b""
        if mimetype.strip() != b"application/vnd.oasis.opendocument.spreadsheet":
            raise UploadRejected("The file is not an OpenDocument ODS spreadsheet")

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

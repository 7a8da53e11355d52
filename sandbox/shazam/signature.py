"""Decode the binary Shazam signature a client sends (the public format SongRec documents)."""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass

import numpy as np

DATA_URI_PREFIX = "data:audio/vnd.shazam.sig;base64,"
SAMPLE_RATE = 16_000
SECONDS_PER_PASS = 128 / SAMPLE_RATE  # one FFT pass every 128 samples
HZ_PER_BIN = SAMPLE_RATE / 2 / 1024 / 64  # a "corrected" bin is a 64th of an FFT bin

_MAGIC = 0xCAFE2580
_HEADER = struct.Struct("<12I")
_BAND_TAG = 0x60030040
_BAND_COUNT = 4
_ABSOLUTE_PASS = 0xFF


class BadSignature(ValueError):
    """The bytes are not a Shazam signature."""


@dataclass(frozen=True)
class Peaks:
    """The spectral peaks of one signature, one entry per peak."""

    passes: np.ndarray  # FFT pass number (time)
    magnitudes: np.ndarray
    bins: np.ndarray  # corrected frequency bin

    def __len__(self) -> int:
        return len(self.passes)


def decode_uri(uri: str) -> Peaks:
    """The peaks of a `data:audio/vnd.shazam.sig;base64,...` URI."""
    if not uri.startswith(DATA_URI_PREFIX):
        raise BadSignature("signature.uri is not a data:audio/vnd.shazam.sig URI")
    try:
        raw = base64.b64decode(uri[len(DATA_URI_PREFIX) :], validate=True)
    except ValueError as err:
        raise BadSignature("signature.uri is not valid base64") from err
    return decode(raw)


def decode(raw: bytes) -> Peaks:
    """The peaks of a binary signature; checks its header and checksum."""
    if len(raw) < _HEADER.size + 8:
        raise BadSignature("signature is shorter than its header")
    header = _HEADER.unpack_from(raw)
    if header[0] != _MAGIC or header[1] != zlib.crc32(raw[8:]):
        raise BadSignature("signature header or checksum is wrong")
    peaks: list[tuple[int, int, int]] = []
    offset = _HEADER.size + 8  # the header, then one tag and size for the whole body
    while offset + 8 <= len(raw):
        tag, size = struct.unpack_from("<II", raw, offset)
        offset += 8
        if not 0 <= tag - _BAND_TAG < _BAND_COUNT or offset + size > len(raw):
            raise BadSignature(f"unexpected block tag {tag:#x}")
        peaks.extend(_band_peaks(raw[offset : offset + size]))
        offset += size + (-size % 4)
    columns = np.array(peaks, dtype=np.int64).reshape(-1, 3)
    return Peaks(columns[:, 0], columns[:, 1], columns[:, 2])


def _band_peaks(block: bytes) -> list[tuple[int, int, int]]:
    """(pass, magnitude, bin) of each peak of one frequency band."""
    peaks = []
    fft_pass = 0
    position = 0
    while position < len(block):
        delta = block[position]
        if delta == _ABSOLUTE_PASS:
            (fft_pass,) = struct.unpack_from("<I", block, position + 1)
            position += 5
            continue
        if position + 5 > len(block):
            raise BadSignature("a peak is cut short")
        fft_pass += delta
        magnitude, frequency_bin = struct.unpack_from("<HH", block, position + 1)
        peaks.append((fft_pass, magnitude, frequency_bin))
        position += 5
    return peaks

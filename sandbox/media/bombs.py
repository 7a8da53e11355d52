"""Media built to unpack huge: a few hundred kB on the wire, gigabytes inside ffmpeg.

An MP3 whose ID3 tags each hold a picture of zeros (ffmpeg keeps every picture in memory), the
whole gzipped, to be served as `Content-Encoding: gzip`. Used by tests and bench/bench_bomb.py.
"""

from __future__ import annotations

import struct
import subprocess
import zlib

MIB = 1024 * 1024
_PICTURE = b"\x00image/png\x00\x03\x00"  # text encoding, MIME type, picture type, description
_TAG_MIB = 250  # an ID3v2 tag holds under 256 MiB


def tone_mp3(ffmpeg: str, seconds: float = 10) -> bytes:
    """A plain MP3 tone, the audio after the tags."""
    return subprocess.run(  # noqa: S603 - a fixed command line
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
         f"sine=f=440:d={seconds}", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "-"],
        capture_output=True, check=True, timeout=60).stdout


def id3_bomb(mib: int, audio: bytes) -> bytes:
    """`audio` after ID3 tags holding `mib` MiB of pictures in all, gzipped."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    parts, block = [], bytes(MIB)
    while mib > 0:
        size = min(mib, _TAG_MIB)
        mib -= size
        frame = len(_PICTURE) + size * MIB
        synchsafe = bytes((10 + frame) >> shift & 0x7F for shift in (21, 14, 7, 0))
        parts.append(packer.compress(b"ID3\x03\x00\x00" + synchsafe + b"APIC"
                                     + struct.pack(">I", frame) + b"\x00\x00" + _PICTURE))
        parts += [packer.compress(block) for _ in range(size)]
    parts.append(packer.compress(audio) + packer.flush())
    return b"".join(parts)

"""Cover art for the stand-in's tracks: one solid-colour JPEG per song, drawn by ffmpeg."""

from __future__ import annotations

import asyncio
import zlib

import imageio_ffmpeg


async def cover_jpeg(key: str, size: int) -> bytes:
    """A size x size JPEG in a colour of the song's own."""
    colour = zlib.crc32(key.encode()) & 0xFFFFFF
    process = await asyncio.create_subprocess_exec(
        imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error",
        "-f", "lavfi", "-i", f"color=c=0x{colour:06x}:s={size}x{size}",
        "-frames:v", "1", "-f", "image2pipe", "-vcodec", "mjpeg", "-",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    jpeg, errors = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"ffmpeg could not draw cover art: {errors.decode(errors='replace')}")
    return jpeg

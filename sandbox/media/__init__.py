"""The media host: a stand-in for Instagram/TikTok/YouTube's media servers (their CDNs).

It serves plain media files, the kind yt-dlp's generic extractor downloads (Stash accepts such
links on hosts listed in MEDIA_EXTRA_HOSTS). Files are clips of the catalogue's songs and
sounds (`sandbox.catalogue`), encoded by imageio-ffmpeg's ffmpeg on first request and cached on
disk, one encode per distinct file.

URL scheme (every number in the query is optional):

    /clip/<key>.<fmt>?seconds=60&start=0&talk=0
        <key>     a catalogue song key ("40000001") or sound key ("speech", "silence")
        <fmt>     mp4 (H.264 video + AAC, faststart), m4a (AAC, faststart), webm (Opus), mp3;
                  audio is mono (the synthetic source is), 44.1 kHz (Opus: 48 kHz)
        seconds   clip length, 15 to 180 (default 60)
        start     where in the song the music starts, in seconds (default 0)
        talk      seconds of speech before the song (default 0); the clip is still `seconds` long
    /long/<key>.<fmt>?minutes=15       a too-long clip (1 to 60 minutes): its first minute looped,
                                       8 kHz and a few kbps (mp3 is the cheapest to encode)
    /huge/<name>.<fmt>?mb=500          a huge file generated on the fly, never stored
    /redirect?to=<url>&status=302      a redirect to any URL (another host, another stand-in)
    /accounts/login/                   Instagram's login wall page (200 text/html)

Fault parameters (fault= on /clip and /long; rate= and length= on /huge as well):

    fault=403            403 text/plain "URL signature expired" (an expired signed CDN link)
    fault=404            404 text/plain "Not Found" (also any unknown key or format)
    fault=login          200 text/html: the login wall page, served in place of the media
    fault=login-redirect 302 to /accounts/login/?next=<path>, as Instagram does
    rate=N               throttle the body to N bytes per second
    length=0             no Content-Length: chunked transfer, Range ignored

Responses with a length honour `Range: bytes=...` (206 + Content-Range, 416 out of range; a
malformed or multi-part range is ignored), send `Accept-Ranges: bytes`, and answer HEAD.
`MediaHost.set_faults(mode, rate=, length=)`
sets faults for every request whose URL sets none: `mode` for /clip and /long, `rate` and
`length` for /huge too.

Python API, in the same process: `url(key, fmt, seconds=, start=, talk=, fault=, rate=,
length=)`, `long_url`, `huge_url`, `redirect_url(to)`, `login_url`; `await size(url)` and
`await file(url)` (the local encoded file); `bytes_served(path or url)`, `bytes_by_path()`,
`requests` (method, path, Range, status and bytes of each media request), `reset_bytes()`,
`encodes` (ffmpeg runs: cache misses).

Bytes are counted per path (query ignored) as body bytes handed to the socket, whose send
buffer is kept small so that unread bytes do not pile up in the kernel. yt-dlp's generic
extractor opens a URL once just to read its headers before downloading it; that first response
is cut off by the client after at most a few hundred kB, which count too.

The cache directory (default: `media-<digest of the encoding code and ffmpeg>` in this user's
private sandbox cache, see `sandbox.cache`) holds one file per distinct clip, named by a hash of
its parameters; concurrent first requests in one process share one encode, and several processes
may share the directory (files appear by atomic rename).
"""

from sandbox.media.ledger import Served
from sandbox.media.standin import Faults, MediaHost

__all__ = ["Faults", "MediaHost", "Served"]

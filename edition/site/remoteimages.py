"""Images on another site, which a page loads only where edition.toml allows it.

By default no request leaves the site: an image on another server is named, not shown.
`remote_images` in edition.toml lists address prefixes the editor trusts (an image server of
the archive holding the originals); an image whose address starts with one of them is shown.
A IIIF Image API address (`…/info.json`, an image request `{base}/{region}/{size}/{rotation}/
{quality}.{format}`, or a bare service base on an allowed site) is asked for at the display
size, so a phone is not sent a full-resolution scan.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from edition.site.derivatives import SIZES

# {base}/{region}/{size}/{rotation}/{quality}.{format}, Image API 2 and 3
_IIIF_REQUEST = re.compile(
    r"^(?P<base>https?://.+?)/(?P<region>full|square|\d+,\d+,\d+,\d+|pct:[\d.]+,[\d.]+,[\d.]+,[\d.]+)"
    r"/(?:full|max|\^?!?\d*,\d*|\^?pct:[\d.]+)/!?\d+(?:\.\d+)?/(?:default|color|gray|bitonal|native)"
    r"\.(?:jpg|png|webp|gif|tif|jp2)$")


@dataclass(frozen=True)
class RemoteImage:
    full: str  # what the page-number link opens
    display: str  # what the page shows
    thumbnail: str
    service: str = ""  # the IIIF Image API base, where there is one


def allowed(url: str, prefixes: tuple[str, ...]) -> bool:
    """Whether the address starts with one the edition allows (compared as written, scheme and host
    case-insensitively), and is http(s) without a user:password@ that would leak into the page."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc:
        return False
    return any(_normal(url).startswith(_normal(prefix)) for prefix in prefixes)


def _normal(url: str) -> str:
    """The address with its scheme and host in lower case (the rest is case-sensitive)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))


def remote_image(url: str, is_image_file: bool) -> RemoteImage | None:
    """How the page shows an allowed remote image; None when the address is not an image at all."""
    if url.endswith("/info.json"):
        return _iiif(url.removesuffix("/info.json"), "full")
    if request := _IIIF_REQUEST.match(url):
        return _iiif(request.group("base"), request.group("region"), url)
    if is_image_file:
        return RemoteImage(url, url, url)
    if not urllib.parse.urlsplit(url).query:  # neither a file nor a request: taken as a IIIF service's base
        return _iiif(url.rstrip("/"), "full")
    return None


def _iiif(base: str, region: str, full: str = "") -> RemoteImage:
    def sized(side: int) -> str:
        return f"{base}/{region}/!{side},{side}/0/default.jpg"
    return RemoteImage(full or f"{base}/{region}/max/0/default.jpg", sized(SIZES["display"]),
                       sized(SIZES["thumbnail"]), base)

"""Smaller copies of large images, made at build time with Pillow.

A scan at print resolution (several thousand pixels, megabytes) is too heavy for a page that
shows it in a pane a third of a screen wide, and far too heavy for a phone. An image larger
than LARGE_SIDE pixels on its long side, or than LARGE_BYTES, is published with two smaller
copies: one to show (DISPLAY_SIDE) and a thumbnail; the original stays linked for download.

The copies are JPEG at a fixed quality, without EXIF or XMP (the colour profile is kept:
scans are about colour), so the same image gives the same bytes on every build; they are
slow to make, so the build cache keeps them by the image's bytes. An image whose header
declares more pixels than Pillow's MAX_IMAGE_PIXELS (a decompression bomb: a few kilobytes
that would take gigabytes to decode) is refused before it is decoded.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import PIL
from PIL import Image, ImageOps

LARGE_SIDE = 2000
LARGE_BYTES = 1_500_000
SIZES = {"display": 1600, "thumbnail": 240}  # long side in pixels, by the name outputs.image_size_file takes
QUALITY = 82
# Everything that shapes a derivative's bytes besides the image: a change makes the cache make them again.
RECIPE = f"jpeg q{QUALITY} pillow {PIL.__version__} ".encode()

Computed = Callable[[str, bytes, Callable[[], bytes]], bytes]  # BuildCache.computed: kind, material, compute


class ImageRefused(Exception):
    """Why an image is not published: a diagnostic's code, message and hint."""

    def __init__(self, code: str, message: str, hint: str):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@dataclass(frozen=True)
class Derivation:
    """How a worker makes and keeps derivatives: the build cache's `computed`, and a writer into the site."""

    computed: Computed
    write: Callable[[str, bytes], None]


def measure(data: bytes, shown: str) -> tuple[int, int]:
    """The image's width and height as a browser shows it (EXIF orientation applied), read from its
    header only; a decompression bomb or a file Pillow cannot read raises ImageRefused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)  # 5–8: stored turned a quarter
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused("image-too-large", f"{shown} declares more than {Image.MAX_IMAGE_PIXELS:,} pixels "
                           "(a decompression bomb, or a scan far beyond print resolution); it is not published",
                           "scale the image down (the build makes smaller copies of images up to that size)") from None
    except (OSError, ValueError, SyntaxError) as failure:  # Pillow's ways of saying "not an image I can read"
        raise ImageRefused("image-unreadable", f"{shown} cannot be read as an image ({failure}); it is linked "
                           "as it is, but not shown beside the text", "export the image again") from None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def needs_smaller(data: bytes, size: tuple[int, int]) -> bool:
    return max(size) > LARGE_SIDE or len(data) > LARGE_BYTES


def smaller(data: bytes, long_side: int) -> bytes:
    """The image at most `long_side` pixels on its long side, as JPEG without metadata."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as opened:
            opened.draft("RGB", (long_side, long_side))  # JPEG: decode at a fraction of the size, much faster
            icc = opened.info.get("icc_profile")
            image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "L"):
                image = _on_white(image)
            image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=False,
                       **({"icc_profile": icc} if isinstance(icc, bytes) else {}))
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent or palette image flattened on white (JPEG has no transparency; black would hide ink)."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def derivative(data: bytes, size_name: str, derivation: Derivation) -> bytes:
    """The named smaller copy of an image, from the cache when it has made it before."""
    side = SIZES[size_name]
    return derivation.computed(f"image-{size_name}", RECIPE + f"{side}\0".encode() + data,
                               lambda: smaller(data, side))

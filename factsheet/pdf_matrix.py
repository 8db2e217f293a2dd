"""PDF geometry and page content, written once for every module that reads a page's drawing: preflight's walk,
the ink count, and the composition of mail-merge variants. Matrices are PDF's six numbers (a b c d e f)."""

from __future__ import annotations

from typing import Any

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """The PDF matrix product first × second (apply `first`, then `second`)."""
    a, b, c, d, e, f = first
    g, h, i, j, k, m = second
    return (a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + m)


def inverse(matrix: Matrix) -> Matrix:
    """The matrix that undoes `matrix` (which must not flatten the page)."""
    a, b, c, d, e, f = matrix
    determinant = a * d - b * c
    return (
        d / determinant,
        -b / determinant,
        -c / determinant,
        a / determinant,
        (c * f - d * e) / determinant,
        (b * e - a * f) / determinant,
    )


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    """Where the point (x, y) lands under `matrix`."""
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def page_content(page: Any) -> bytes:
    """A pikepdf page's drawing, its content streams joined in order."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return bytes(contents.read_bytes()) if contents is not None else b""


def resource(resources: Any, kind: str, name: Any) -> Any:
    """The resource called `name` of a kind (/XObject, /ColorSpace, ...), or None."""
    if resources is None or kind not in resources:
        return None
    return resources[kind].get(str(name))


def numbers(operands: Any) -> tuple[float, ...]:
    """An operator's numeric operands, names and arrays left out."""
    import pikepdf

    return tuple(float(value) for value in operands if not isinstance(value, pikepdf.Name | pikepdf.Array))


def fingerprint(value: Any, *, raw: bool = False, ignored: tuple[str, ...] = ("/Length",), depth: int = 0) -> str:
    """What a PDF object is, whichever file holds it: its values, and its streams' bytes by digest (`raw`: the
    bytes as stored, so two streams match only compressed alike; else decoded). Keys in `ignored` are left
    out at every level (a stream's /Length, a page's /Parent), and so is anything deeper than twelve levels."""
    import hashlib

    import pikepdf

    if depth > 12:
        return "deep"
    deeper = {"raw": raw, "ignored": ignored, "depth": depth + 1}
    if isinstance(value, pikepdf.Stream):
        digest = hashlib.sha256(value.read_raw_bytes() if raw else value.read_bytes()).hexdigest()
        entries = {key: fingerprint(item, **deeper) for key, item in value.stream_dict.items() if key not in ignored}  # type: ignore[arg-type]
        return f"stream {digest} {sorted(entries.items())}"
    if isinstance(value, pikepdf.Dictionary):
        return f"dict {sorted((key, fingerprint(item, **deeper)) for key, item in value.items() if key not in ignored)}"  # type: ignore[arg-type]
    if isinstance(value, pikepdf.Array):
        return f"array {[fingerprint(item, **deeper) for item in value]}"  # type: ignore[arg-type]
    return repr(value)

"""Import WeasyPrint without the library search that costs a cold build a fifth of a second.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several names for each with `ctypes.util.find_library`.
On Linux every name that is not installed under that spelling (most of them: `libgobject-2.0-0` is the Windows
name) makes `find_library` run `ldconfig -p`, then a C compiler, then the linker: about 9 ms each, 0.17 s in all,
which is most of the gap between `factsheet build` and a bare WeasyPrint script. During the import `find_library`
answers from one reading of the `ldconfig -p` cache instead, exactly as its first step does. Should WeasyPrint not
load that way (a library reachable only through the compiler's or the linker's search path), the import is
simply tried again with the standard search.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
from functools import cache

_ABI_TYPES = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


def load_weasyprint() -> None:
    """Import WeasyPrint once per process (the next `import weasyprint` is then free)."""
    if "weasyprint" in sys.modules:
        return
    if not sys.platform.startswith("linux"):
        import weasyprint

        return
    standard = ctypes.util.find_library
    ctypes.util.find_library = _find_in_ldconfig_cache
    try:
        import weasyprint
    except (OSError, ImportError):
        for name in [module for module in sys.modules if module == "weasyprint" or module.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = standard
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = standard


def _find_in_ldconfig_cache(name: str) -> str | None:
    """`find_library` as its ldconfig step alone, with `ldconfig -p` run once."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi_type = _ABI_TYPES.get(machine, "libc6")
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name).encode(), abi_type.encode())
    found = re.search(pattern, _ldconfig_cache())
    return os.fsdecode(found.group(1)) if found else None


@cache
def _ldconfig_cache() -> bytes:
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            return subprocess.run(
                [ldconfig, "-p"],
                stdin=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                env={"LC_ALL": "C", "LANG": "C"},
                check=False,
                timeout=10,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
    return b""

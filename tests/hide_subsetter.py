"""Run the factsheet command with the system's libharfbuzz-subset made unloadable, as on a machine without it.

    python tests/hide_subsetter.py build SHEET ...

Used by the reproducibility test and by bench/run.py: WeasyPrint opens the library through cffi, so refusing
that one name there hides it from WeasyPrint exactly as a missing package would.
"""

import sys

import cffi

original = cffi.FFI.dlopen


def refusing(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
    if "harfbuzz-subset" in str(name):
        raise OSError(f"cannot load library {name!r}: hidden")
    return original(self, name, *args, **kwargs)


cffi.FFI.dlopen = refusing  # type: ignore[method-assign]

import weasyprint.text.ffi  # noqa: E402

assert weasyprint.text.ffi.harfbuzz_subset is None, "the system's libharfbuzz-subset is still loaded"
from factsheet.cli import main  # noqa: E402

sys.exit(main())

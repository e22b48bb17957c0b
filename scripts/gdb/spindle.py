# Spindle's gdb extension, loaded with `source scripts/gdb/spindle.py` (scripts/gdb/spindle.gdb
# does it for `make debug`). The commands live in scripts/gdb/spgdb/; `apropos sp-`
# lists them and `help sp-pte` (etc.) explains each. docs/debugging.md walks through a
# session. Works with Debian 12's gdb 13 (Python 3).
import importlib
import os
import sys

import gdb

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

import spgdb  # noqa: E402

# Sourcing the file again (after editing the extension) reloads every module.
if getattr(gdb, "_spindle_loaded", False):
    for _name in sorted(name for name in sys.modules if name.startswith("spgdb.")):
        importlib.reload(sys.modules[_name])
    importlib.reload(spgdb)
gdb._spindle_loaded = True
spgdb.register()

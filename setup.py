"""The compiled extensions; everything else about the package is in pyproject.toml.

All are optional: without a C compiler the install still succeeds and warta runs the same code
in Python (slower, same output).
"""

from pathlib import Path

from Cython.Build import cythonize
from mypyc.build import mypycify
from setuptools import Extension, setup

walk = Extension(
    "warta.extract._flatwalk",
    ["src/warta/extract/_flatwalk.pyx"],
    include_dirs=["vendor/lexbor/include"],
    define_macros=[("LEXBOR_STATIC", None)],
    extra_compile_args=["-O2", "-Wno-unused-function"],
)

# Whether page bytes are valid UTF-8, without decoding them: plain Cython.
utf8 = Extension("warta.html._utf8", ["src/warta/html/_utf8.pyx"], extra_compile_args=["-O2"])

# The extractor's own Python modules, compiled by mypyc from their type-checked source: the
# same code, without the interpreter's dispatch on every line. The .py files stay the source of
# truth and the fallback.
# core.py stays interpreted: ``extract`` promises a status for any argument, and a compiled
# function rejects a wrongly typed one before its first line.
extractor = sorted(
    str(path)
    for path in Path("src/warta/extract").rglob("*.py")
    if path.name not in ("__init__.py", "core.py")
)


def _mypyc_extensions() -> list[Extension]:
    try:
        return mypycify(extractor, opt_level="3", group_name="warta_extract")
    except SystemExit as failure:  # mypyc stops the build on a type error (e.g. from another
        # release of a library's stubs); the install goes on without it
        print(f"warta: mypyc did not compile the extractor ({failure}); it runs as Python")
        return []


extensions = [*cythonize([walk, utf8], language_level=3, quiet=True), *_mypyc_extensions()]
for extension in extensions:
    extension.optional = True  # cythonize's copies drop the flag given to Extension()

setup(ext_modules=extensions)

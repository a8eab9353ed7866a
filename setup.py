"""The two compiled extensions; everything else about the package is in pyproject.toml.

Both are optional: without a C compiler the install still succeeds and warta runs the same code
in Python (slower, same output).
"""

from Cython.Build import cythonize
from setuptools import Extension, setup

walk = Extension(
    "warta.extract._flatwalk",
    ["src/warta/extract/_flatwalk.pyx"],
    include_dirs=["vendor/lexbor/include"],
    define_macros=[("LEXBOR_STATIC", None)],
    extra_compile_args=["-O2", "-Wno-unused-function"],
)

# The roles of class/id names: plain Cython, no lexbor.
roles = Extension(
    "warta.extract._roles", ["src/warta/extract/_roles.pyx"], extra_compile_args=["-O2"]
)

extensions = cythonize([walk, roles], language_level=3, quiet=True)
for extension in extensions:
    extension.optional = True  # cythonize's copies drop the flag given to Extension()

setup(ext_modules=extensions)

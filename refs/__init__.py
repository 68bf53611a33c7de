"""refs: a bibliography toolkit.

Read reading lists (free text, BibTeX, CSL-JSON, RIS) into one record model, then
parse, enrich, deduplicate, render and check them. The public API::

    import refs

    library, report = refs.read("reading-list.bib")      # format from the extension
    records, report = refs.enrich(library.records)        # every stage: (records, report)
    records, report = refs.dedup(records)
    print(refs.render(records, style="apa"))
    refs.write(records, "clean.json")                     # atomic; a Library or a list

``read``/``write``/``loads``/``dumps`` and the model are imported with the package.
The stage functions (``parse_text``, ``enrich``, ``dedup``, ``render``,
``check_links``) are imported on first use, so ``import refs`` stays light: it does
not load citeproc, requests or the parser's model until a stage is called.

Three stages share their name with the package that holds them (``refs.render`` is
both the package and its ``render`` function). Python binds a subpackage to its
parent's attribute as soon as anything imports it, so a plain lazy function would
be replaced by the package depending on import order. Instead ``refs.render``,
``refs.dedup`` and ``refs.enrich`` are always the packages, made callable as their
stage functions: ``refs.render(records)`` and ``refs.render.styles`` both work.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

from refs.io import dumps, loads, read, write  # noqa: E402
from refs.model import Library, Record, Report  # noqa: E402

#: stage function -> the module defining it (imported on first access)
_STAGES: dict[str, str] = {
    "parse_text": "refs.parse",
    "check_links": "refs.links",
    "enrich": "refs.enrich",
    "dedup": "refs.dedup",
    "render": "refs.render",
}
#: stages whose function has its package's name: the package is made callable
_CALLABLE_PACKAGES = ("enrich", "dedup", "render")

__all__ = ["Library", "Record", "Report", "__version__", "check_links", "dedup", "dumps", "enrich",
           "loads", "parse_text", "read", "render", "write"]


class _StagePackage(types.ModuleType):
    """A stage's package that, called, runs the stage function of the same name."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _stage_package(name: str) -> types.ModuleType:
    module = sys.modules.get(f"refs.{name}") or importlib.import_module(f"refs.{name}")
    if not isinstance(module, _StagePackage):
        module.__class__ = _StagePackage
    return module


def _package_property(name: str) -> property:
    def get(self: types.ModuleType) -> types.ModuleType:
        return _stage_package(name)

    def set_(self: types.ModuleType, module: Any) -> None:
        # the import system binding the subpackage: make it callable, nothing to store
        if isinstance(module, types.ModuleType) and not isinstance(module, _StagePackage):
            module.__class__ = _StagePackage

    return property(get, set_, doc=f"The refs.{name} package; call it to run its stage.")


class _Refs(types.ModuleType):
    """This package's module type: it adds the callable stage packages (see above)."""


for _name in _CALLABLE_PACKAGES:
    setattr(_Refs, _name, _package_property(_name))
sys.modules[__name__].__class__ = _Refs


def __getattr__(name: str) -> Any:
    """The other stage functions, imported when first asked for (PEP 562)."""
    module = _STAGES.get(name)
    if module is None or name in _CALLABLE_PACKAGES:
        raise AttributeError(f"module 'refs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_STAGES))

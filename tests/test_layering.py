"""The package is layered: each module imports only from its own layer or the layers below.

    types, errors (standard library only)
    < settings < text < ingest < index < align < explain < claims < report
    < pipeline < api < cli / web / scale

with two narrower rules: ``report`` renders the data model and nothing else
(``types``, other ``report`` modules, and the serializer and renderer of the
analysis in ``claims``), and ``cli`` is a thin shell over
``api``, ``report``, ``ingest``, ``errors``, ``settings`` and the constants of
``index.store``. Every import is checked, including those inside functions.
The package root (``unspun/__init__.py``) is the public facade over the top
layers; any module may take ``__version__`` from it and nothing else.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "unspun"

LAYERS: list[set[str]] = [
    {"types", "errors"},
    {"settings"},
    {"text"},
    {"ingest"},
    {"index"},
    {"align"},
    {"explain"},
    {"claims"},
    {"report"},
    {"pipeline"},
    {"api"},
    {"cli", "web", "scale", "scan", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
STDLIB_ONLY = {"types", "errors"}
# narrower than the layer order allows: (unit, the only units it may import)
ONLY = {
    "report": {"types", "report", "claims.serialize", "claims.terminal"},
    "cli": {"api", "report", "ingest", "errors", "settings", "index.store", "cli", "web", "types", "scan"},
}
# what ``from unspun import NAME`` may take from the package root below the facade
ROOT_NAMES = {"__version__"}
FOREIGN = ("tests", "bench")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted, e.g. "unspun.align.verdict"
    line: int
    target: str  # the imported module, dotted and absolute
    names: tuple[str, ...]  # for "from X import a, b": ("a", "b")

    def __str__(self) -> str:
        what = f"from {self.target} import {', '.join(self.names)}" if self.names else f"import {self.target}"
        path = self.module.replace(".", "/")
        return f"{path}.py:{self.line}: {what}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend(Import(module, node.lineno, alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, target] if target else base)
            found.append(Import(module, node.lineno, target, tuple(a.name for a in node.names)))
    return found


def all_imports() -> list[Import]:
    return [imp for path in sorted(SRC.rglob("*.py")) for imp in imports_of(path)]


def unit(module: str) -> str:
    """The layer unit of a module: its top-level name under ``unspun``."""
    return module.split(".")[1] if "." in module else ""


def violation(imp: Import) -> str | None:
    """Why ``imp`` breaks the layering, or None when it is allowed."""
    mine = unit(imp.module)
    if mine == "":
        return None  # the package root is the facade: it may re-export anything
    if mine not in RANK:
        return f"{imp.module} is in no layer: add '{mine}' to LAYERS in tests/test_layering.py"
    top = imp.target.split(".")[0]
    if top != "unspun":
        if mine in STDLIB_ONLY and top not in sys.stdlib_module_names:
            return f"{mine} may use the standard library only, not {top}"
        return None
    if imp.target == "unspun":
        extra = set(imp.names) - ROOT_NAMES
        return (
            f"only {sorted(ROOT_NAMES)} may come from the package root, not {sorted(extra)}"
            if extra
            else None
        )
    theirs = unit(imp.target)
    if theirs not in RANK:
        return f"imports unspun.{theirs}, which is in no layer"
    if mine in STDLIB_ONLY and theirs != mine:
        return f"{mine} may use the standard library only"
    if mine in ONLY:
        allowed = ONLY[mine]
        dotted = imp.target.removeprefix("unspun.")
        if theirs not in allowed and not any(dotted == a or dotted.startswith(a + ".") for a in allowed):
            return f"{mine} may import only from {sorted(allowed)}"
        if theirs == "index" and not all(n.isupper() for n in imp.names):
            return f"{mine} may take only constants from unspun.index.store, not {list(imp.names)}"
        return None
    if RANK[theirs] > RANK[mine]:
        return f"{mine} (layer {RANK[mine]}) imports {theirs} (layer {RANK[theirs]}), a higher layer"
    return None


def test_the_checker_reads_the_package() -> None:
    imports = all_imports()
    assert len({i.module for i in imports}) >= 15
    assert any(i.target == "unspun.types" for i in imports)


def test_every_module_imports_only_from_its_own_layer_or_below() -> None:
    problems = [f"{imp}\n    -> {why}" for imp in all_imports() if (why := violation(imp))]
    assert not problems, "layering broken:\n" + "\n".join(problems)


def test_nothing_in_the_package_imports_tests_or_benchmarks() -> None:
    offending = [str(i) for i in all_imports() if i.target.split(".")[0] in FOREIGN]
    assert not offending, "the package imports test or bench code:\n" + "\n".join(offending)


# ---- the checker itself catches what it should ------------------------------------------


@pytest.mark.parametrize(
    ("module", "target", "names"),
    [
        ("unspun.text.tokens", "unspun.align.wordalign", ("align_tokens",)),
        ("unspun.align.verdict", "unspun.pipeline", ("trace_article",)),
        ("unspun.types", "unspun.settings", ("Settings",)),
        ("unspun.errors", "rich.console", ("Console",)),
        ("unspun.report.serialize", "unspun.index.store", ("IndexStore",)),
        ("unspun.report.terminal", "unspun.pipeline", ("summarize",)),
        ("unspun.cli", "unspun.pipeline", ("trace_article",)),
        ("unspun.cli", "unspun.index.store", ("IndexStore",)),
        ("unspun.cli", "unspun.index.retrieve", ("retrieve",)),
        ("unspun.ingest.fetch", "unspun", ("Index",)),
        ("unspun.newlayer", "unspun.types", ("Span",)),
    ],
)
def test_the_checker_names_an_offending_import(module: str, target: str, names: tuple[str, ...]) -> None:
    imp = Import(module, 7, target, names)
    why = violation(imp)
    assert why is not None
    assert target in str(imp) and module.replace(".", "/") in str(imp)


@pytest.mark.parametrize(
    ("module", "target", "names"),
    [
        ("unspun.explain.changes", "unspun.align.wordalign", ("align_tokens",)),
        ("unspun.cli", "unspun.index.store", ("DB_NAME",)),
        ("unspun.index.store", "unspun", ("__version__",)),
        ("unspun.types", "datetime", ()),
        ("unspun.report.terminal", "unspun.types", ("Report",)),
    ],
)
def test_the_checker_allows_imports_downward(module: str, target: str, names: tuple[str, ...]) -> None:
    assert violation(Import(module, 1, target, names)) is None


def test_relative_imports_are_resolved_against_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "unspun"
    (root / "text").mkdir(parents=True)
    (root / "text" / "tokens.py").write_text("from ..align import wordalign\nfrom . import segment\n")
    monkeypatch.setattr(sys.modules[__name__], "SRC", root)
    found = imports_of(root / "text" / "tokens.py")
    assert [(i.module, i.target) for i in found] == [
        ("unspun.text.tokens", "unspun.align"),
        ("unspun.text.tokens", "unspun.text"),
    ]
    assert violation(found[0]) is not None
    assert violation(found[1]) is None

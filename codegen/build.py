"""Spec + config -> the text of every generated file (formatted)."""

from __future__ import annotations

from . import discriminators
from .config import TYPES, Config
from .emit_init import render_package
from .emit_resources import build_resource_files
from .emit_tests import build_test_files
from .emit_types import render_module
from .ir import PackageIR
from .lower import Lowered, lower_all
from .resources import load_tree
from .spec import Spec
from .writer import format_sources


def module_file(module: str, package: bool = False) -> str:
    parts = module.split(".")
    if package:
        return "src/" + "/".join(parts) + "/__init__.py"
    return "src/" + "/".join(parts) + ".py"


def _parent(module: str) -> str:
    return module.rsplit(".", 1)[0]


def packages_of(cfg: Config) -> dict[str, PackageIR]:
    """Every package under ``openai.types`` with its exported names."""
    pkgs: dict[str, PackageIR] = {}

    def pkg(path: str) -> PackageIR:
        p = pkgs.get(path)
        if p is None:
            p = pkgs[path] = PackageIR(path)
            if path != TYPES:
                pkg(_parent(path))
        return p

    pkg(TYPES)
    modules: set[str] = set(cfg.modules()) | set(cfg.handwritten)
    for m in modules:
        pkg(_parent(m))
    for package in cfg.packages:
        pkg(package)
    for t in cfg.types:
        pkg(_parent(t.module)).exports[t.name] = (t.module, t.name)
    for p in cfg.params:
        pkg(_parent(p.module)).exports[p.name] = (p.module, p.name)
    for m, names in cfg.handwritten.items():
        for n in names:
            pkg(_parent(m)).exports[n] = (m, n)
    for r in cfg.reexports:
        pkg(r.package).exports[r.name] = (r.source, r.name)
    return pkgs


def lower_types(spec: Spec, cfg: Config) -> Lowered:
    """Every type module as IR, discriminators decided (the entry point the
    resource emitter shares with the type emitter)."""
    lowered = lower_all(spec, cfg)
    discriminators.resolve(lowered.modules)
    return lowered


def build_files(spec: Spec, cfg: Config) -> tuple[dict[str, str], list[str]]:
    lowered = lower_types(spec, cfg)
    warnings = list(lowered.warnings)
    files: dict[str, str] = {}
    for path, mod in sorted(lowered.modules.items()):
        files[module_file(path)] = render_module(mod)
    pkgs = packages_of(cfg)
    for path, p in sorted(pkgs.items()):
        subs = sorted(q.rsplit(".", 1)[1] for q in pkgs if _parent(q) == path and q != path)
        files[module_file(path, package=True)] = render_package(p, subs)
    tree = load_tree(spec, cfg, lowered, warnings)
    files.update(build_resource_files(tree, lowered))
    files.update(build_test_files(tree, lowered))
    return format_sources(files), warnings

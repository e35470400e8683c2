"""The posts app's shape: one package per step, and services that leave URLs to views and templates."""

import ast
import pathlib

import posts

ROOT = pathlib.Path(posts.__file__).parent
STEPS = ["catalogue", "nominations", "review", "publication", "windows", "feedback", "handbook", "plaques"]


def test_every_step_has_its_package_templates_and_tests():
    templates = ROOT.parent / "templates" / "posts"
    tests = pathlib.Path(__file__).parent
    for step in STEPS:
        assert (ROOT / step / "services.py").exists() or (ROOT / step / "suggestions.py").exists(), step
        assert (ROOT / step / "urls.py").exists(), step
        assert (templates / step).is_dir(), step
        assert (tests / step).is_dir(), step


def test_services_never_build_urls():
    for path in ROOT.glob("*/services.py"):
        tree = ast.parse(path.read_text())
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "django.urls" for alias in node.names}
        assert not imported, f"{path.relative_to(ROOT.parent)} imports {sorted(imported)} from django.urls"

"""No app imports another app's private names (issue 18).

import-linter (`uv run lint-imports`, run by CI) checks which app may import which; it
cannot see names, so this test reads every module's imports for a `_name` taken from
another app, and its uses of another app's module for a `_name` read off it
(`import journal.views as v` then `v._back`).
"""

import ast
from pathlib import Path

from django.conf import settings

APPS = ("accounts", "journal", "patterns", "guidance", "portability", "config")


def private_imports(path: Path, app: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.ImportFrom) or not node.module or node.level:
            continue
        source = node.module.split(".")[0]
        if source in APPS and source != app:
            found += [
                f"{path}:{node.lineno} imports {node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
            ]
    return found


def private_attributes(path: Path, app: str) -> list[str]:
    """`v._back`, where `v` is another app's module however it was imported (`import
    journal.views as v`, `import journal.views` then `journal.views._back`, `from journal
    import views`). Dunders (`__name__`) are not private."""
    tree = ast.parse(path.read_text(), str(path))
    bound = {}  # a name in this module -> the dotted name it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                bound[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not private(node.attr):
            continue
        owner = dotted(node.value, bound)
        source = owner.split(".")[0] if owner else None
        if source in APPS and source != app and is_module(owner):
            found.append((node.lineno, f"{path}:{node.lineno} uses {owner}.{node.attr}"))
    return [line for _, line in sorted(found)]


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def dotted(node: ast.expr, bound: dict[str, str]) -> str | None:
    """`journal.views` for `v` or `journal.views` as the source wrote it, or None when the
    expression doesn't start from an imported name."""
    if isinstance(node, ast.Name):
        return bound.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = dotted(node.value, bound)
        return owner and f"{owner}.{node.attr}"
    return None


def is_module(name: str) -> bool:
    """Whether `name` is a module or package of this project (not a class or function)."""
    path = Path(settings.BASE_DIR, *name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def test_no_app_imports_another_apps_private_names():
    base = Path(settings.BASE_DIR)
    found = [
        line
        for app in APPS
        for path in sorted((base / app).rglob("*.py"))
        for line in private_imports(path, app) + private_attributes(path, app)
    ]
    assert found == []


def test_the_check_sees_a_private_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from journal.lookups import parse_id\nfrom journal.views import _back\n")
    assert private_imports(module, "patterns") == [f"{module}:2 imports journal.views._back"]


def test_the_check_sees_a_private_name_read_off_another_apps_module(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "import journal.views as v\n"
        "import journal.lookups\n"
        "from journal import cards\n"
        "from journal.models import Interaction\n"
        "import patterns.weekly\n"
        "v._back(request)\n"
        "journal.lookups._back\n"
        "cards._card\n"
        "Interaction._meta, v.__name__, v.back, patterns.weekly._own\n"
    )
    assert private_attributes(module, "patterns") == [
        f"{module}:6 uses journal.views._back",
        f"{module}:7 uses journal.lookups._back",
        f"{module}:8 uses journal.cards._card",
    ]

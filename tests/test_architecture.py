"""No app imports another app's private names (issue 18).

import-linter (`uv run lint-imports`, run by CI) checks which app may import which; it
cannot see names, so this test reads every module's imports for a `_name` taken from
another app.
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


def test_no_app_imports_another_apps_private_names():
    base = Path(settings.BASE_DIR)
    found = [
        line
        for app in APPS
        for path in sorted((base / app).rglob("*.py"))
        for line in private_imports(path, app)
    ]
    assert found == []


def test_the_check_sees_a_private_import(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("from journal.lookups import parse_id\nfrom journal.views import _back\n")
    assert private_imports(module, "patterns") == [f"{module}:2 imports journal.views._back"]

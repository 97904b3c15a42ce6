"""Layer rules (ARCHITECTURE.md): domain/ imports nothing of ours nor any framework;
handlers/ and storage/ know no Telegram library. Checked by import-linter's contracts in
pyproject.toml, plus a direct scan so a failure names the offending line."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(folder: str):
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module.split(".")[0]


def test_domain_is_pure():
    forbidden = {"bot", "handlers", "storage", "sqlalchemy", "aiogram", "telegram", "aiohttp", "aiosqlite",
                 "pydantic", "pydantic_settings", "apscheduler"}
    bad = [(str(p.relative_to(ROOT)), m) for p, m in _imports("domain") if m in forbidden]
    assert bad == []


def test_handlers_and_storage_know_no_telegram_library():
    bad = [(str(p.relative_to(ROOT)), m) for folder in ("handlers", "storage")
           for p, m in _imports(folder) if m in {"aiogram", "telegram", "bot"}]
    assert bad == []


def test_no_feature_calls_a_rule_not_enforced_yet():
    """domain.pending holds rules no feature enforces; wiring one means moving it out first."""
    bad = []
    for folder in ("handlers", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                         if isinstance(node, ast.ImportFrom) else [])
                if any(n == "domain.pending" or n.startswith("domain.pending.") for n in names):
                    bad.append(str(path.relative_to(ROOT)))
    assert bad == []


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout

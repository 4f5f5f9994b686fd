"""Run every benchmarks/bench_*.py against a fresh database: `make bench`.

Each module defines `run()` and reports rows through `benchmarks.harness.report`. Results are
compared within one run (a page with 1,000 items against the same page with 10), never against
absolute thresholds, so they mean the same on any machine.
"""

import importlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowvember.settings")
os.environ["DEBUG"] = "1"
os.environ.setdefault("EMAIL_BACKEND", "locmem")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")


def main(selected: list[str]) -> None:
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    if os.environ.get("DATABASE_URL"):
        from django.db import connection

        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)

    from django.db import transaction

    from benchmarks.harness import write_results

    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        if selected and path.stem not in selected:
            continue
        print(f"\n# {path.stem}", flush=True)
        # Each module starts from the migrated database: its data is rolled back afterwards.
        with transaction.atomic():
            importlib.import_module(f"benchmarks.{path.stem}").run()
            transaction.set_rollback(True)
    print(f"\nResults written to {write_results().relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])

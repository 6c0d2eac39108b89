"""Write content/resources/regions-index.json: every shipped resources file's checksum and,
for region files, the regions it holds, parsed ahead of time.

    python tools/regions_index.py [--check]

`kind sos` reads the regions from this index instead of parsing YAML (it must come up as
fast as a bare command), and only while a file's bytes still match the checksum recorded
for it: a file edited since is read as YAML, so a stale index costs time, never a wrong
line. Run this after changing any file in content/resources/; `--check` fails when the
index is not what the files say (the test suite runs it too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kindcli.catalog.care import INDEX_NAME, build_index  # noqa: E402

FOLDER = ROOT / "content" / "resources"


def render() -> str:
    return json.dumps(build_index(FOLDER), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="Fail if the index is stale.")
    args = parser.parse_args()
    path = FOLDER / INDEX_NAME
    text = render()
    if args.check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is stale: run tools/regions_index.py")
            return 1
        print(f"{path.name} matches the files beside it")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

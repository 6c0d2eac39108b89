"""Write the `real_words` list of content/resources/crisis-language.yaml: every word that a
misspelling rule would read as one of the `key_words` but that is a real word of its own
("dad" is a word, never "dead"; "ill" is a word, never "kill").

    python tools/crisis_misspellings.py [--words /usr/share/dict/words]

It reads a dictionary of English words (Debian's `wamerican` package puts one at
/usr/share/dict/words), generates every misspelling of every key word the check accepts
(`kindcli.practices.crisis_language.misspellings`), and keeps those the dictionary knows,
together with every word the file itself uses in its patterns and word lists. The list is
rewritten between its two marker comments; run it again after changing `key_words`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kindcli.practices.crisis_language import misspellings  # noqa: E402

DATA = ROOT / "content" / "resources" / "crisis-language.yaml"
START = "# real_words: made by tools/crisis_misspellings.py, do not edit by hand\n"
END = "# end of real_words\n"


def dictionary(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip().lower().replace("'", "")
        if word.isalpha() and word.isascii():
            words.add(word)
    return words


def listed_words(data: dict[str, object]) -> set[str]:
    """Every word in the file's own word lists, rules and slang (never its examples, which
    hold misspellings on purpose)."""
    lists: list[object] = [*dict(data.get("words") or {}).values()]
    lists += [v for v in dict(data.get("rules") or {}).values() if isinstance(v, list)]
    slang = dict(data.get("slang") or {})
    lists += [list(slang), list(slang.values())]
    found: set[str] = set()
    for items in lists:
        for item in items if isinstance(items, list) else []:
            found.update(re.findall(r"[a-z]{3,}", str(item)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=Path, default=Path("/usr/share/dict/words"))
    args = parser.parse_args()
    import yaml

    text = DATA.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    known = dictionary(args.words) | listed_words(data)
    keys = [str(k) for k in data["key_words"]]
    real = sorted({w for k in keys for w in misspellings(k)} & known - set(keys))
    block = START + "real_words:\n" + "".join(f"  - {w}\n" for w in real) + END
    if START in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.replace(
            "\n# Slang and abbreviations", "\n" + block + "\n# Slang and abbreviations", 1
        )
    DATA.write_text(text, encoding="utf-8")
    print(f"{len(real)} real words kept apart from {len(keys)} key words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

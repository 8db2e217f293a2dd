"""The capture benchmark: the labelled test pages of tests/capture_corpus.py read as `source add` reads them,
with word recall and precision against the text a person would mark, and per-field accuracy.

    .venv/bin/python bench/capture.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.capture_corpus import cases, score  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    scores = [score(case) for case in cases()]
    read = [each for each in scores if each.fields]
    print(
        f"{len(scores)} test pages ({len(read)} articles, {len(scores) - len(read)} to refuse), "
        f"{time.perf_counter() - started:.1f} s"
    )
    print(f"refused or accepted rightly: {sum(each.refused_right for each in scores)}/{len(scores)}")
    recalls = [each.recall for each in read]
    precisions = [each.precision for each in read]
    print(f"word recall: median {statistics.median(recalls):.3f}, lowest {min(recalls):.3f}")
    print(f"word precision: median {statistics.median(precisions):.3f}, lowest {min(precisions):.3f}")
    for name in ("title", "author", "published", "language"):
        right = sum(each.fields[name] for each in read)
        print(f"{name}: {right}/{len(read)} right ({right / len(read):.0%})")
    invented = [f"{each.name} ({', '.join(each.invented)})" for each in read if each.invented]
    print(f"fields the page does not state but the capture filled: {len(invented)} {invented or ''}")
    for each in scores:
        wrong = [name for name, ok in each.fields.items() if not ok]
        if not each.refused_right or wrong or each.recall < 0.9 or each.precision < 0.9:
            print(
                f"  {each.name}: refused right {each.refused_right}, recall {each.recall:.2f}, "
                f"precision {each.precision:.2f}, wrong {wrong}"
            )


if __name__ == "__main__":
    main()

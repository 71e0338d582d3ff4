"""Classifier accuracy on the labelled sets, and its speed on distinct titles and companies.

Run: python benchmarks/classify_accuracy.py [--repeat N]

An import of 100,000 rows meets ~20,000 distinct titles; each is classified once, so the
figure that matters is distinct titles per second (target: well above 20,000/s). Titles are
made distinct by appending a suffix, so the classifier's cache never answers.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from handpicked.core.contacts.classify import Classifier
from handpicked.core.contacts.classify.rules import shipped_rules

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
TARGET_TITLES_PER_SECOND = 20_000


def load(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def accuracy(pairs: list[tuple[str, str]]) -> tuple[float, Counter[tuple[str, str]]]:
    confusions = Counter((want, got) for want, got in pairs if want != got)
    return 1 - sum(confusions.values()) / len(pairs), confusions


def report(name: str, pairs: list[tuple[str, str]]) -> None:
    score, confusions = accuracy(pairs)
    print(f"{name:<10} {score:7.1%}  ({len(pairs) - sum(confusions.values())}/{len(pairs)})")
    for (want, got), count in confusions.most_common(5):
        print(f"{'':<12}{count} x expected {want}, got {got}")


def throughput(items: list[str], classify, repeat: int) -> float:
    best = float("inf")
    for round_ in range(repeat):
        distinct = [f"{item} #{round_}-{index}" for index, item in enumerate(items)]
        started = time.perf_counter()
        for item in distinct:
            classify(item)
        best = min(best, time.perf_counter() - started)
    return len(items) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds (best one counts)")
    parser.add_argument("--scale", type=int, default=20, help="copies of the title set timed")
    args = parser.parse_args()

    started = time.perf_counter()
    shipped_rules()
    print(f"shipped rules compiled in {time.perf_counter() - started:.3f} s")

    classifier = Classifier()
    titles = load("labelled_titles.csv")
    companies = load("labelled_companies.csv")
    roles = {row["title"]: classifier.role(row["title"]) for row in titles}
    print(f"\naccuracy on {len(titles)} titles and {len(companies)} companies")
    report("function", [(row["function"], roles[row["title"]].function) for row in titles])
    report("seniority", [(row["seniority"], roles[row["title"]].seniority) for row in titles])
    report(
        "sector", [(row["sector"], classifier.sector(row["company"]).sector) for row in companies]
    )
    heldout_titles = load("heldout_titles.csv")
    heldout_companies = load("heldout_companies.csv")
    print(
        f"\nheld out (a later blind batch): {len(heldout_titles)} titles and "
        f"{len(heldout_companies)} companies"
    )
    for column in ("function", "seniority"):
        pairs = [(r[column], getattr(classifier.role(r["title"]), column)) for r in heldout_titles]
        report(column, pairs)
    report(
        "sector",
        [(r["sector"], classifier.sector(r["company"]).sector) for r in heldout_companies],
    )
    languages = Counter(classifier.language(row["title"], "") for row in titles)
    print(f"language   fr {languages['fr']}, en {languages['en']}, undecided {languages[None]}")

    title_items = [row["title"] for row in titles] * args.scale
    company_items = [row["company"] for row in companies] * args.scale
    per_title = throughput(title_items, Classifier().role, args.repeat)
    per_company = throughput(company_items, Classifier().sector, args.repeat)
    print(f"\nthroughput on {len(title_items)} distinct titles, {len(company_items)} companies")
    print(
        f"titles     {per_title:>10,.0f} /s   "
        f"({per_title / TARGET_TITLES_PER_SECOND:.1f}x the {TARGET_TITLES_PER_SECOND:,}/s target)"
    )
    print(f"companies  {per_company:>10,.0f} /s")
    print(f"20,000 distinct titles take {20_000 / per_title * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""Scale-out speed: documents/s of `coprod ingest` in one process, and on a local Dask
cluster of 1 and 2 workers, in one run, with the speed-ups.

    .venv/bin/python bench/scale.py [--docs N] [--quick] [--repeats N] [--partition-bytes N]

1. A corpus of N (default 50,000; `--quick`: 3,000) generated news-like JSON Lines records
   is written to a temporary folder. The texts are made here from a large vocabulary
   (150–400 words each, so near-duplicate detection sees them as distinct); about 4 in 10
   state one to three facts in varied phrasings (a commitment, a co-production agreement,
   a target, a share of GDP). Dates fall over 2024–2025; a few records are exact or near
   copies of earlier ones, a few lines are garbage, some records carry `lang`, a few are
   not in English. The generator is seeded: every run writes the same corpus, whose size
   and digest are printed.
2. Each mode runs in a fresh process of the installed `coprod` script, with a fresh SQLite
   ledger and `--no-reconcile --json`: (a) `coprod ingest CORPUS`, (b) `--workers 1`,
   (c) `--workers 2`. Wall-clock time includes starting Python and the cluster. With
   `--repeats`, the modes are interleaved (a b c, b c a, ...) and the best time counts.
3. The ledgers are compared (documents by SHA-256, facts by key), then `coprod reconcile`
   is timed once on the single-process ledger: the same serial step in every mode.
4. The ceiling: the first partitions prepared in this process, then by a plain pool of two
   processes (no Dask, no writer). Two processes never reach 2x on two shared cores; the
   speed-up of 2 workers is to be read against this figure.

Aims (issue 7): (c) >= 1.7x (a) on a 2-core machine; (b) within 15% of (a). The machine's
load average is printed before and after: run it on an otherwise idle machine.
Run on demand, never in tests. Figures are printed plainly.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEFAULT_DOCS = 50_000
QUICK_DOCS = 3_000
SEED = 20250707
MODES = {"1 process": [], "1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"]}
AIM_SPEEDUP = 1.7  # 2 workers against 1 process, on 2 cores
AIM_OVERHEAD_PCT = 15.0  # 1 worker against 1 process
CEILING_PARTITIONS = 8  # partitions timed for the two-process ceiling (about a minute)
START, DAYS = date(2024, 1, 1), 731  # dates over 2024–2025

# Shares of the corpus (each a probability per record).
FACT_SHARE = 0.4  # records stating 1–3 facts
EXACT_COPY_SHARE = 0.005  # the same text as an earlier record, under another id and URL
NEAR_COPY_SHARE = 0.01  # an earlier story retitled and trimmed
GARBAGE_SHARE = 0.002  # a line that is no record
LANG_SHARE = 0.3  # records that state their language
FOREIGN_SHARE = 0.01  # records not in English

# The vocabulary of the filler: ordinary news English, nothing that states a fact.
NOUNS = """
committee council report figure district harbour railway bridge winter summer budget
school hospital clinic factory warehouse engineer worker farmer teacher doctor pilot
mayor governor minister official spokesman analyst researcher student volunteer
neighbour family village city region province border coast river valley forest field
road highway tunnel station airport port market shop bakery library museum theatre
festival concert exhibition season weather storm flood drought harvest grain wheat
sunflower timber steel cement glass cable battery generator transformer substation
network signal radio satellite camera sensor laptop software server archive record
document letter interview statement hearing inquiry audit review survey census ballot
election campaign candidate party coalition parliament court judge lawyer prosecutor
police patrol checkpoint shelter bunker basement kitchen garden orchard vineyard barn
tractor truck lorry trailer bus tram ferry barge container crane forklift pallet
shipment delivery convoy route schedule timetable delay shortage surplus price tariff
wage pension subsidy loan mortgage rent invoice receipt contractor supplier workshop
assembly line shift overtime apprentice graduate laboratory prototype sample test
trial certificate licence standard inspection repair maintenance upgrade spare part
engine turbine propeller wing hull chassis barrel frame casing circuit chip board
coating paint alloy powder fuel diesel petrol heating insulation roof window wall
floor staircase elevator corridor office desk chair screen map compass lantern
blanket stove kettle bread soup coffee tea sugar salt flour milk cheese apple potato
""".split()
VERBS = """
opened closed visited inspected reviewed discussed described praised criticised
questioned confirmed denied welcomed rejected postponed delayed extended expanded
reduced repaired rebuilt restored cleared reopened relocated replaced upgraded
tested measured counted recorded published announced reported noted observed
estimated calculated compared outlined presented explained defended debated examined
surveyed mapped photographed filmed documented archived catalogued organised hosted
attended joined left entered crossed reached approached avoided followed tracked
monitored guarded protected sheltered evacuated housed fed trained taught mentored
hired recruited promoted transferred dismissed replaced assisted supported helped
encouraged urged warned reminded informed advised consulted briefed thanked greeted
""".split()
ADJECTIVES = """
local regional municipal national rural urban northern southern eastern western
central coastal remote busy quiet crowded empty narrow wide steep flat muddy frozen
dry wet cold warm bright dark old new modern historic wooden concrete temporary
permanent seasonal weekly monthly annual early late recent previous former current
senior junior young elderly experienced skilled careful patient cautious confident
anxious tired hopeful determined reluctant eager modest detailed brief lengthy formal
informal public private independent technical practical routine unusual rare common
simple complex fragile sturdy heavy light small large tiny huge second third final
""".split()
ADVERBS = """
quickly slowly carefully quietly openly briefly recently already still again often
rarely usually mostly partly largely nearly finally gradually steadily repeatedly
""".split()
PREPOSITIONS = "near beside behind across along around outside inside after before during".split()
OPENERS = """
Meanwhile, | On Tuesday, | Earlier this week, | According to residents, | Later, |
By the evening, | In the meantime, | As expected, | Despite the rain, | For now, |
At the weekend, | In a short statement, | Last month, | Since then,
""".split(" | ")
SYLLABLES = """
ka lo mir sen dra vel tor ni bo shan ret li gor pa dan vik sol mar tes ro len bar
zo hal fen cri dor mel stan lu ber vo ra kin tal pe sor ny gan dil to
""".split()

# Facts, in varied phrasings.
COUNTRIES = """
Denmark Norway Sweden Finland Germany Netherlands Belgium France Italy Spain Portugal
Poland Lithuania Latvia Estonia Canada Japan Austria Czechia Slovakia Iceland Ireland
""".split()
WEAPONS = [
    "artillery shells",
    "155mm ammunition",
    "long-range drones",
    "interceptor drones",
    "reconnaissance drones",
    "Bohdana howitzers",
    "armoured vehicles",
    "air defence missiles",
    "unmanned surface vessels",
    "mortar rounds",
    "electronic warfare systems",
    "anti-tank mines",
]
FACTS = [
    "{country} will provide €{n} million to finance production of {weapon} in Ukraine.",
    "The government of {country} has allocated {n} million euros to buy {weapon} from "
    "Ukrainian manufacturers under the Danish model.",
    "{country} said it would contribute ${n} million for the production of {weapon} by "
    "Ukrainian industry.",
    "{country} and Ukraine signed an agreement on joint production of {weapon}.",
    "A firm from {country} and a Ukrainian manufacturer agreed to set up a joint venture "
    "producing {weapon} in Ukraine.",
    "Ukraine and {country} signed a memorandum on co-production of {weapon}.",
    "Ukraine aims to produce {k} {weapon} by the end of {year}.",
    "The goal is to manufacture {k} {weapon} in Ukraine in {year}.",
    "{country} pledged to spend {pct}% of its GDP on military support for Ukraine.",
    "{country} will give Ukraine {pct}% of its gross domestic product in military aid each year.",
]
FOREIGN = {
    "de": """die der das und mit für eine einen heute gestern Stadt Bürger Schule Brücke
        Rathaus Bahnhof Winter Sommer wurde haben wird sagte neue alte kleine große
        Straße Markt Bäckerei Bibliothek Wetter Regen Schnee Nachbarn Familie Dorf
        Ausstellung besuchten öffnete schloss später morgen Woche Monat Jahr""",
    "fr": """le la les et avec pour une des aujourd'hui hier ville habitants école pont
        mairie gare hiver été a ont sera déclaré nouvelle ancienne petite grande rue
        marché boulangerie bibliothèque temps pluie neige voisins famille village
        exposition ont visité ouvert fermé plus tard demain semaine mois année""",
    "uk": """і в на з для це сьогодні вчора місто мешканці школа міст ратуша вокзал
        зима літо було буде сказав нова стара мала велика вулиця ринок пекарня
        бібліотека погода дощ сніг сусіди родина село виставка відвідали відкрили
        закрили пізніше завтра тиждень місяць рік""",
}
GARBAGE = [
    "{not json at all",
    "[1, 2, 3]",
    '{"id": "no-text", "title": "A record without text"}',
    '{"text": ""}',
    '{"text": "fine", "date": "sometime in spring"}',
    "<<<<<<< merge leftovers",
    "\u00ff\u00fe garbled \ufffd\ufffd bytes",
]


class Corpus:
    """The seeded generator: call `record(i)` in order; it remembers earlier stories."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.names = [self._name() for _ in range(3_000)]
        self.earlier: list[dict[str, Any]] = []

    def _name(self) -> str:
        parts = self.rng.randint(2, 3)
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

    def _filler(self) -> str:
        r = self.rng
        opener = r.choice(OPENERS) if r.random() < 0.2 else ""
        words = [
            opener,
            r.choice(["the", "a", "one"] if opener else ["The", "A", "One"]),
            r.choice(ADJECTIVES),
            r.choice(NOUNS),
            "in" if r.random() < 0.5 else "from",
            r.choice(self.names),
            r.choice(ADVERBS) if r.random() < 0.3 else "",
            r.choice(VERBS),
            "the",
            r.choice(ADJECTIVES),
            r.choice(NOUNS),
            r.choice(PREPOSITIONS),
            "the",
            r.choice(NOUNS),
        ]
        if r.random() < 0.5:
            words += ["while", r.choice(self.names), r.choice(VERBS), "a", r.choice(NOUNS)]
        if r.random() < 0.3:
            words += ["and", r.choice(VERBS), str(r.randint(2, 90)), r.choice(NOUNS) + "s"]
        sentence = " ".join(w for w in words if w)
        return sentence[0].upper() + sentence[1:] + "."

    def _fact(self, day: date) -> str:
        r = self.rng
        return r.choice(FACTS).format(
            country=r.choice(COUNTRIES),
            weapon=r.choice(WEAPONS),
            n=r.choice([5, 12, 25, 40, 60, 85, 100, 150, 240, 300, 500]),
            k=f"{r.choice([1, 2, 3, 5, 10, 20, 50, 100]) * 1000:,}",
            year=day.year + r.randint(0, 1),
            pct=r.choice(["0.1", "0.2", "0.25", "0.3", "0.4"]),
        )

    def _english(self, day: date) -> tuple[str, str]:
        r = self.rng
        sentences = []
        while sum(len(s.split()) for s in sentences) < r.randint(150, 400):
            sentences.append(self._filler())
        if r.random() < FACT_SHARE:
            for _ in range(r.randint(1, 3)):
                sentences.insert(r.randint(0, len(sentences)), self._fact(day))
        paragraphs, i = [], 0
        while i < len(sentences):
            step = r.randint(2, 5)
            paragraphs.append(" ".join(sentences[i : i + step]))
            i += step
        title = f"{r.choice(ADJECTIVES).capitalize()} {r.choice(NOUNS)} in {r.choice(self.names)}"
        return title, "\n\n".join(paragraphs)

    def _foreign(self, lang: str) -> str:
        words = FOREIGN[lang].split()
        count = self.rng.randint(120, 300)
        chunks = [self.rng.choice(words) for _ in range(count)]
        for at in range(0, count, 9):  # proper names and numbers keep stories apart
            chunks[at] = self.rng.choice([*self.names, str(self.rng.randint(2, 2025))])
        return " ".join(chunks).capitalize() + "."

    def record(self, i: int) -> str:
        """Record `i` as one JSON line (or a line of garbage)."""
        r = self.rng
        if r.random() < GARBAGE_SHARE:
            return r.choice(GARBAGE)
        day = START + timedelta(days=r.randint(0, DAYS - 1))
        outlet = f"{r.choice(self.names).lower()}-news.example"
        base = {"id": f"scale-{i:06d}", "url": f"https://{outlet}/{day:%Y/%m}/story-{i}"}
        roll = r.random()
        if self.earlier and roll < EXACT_COPY_SHARE:
            record = r.choice(self.earlier) | base
        elif self.earlier and roll < EXACT_COPY_SHARE + NEAR_COPY_SHARE:
            story = r.choice(self.earlier)
            kept = story["text"].split("\n\n")[:-1] or [story["text"]]
            retitled = {"title": f"Update: {story['title']}", "text": "\n\n".join(kept)}
            record = story | base | retitled
        elif roll < EXACT_COPY_SHARE + NEAR_COPY_SHARE + FOREIGN_SHARE:
            lang = r.choice(sorted(FOREIGN))
            record = base | {"title": r.choice(self.names), "text": self._foreign(lang)}
            record |= {"date": day.isoformat()} | ({"lang": lang} if r.random() < 0.5 else {})
        else:
            title, text = self._english(day)
            record = base | {"title": title, "text": text, "date": day.isoformat()}
            if r.random() < LANG_SHARE:
                record["lang"] = r.choice(["en", "en", "en-GB", "EN"])
            if len(self.earlier) < 500 or r.random() < 0.01:
                self.earlier.append(record)
        return json.dumps(record, ensure_ascii=False)


def write_corpus(path: Path, count: int) -> str:
    """`count` lines of JSON Lines at `path`; the SHA-256 of the file."""
    corpus = Corpus()
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for i in range(count):
            line = (corpus.record(i) + "\n").encode("utf-8")
            digest.update(line)
            out.write(line)
    return digest.hexdigest()


def coprod(*arguments: str, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Run the installed `coprod` script; its wall-clock seconds and its JSON output."""
    script = Path(sys.executable).with_name("coprod")
    started = time.perf_counter()
    done = subprocess.run(
        [str(script), *arguments], capture_output=True, text=True, env=env, check=False
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"coprod {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return took, json.loads(done.stdout)


def ledger_contents(db: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The documents' SHA-256 and the facts' keys a ledger holds."""
    with sqlite3.connect(db) as connection:
        shas = frozenset(row[0] for row in connection.execute("SELECT sha256 FROM documents"))
        keys = frozenset(row[0] for row in connection.execute("SELECT fact_key FROM facts"))
    return shas, keys


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_modes(corpus: Path, folder: Path, repeats: int, env: dict[str, str]) -> dict[str, Any]:
    """Each mode `repeats` times, interleaved; per mode its best time, output and ledger."""
    names = list(MODES)
    best: dict[str, Any] = {}
    for repeat in range(repeats):
        for name in names[repeat % 3 :] + names[: repeat % 3]:
            db = folder / f"ledger-{name.replace(' ', '-')}-{repeat}.db"
            arguments = ["ingest", str(corpus), "--db", str(db), "--no-reconcile", "--json"]
            took, output = coprod(*arguments, *MODES[name], env=env)
            print(f"  run {repeat + 1}, {name:9}: {took:7.1f} s")
            if name not in best or took < best[name]["seconds"]:
                best[name] = {"seconds": took, "output": output, "db": db}
    return best


def report(best: dict[str, Any], docs: int) -> tuple[float, float]:
    """Print documents/s and the ratios; return the speed-up and the overhead."""
    one, w1, w2 = (best[name]["seconds"] for name in MODES)
    print(f"documents/s over {docs:,} records (best of the runs; wall clock, start-up included):")
    for name in MODES:
        seconds = best[name]["seconds"]
        print(f"  {name:9}  {docs / seconds:8.1f} documents/s  ({seconds:.1f} s)")
    speedup, overhead = one / w2, (w1 - one) / one * 100
    print(f"  speed-up, 2 workers over 1 process:  {speedup:.2f}x  (aim >= {AIM_SPEEDUP})")
    print(f"  overhead, 1 worker against 1 process: {overhead:+.1f}%  (aim < {AIM_OVERHEAD_PCT}%)")
    print(f"  2 workers over 1 worker:              {w1 / w2:.2f}x")
    return speedup, overhead


def compare(best: dict[str, Any]) -> bool:
    """Print whether the three ledgers and the runs' counts are the same."""
    ledgers = {name: ledger_contents(best[name]["db"]) for name in MODES}
    counts = {name: _counts(best[name]["output"]) for name in MODES}
    shas, keys = ledgers["1 process"]
    same = len({*ledgers.values()}) == 1 and len({json.dumps(c) for c in counts.values()}) == 1
    verdict = "the same in all three" if same else "NOT the same"
    print(f"ledgers: {len(shas):,} documents, {len(keys):,} facts: {verdict}")
    first = counts["1 process"]
    print(
        f"  run counts: new {first['new']:,}, known {first['known']:,}, near-duplicates "
        f"{first['near_duplicates']:,}, facts {first['facts']}, skipped {first['skipped']}, "
        f"not extracted {first['not_extracted']}"
    )
    if not same:
        for name in MODES:
            docs, facts = ledgers[name]
            print(f"  {name:9}: {len(docs):,} documents, {len(facts):,} facts; {counts[name]}")
    return same


def _counts(output: dict[str, Any]) -> dict[str, Any]:
    keep = ("new", "known", "near_duplicates", "facts", "not_extracted")
    skipped = {reason: len(items) for reason, items in output["skipped"].items()}
    return {key: output[key] for key in keep} | {"skipped": skipped}


def _prepare_one(partition: Any) -> int:
    """A worker's job without Dask or a writer: read and prepare one partition."""
    from coprod.scale.tasks import prepare_partition
    from coprod.settings import Settings

    return len(prepare_partition(partition, Settings.from_env()))


def ceiling(corpus: Path, partitions: int) -> float:
    """The most two processes can gain here: the first `partitions` partitions prepared
    (read, language, facts, signature) one after the other, then by a plain pool of 2
    processes (multiprocessing, no Dask, no writer). Returns the ratio of the two."""
    from multiprocessing import get_context

    from coprod.ingest.partitions import Partition, plan
    from coprod.settings import Settings

    parts = [p for p in plan([corpus], Settings.from_env()) if isinstance(p, Partition)]
    parts = parts[:partitions]
    with get_context("spawn").Pool(2) as pool:
        pool.map(_prepare_one, parts[:2])  # start-up and warm-up: not timed
        started = time.perf_counter()
        pool.map(_prepare_one, parts, chunksize=1)
        parallel = time.perf_counter() - started
    _prepare_one(parts[0])  # warm this process too
    started = time.perf_counter()
    for part in parts:
        _prepare_one(part)
    serial = time.perf_counter() - started
    ratio = serial / parallel
    print(
        f"ceiling: {len(parts)} partitions prepared in one process {serial:.1f} s, by a plain "
        f"pool of 2 processes {parallel:.1f} s: {ratio:.2f}x (no Dask, no writer)"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS:,} records")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each mode, interleaved")
    parser.add_argument("--partition-bytes", type=int, help="COPROD_PARTITION_BYTES for the runs")
    args = parser.parse_args()
    docs = QUICK_DOCS if args.quick else args.docs
    env = dict(os.environ)
    if args.partition_bytes:
        env["COPROD_PARTITION_BYTES"] = str(args.partition_bytes)
    partition = env.get("COPROD_PARTITION_BYTES", "coprod's default")
    print(f"load average before (1, 5, 15 min): {load()}  on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="coprod-scale-") as name:
        folder = Path(name)
        corpus = folder / "corpus.jsonl"
        started = time.perf_counter()
        digest = write_corpus(corpus, docs)
        print(
            f"corpus: {docs:,} records, {corpus.stat().st_size / 1e6:.1f} MB, sha256 "
            f"{digest[:12]}, written in {time.perf_counter() - started:.0f} s; "
            f"partition bytes: {partition}"
        )
        best = run_modes(corpus, folder, args.repeats, env)
        speedup, overhead = report(best, docs)
        same = compare(best)
        ceiling(corpus, CEILING_PARTITIONS)
        took, _ = coprod("reconcile", "--db", str(best["1 process"]["db"]), "--json", env=env)
        print(f"coprod reconcile, once, on the 1-process ledger: {took:.1f} s (serial, any mode)")
    print(f"load average after (1, 5, 15 min): {load()}")
    met = speedup >= AIM_SPEEDUP and overhead < AIM_OVERHEAD_PCT
    print(
        f"aims {'met' if met else 'NOT met'}: speed-up {speedup:.2f}x (>= {AIM_SPEEDUP}), "
        f"overhead {overhead:+.1f}% (< {AIM_OVERHEAD_PCT}%); ledgers "
        f"{'equal' if same else 'differ'}"
    )


if __name__ == "__main__":
    main()

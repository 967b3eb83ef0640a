"""``manage.py train_classifier``: train the learned layer and write its weights and report.

Needs the dev dependencies (scikit-learn): ``uv run manage.py train_classifier``. The same
corpus and seed give the same weights file, byte for byte.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from patterns.classifier import SURE, Facts, by_rules, learned, read_entry
from patterns.classifier.categories import SLUGS

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
SPLITS = DATA / "splits.json"
REPORT = learned.WEIGHTS.with_name("REPORT.md")
SEED = 20261207
STRENGTHS = (4.0, 16.0)  # inverse regularisation tried, chosen on the dev split


@dataclass
class Row:
    id: str
    labels: frozenset[str]
    at: np.ndarray
    val: np.ndarray
    ruled: frozenset[str]
    scores: np.ndarray  # the rules' own scores, in SLUGS order
    words: tuple[np.ndarray, np.ndarray]  # what an account's adjustment reads
    source: str = ""


def load(files: list[str]) -> list[Row]:
    """Every labelled line of the files (globs under tests/data), with its features."""
    rows = []
    for pattern in files:
        paths = sorted(DATA.glob(pattern))
        if not paths:
            raise CommandError(f"splits.json names {pattern}, which matches no file")
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rows.append(featurise(json.loads(line), path.relative_to(DATA).as_posix()))
    return rows


def featurise(data: dict[str, Any], source: str) -> Row:
    facts = Facts.from_dict(data.get("facts"), occurred_at=data.get("occurred_at"))
    entry = read_entry(data["text"], facts)
    verdicts = by_rules(entry, None)
    at, val = learned.features(entry, facts)
    ruled = frozenset(s for s, v in verdicts.items() if v.label)
    scores = np.array([verdicts[s].score for s in SLUGS])
    words = learned.own_words(entry)
    return Row(str(data["id"]), frozenset(data["labels"]), at, val, ruled, scores, words, source)


def matrix(rows: list[Row]):
    from scipy.sparse import csr_matrix

    indptr = np.cumsum([0] + [len(r.at) for r in rows])
    at = np.concatenate([r.at for r in rows]) if rows else np.zeros(0, dtype=np.int64)
    val = np.concatenate([r.val for r in rows]) if rows else np.zeros(0)
    return csr_matrix((val, at, indptr), shape=(len(rows), learned.SIZE))


def fit(rows: list[Row], strength: float) -> learned.Model:
    from sklearn.linear_model import LogisticRegression

    x = matrix(rows)
    weights = np.zeros((learned.SIZE, len(SLUGS)), dtype=np.float32)
    bias = np.zeros(len(SLUGS))
    for s, slug in enumerate(SLUGS):
        y = np.array([slug in r.labels for r in rows], dtype=int)
        model = LogisticRegression(C=strength, solver="liblinear", max_iter=1000, random_state=SEED)
        model.fit(x, y)
        weights[:, s] = model.coef_[0]
        bias[s] = model.intercept_[0]
    return learned.Model(weights, bias, np.full(len(SLUGS), 0.5))


def chances(model: learned.Model, rows: list[Row]) -> np.ndarray:
    return 1 / (1 + np.exp(-((matrix(rows) @ model.weights) + model.bias)))


@dataclass
class Score:
    tp: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    clean: int
    alarms: int

    def f1(self) -> np.ndarray:
        return 2 * self.tp / np.maximum(2 * self.tp + self.fp + self.fn, 1)

    def precision(self) -> np.ndarray:
        return np.where(self.tp + self.fp > 0, self.tp / np.maximum(self.tp + self.fp, 1), 1.0)

    def recall(self) -> np.ndarray:
        return np.where(self.tp + self.fn > 0, self.tp / np.maximum(self.tp + self.fn, 1), 1.0)

    @property
    def macro(self) -> float:
        return float(self.f1().mean())

    @property
    def false_alarms(self) -> float:
        return self.alarms / self.clean if self.clean else 0.0


def blended(model: learned.Model, rows: list[Row], tuning=None) -> np.ndarray:
    """The mean of each rule's score and the model's chance, as ``classify`` takes it,
    moved by an account's `tuning` if given."""
    both = (np.array([r.scores for r in rows]) + chances(model, rows)) / 2
    if tuning is not None:
        both = np.array([tuning.adjust(b, *r.words) for b, r in zip(both, rows, strict=True)])
    return both


def given(model: learned.Model, rows: list[Row], tuning=None) -> np.ndarray:
    """Which signs the classifier gives each row: those whose blend reaches the cut, and
    those a rule is sure of on its own."""
    sure = np.array([r.scores for r in rows]) >= SURE
    if tuning is not None:
        sure &= np.array([tuning.logits(*r.words) >= 0 for r in rows])
    return sure | (blended(model, rows, tuning) >= model.thresholds)


def score(rows: list[Row], got: np.ndarray) -> Score:
    want = np.array([[s in r.labels for s in SLUGS] for r in rows], dtype=bool)
    clean = ~want.any(axis=1)
    return Score(
        (got & want).sum(0),
        (got & ~want).sum(0),
        (~got & want).sum(0),
        int(clean.sum()),
        int((got.any(axis=1) & clean).sum()),
    )


def rules_only(rows: list[Row]) -> np.ndarray:
    return np.array([[s in r.ruled for s in SLUGS] for r in rows], dtype=bool)


ALARM_COST = 8.0  # F1 given up per share of clean entries a sign falsely alarms on


def choose_thresholds(model: learned.Model, dev: list[Row]) -> None:
    """Each sign's cut on the dev split: the best F1 of 'the blend past the cut, or a
    sure rule', less ALARM_COST times the share of clean entries it would falsely mark."""
    p = blended(model, dev)
    sure = np.array([r.scores for r in dev]) >= SURE
    want = np.array([[s in r.labels for s in SLUGS] for r in dev], dtype=bool)
    clean = ~want.any(axis=1)
    for s in range(len(SLUGS)):
        best = (-9.0, 0.5)
        for cut in np.arange(0.1, 0.91, 0.02):
            got = sure[:, s] | (p[:, s] >= cut)
            tp, fp = (got & want[:, s]).sum(), (got & ~want[:, s]).sum()
            fn = (~got & want[:, s]).sum()
            f1 = 2 * tp / max(2 * tp + fp + fn, 1)
            alarms = (got & clean).sum() / max(clean.sum(), 1)
            value = f1 - ALARM_COST * alarms
            if value > best[0] + 1e-9:
                best = (value, float(cut))
        model.thresholds[s] = best[1]


def train(train_rows: list[Row], dev: list[Row]) -> tuple[learned.Model, float]:
    best: tuple[float, learned.Model | None, float] = (-1.0, None, 0.0)
    for strength in STRENGTHS:
        model = fit(train_rows, strength)
        choose_thresholds(model, dev)
        macro = score(dev, given(model, dev)).macro
        if macro > best[0]:
            best = (macro, model, strength)
    assert best[1] is not None
    return best[1], best[2]


def per_account(model: learned.Model, rows: list[Row], first: int = 20) -> tuple[Score, Score]:
    """F1 on the rest of one voice before and after correcting its first `first` entries."""
    tuning = learned.Tuning()
    head, rest = rows[:first], rows[first:]
    before = score(rest, given(model, rest))
    for row in head:
        for s, slug in enumerate(SLUGS):
            blend = blended(model, [row])[0]
            now = given(model, [row], tuning)[0][s]
            if now != (slug in row.labels):
                tuning.learn(model, *row.words, slug, slug in row.labels, blend[s])
    return before, score(rest, given(model, rest, tuning))


def table(name: str, result: Score, rules: Score) -> list[str]:
    lines = [
        f"### {name}",
        "",
        "| sign | precision | recall | F1 | rules alone F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    p, r, f = result.precision(), result.recall(), result.f1()
    for s, slug in enumerate(SLUGS):
        lines.append(f"| {slug} | {p[s]:.2f} | {r[s]:.2f} | {f[s]:.2f} | {rules.f1()[s]:.2f} |")
    lines += [
        f"| **macro** | | | **{result.macro:.3f}** | {rules.macro:.3f} |",
        "",
        f"False alarms on clean entries: {result.alarms}/{result.clean} = "
        f"{result.false_alarms:.1%} (rules alone {rules.false_alarms:.1%}).",
        "",
    ]
    return lines


class Command(BaseCommand):
    help = (
        "Train the learned layer over the rules on the corpus named in tests/data/splits.json, "
        "choose each sign's threshold on the dev split, and write patterns/classifier/weights/signs.npz "
        "and REPORT.md (scores on the blind sets, a learning curve, per-account learning). "
        "Needs the dev dependencies (scikit-learn)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--no-curve", action="store_true", help="Skip the learning curve.")

    def handle(self, *args, no_curve: bool = False, **options):
        try:
            import sklearn  # noqa: F401
        except ImportError:
            raise CommandError("Training needs scikit-learn: run it with `uv run`.") from None
        splits = json.loads(SPLITS.read_text())
        train_rows, dev = load(splits["train"]), load(splits["dev"])
        blind = {name: load(files) for name, files in splits["blind"].items()}
        self.stdout.write(
            f"train {len(train_rows)}, dev {len(dev)}, blind "
            + ", ".join(f"{name} {len(rows)}" for name, rows in blind.items())
        )
        model, strength = train(train_rows, dev)
        lines = [
            "# The learned layer: training report",
            "",
            "Written by `uv run manage.py train_classifier` (seed "
            f"{SEED}); do not edit by hand. Train {len(train_rows)} entries, dev {len(dev)}; "
            f"C = {strength}; thresholds chosen on dev: "
            + ", ".join(f"{s} {t:.3f}" for s, t in zip(SLUGS, model.thresholds, strict=True))
            + ".",
            "",
            "A sign is given when the mean of the rule's score and the model's chance reaches "
            "the sign's threshold.",
            "",
            "## Dev split (thresholds chosen here, so not blind)",
            "",
            *table("dev", score(dev, given(model, dev)), score(dev, rules_only(dev))),
            "## Blind sets (never trained or tuned on)",
            "",
        ]
        everything: list[Row] = []
        for name, rows in blind.items():
            everything += rows
            lines += table(name, score(rows, given(model, rows)), score(rows, rules_only(rows)))
        lines += table(
            "all blind sets together",
            score(everything, given(model, everything)),
            score(everything, rules_only(everything)),
        )
        if not no_curve:
            lines += self.curve(train_rows, dev, everything, strength)
        lines += self.accounts(model, blind)
        model.save(strength=strength, seed=SEED, trained_on=len(train_rows))
        REPORT.write_text("\n".join(lines))
        self.stdout.write("\n".join(lines))
        size = learned.WEIGHTS.stat().st_size
        self.stdout.write(f"Wrote {learned.WEIGHTS} ({size / 1e6:.1f} MB) and {REPORT}.")

    def curve(self, train_rows, dev, blind_rows, strength) -> list[str]:
        lines = [
            "## Learning curve (all blind sets together)",
            "",
            "| training entries | macro-F1 | false alarms |",
            "| --- | --- | --- |",
        ]
        shuffled = train_rows[:]
        random.Random(SEED).shuffle(shuffled)
        for share in (0.25, 0.5, 1.0):
            part = shuffled[: int(len(shuffled) * share)]
            model = fit(part, strength)
            choose_thresholds(model, dev)
            result = score(blind_rows, given(model, blind_rows))
            lines.append(
                f"| {len(part)} ({share:.0%}) | {result.macro:.3f} | {result.false_alarms:.1%} |"
            )
        return [*lines, ""]

    def accounts(self, model, blind) -> list[str]:
        lines = [
            "## Learning an account's own words",
            "",
            "Each blind voice in file order: its first 20 entries corrected (every sign the "
            "classifier got wrong), then F1 on the rest of that voice.",
            "",
            "| voice | macro-F1 before | after | false alarms before | after |",
            "| --- | --- | --- | --- | --- |",
        ]
        for name, rows in blind.items():
            before, after = per_account(model, rows)
            lines.append(
                f"| {name} | {before.macro:.3f} | {after.macro:.3f} | "
                f"{before.false_alarms:.1%} | {after.false_alarms:.1%} |"
            )
        return [*lines, ""]

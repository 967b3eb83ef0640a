"""The learned layer over the rules: one linear model per sign, read from a weights file.

Pure Python and numpy, no Django. The rules (``patterns.classifier.rules``) are precise but only
know the phrases written into them; this layer weighs what they miss. For each entry it
builds one sparse feature vector:

- hashed word unigrams and bigrams of the prepared text, and hashed character 2- to
  5-grams (spelling, shorthand and emoji the word list can't foresee);
- the entry facts as one-hot values (channel, who reached out, reply, plan outcome,
  feeling, reply delay, the hour);
``Model.probabilities`` turns that vector into one chance per sign. The classifier
averages it with the rule's own score, and a sign is given when the rules give it or when
that average reaches the threshold chosen for the sign on the dev split. (The rules' sums
are not features: the rules were tuned on much of the training text, so a model stacked on
them learns to trust them there and nothing else.) (``patterns/management/commands/train_classifier.py`` trains and writes the
file). ``Tuning`` is one account's small adjustment on top, learned from its corrections.

The same ``features`` function serves training and inference, so the two can't drift.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from patterns.classifier.categories import SLUGS
from patterns.classifier.choices import CHANNELS, INITIATORS, PLAN_OUTCOMES, REPLIES
from patterns.classifier.hours import is_late

WEIGHTS = Path(__file__).with_name("weights") / "signs.npz"

BITS = 18
HASHED = 1 << BITS  # hashed text features come first in the vector
_MASK = np.uint64(HASHED - 1)

# The dense features after the hashed ones, by name (the training report lists them).
DENSE: tuple[str, ...] = (
    *(f"channel:{c}" for c in CHANNELS),
    *(f"initiated_by:{c}" for c in INITIATORS),
    *(f"reply:{c}" for c in REPLIES),
    *(f"plan_outcome:{c}" for c in PLAN_OUTCOMES),
    "feeling",
    "feeling:hurt",
    "feeling:warm",
    "reply_delay",
    "reply_delay:12h+",
    "time:given",
    "time:late",
    "time:small_hours",
    "time:daytime",
    "their_reply:minimal",
    "their_reply:short",
    "their_reply:short_at_end",
    "length",
)
_DENSE_AT = {name: HASHED + i for i, name in enumerate(DENSE)}
SIZE = HASHED + len(DENSE)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\w\s]")
_WORD_SALT = 0x9E3779B1
_CHAR_SALTS = {n: np.uint64(0xC2B2AE3D27D4EB4F * n & 0xFFFFFFFFFFFFFFFF) for n in range(2, 6)}


def _mix(h: np.ndarray) -> np.ndarray:
    """Spread a 64-bit hash's bits so its low bits are fit to be a bucket (splitmix64)."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def tokens(low: str) -> list[str]:
    """The words (and each emoji or mark) of prepared text, in order."""
    return _TOKEN.findall(low)


def word_buckets(words: list[str]) -> np.ndarray:
    """One bucket per word unigram and bigram, in order: unigrams, then bigrams."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(
        (zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words),
        dtype=np.uint64,
        count=len(words),
    )
    grams = np.concatenate([h ^ np.uint64(_WORD_SALT), (h[:-1] << np.uint64(32)) ^ h[1:]])
    return _mix(grams) & _MASK


def char_buckets(low: str) -> np.ndarray:
    """One bucket per character 2- to 5-gram of the text, words joined by single spaces."""
    joined = " " + " ".join(low.split()) + " "
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.uint64
    )
    parts = []
    h = codes
    for n, salt in _CHAR_SALTS.items():
        count = len(codes) - n + 1
        if count < 1:
            break
        h = h[:count] * np.uint64(1_000_003) + codes[n - 1 : n - 1 + count]
        parts.append(h ^ salt)
    return _mix(np.concatenate(parts)) & _MASK if parts else np.zeros(0, dtype=np.uint64)


def dense(facts: Any, said: Any) -> dict[str, float]:
    """The named dense features of an entry: its facts, and the shape of what was said."""
    values: dict[str, float] = {
        "their_reply:minimal": float(said.minimal_quote is not None),
        "their_reply:short": float(said.short_quote is not None),
        "their_reply:short_at_end": float(said.short_quote_ends),
        "length": min(1.0, math.log1p(len(said.low.split())) / math.log1p(200)),
    }
    for name in ("channel", "initiated_by", "reply", "plan_outcome"):
        choice = getattr(facts, name, None)
        if choice:
            values[f"{name}:{choice}"] = 1.0
    feeling = getattr(facts, "feeling", None)
    if feeling is not None:
        values["feeling"] = feeling / 3
        values["feeling:hurt"] = float(feeling <= -1)
        values["feeling:warm"] = float(feeling >= 2)
    delay = getattr(facts, "reply_delay_hours", None)
    if delay is not None and 0 <= delay < math.inf:  # the hint passes on what was typed
        values["reply_delay"] = min(1.0, math.log1p(delay) / math.log1p(72))
        values["reply_delay:12h+"] = float(delay >= 12)
    when = getattr(facts, "occurred_at", None)
    if when is not None:
        values["time:given"] = 1.0
        hour = when.hour
        values["time:late"] = float(is_late(hour))
        values["time:small_hours"] = float(hour < 4)
        values["time:daytime"] = float(8 <= hour < 20)
    return {name: value for name, value in values.items() if value}


def features(said: Any, facts: Any) -> tuple[np.ndarray, np.ndarray]:
    """The entry's sparse feature vector: (indices, values), indices ascending.

    ``said`` is the entry's prepared text (``patterns.classifier.text.Text``: ``low``, and
    what they were quoted saying), ``facts`` the classifier's Facts. Each block of text
    features (all words, their quoted words, characters) has length about 1, so a long
    entry weighs no more than a short one; a bucket met twice adds up.
    """
    low = said.low
    words, chars = word_buckets(tokens(low)), char_buckets(low)
    theirs = word_buckets([f"q:{w}" for q in said.their_quotes for w in tokens(q)])
    named = dense(facts, said)
    at = np.concatenate([words, theirs, chars, [_DENSE_AT[n] for n in named]]).astype(np.int64)
    val = np.concatenate(
        [
            np.full(len(words), 1 / math.sqrt(len(words) or 1)),
            np.full(len(theirs), 1 / math.sqrt(len(theirs) or 1)),
            np.full(len(chars), 1 / math.sqrt(len(chars) or 1)),
            list(named.values()),
        ]
    )
    order = np.argsort(at)
    at, val = at[order], val[order]
    starts = np.flatnonzero(np.diff(at, prepend=-1))
    return at[starts], np.add.reduceat(val, starts) if len(starts) else val


def own_words(said: Any) -> tuple[np.ndarray, np.ndarray]:
    """The features an account's adjustment reads: the entry's words and word pairs only.

    Character n-grams and the facts are left to the shared model: from a handful of
    corrections they spread to every entry that shares a spelling or a channel.
    """
    buckets = np.unique(word_buckets(tokens(said.low))).astype(np.int64)
    return buckets, np.full(len(buckets), 1 / math.sqrt(len(buckets) or 1))


@dataclass
class Model:
    """The shared model: a weight column and a bias per sign, and the chosen thresholds."""

    weights: np.ndarray  # (SIZE, 7) float32
    bias: np.ndarray  # (7,)
    thresholds: np.ndarray  # (7,)

    def logits(self, at: np.ndarray, val: np.ndarray) -> np.ndarray:
        return val @ self.weights[at] + self.bias

    def probabilities(self, at: np.ndarray, val: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.logits(at, val)))

    def save(self, path: Path = WEIGHTS, **meta: Any) -> None:
        """Write the weights compactly: float16 columns of only the rows in use."""
        used = np.flatnonzero(np.any(self.weights != 0, axis=1)).astype(np.int32)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            rows=used,
            weights=self.weights[used].astype(np.float16),
            bias=self.bias.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
            meta=np.array(json.dumps({"size": SIZE, "slugs": SLUGS, **meta})),
        )

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Model:
        with np.load(path) as data:
            meta = json.loads(str(data["meta"]))
            if meta["size"] != SIZE or tuple(meta["slugs"]) != SLUGS:
                raise ValueError(f"{path} was trained for other features: retrain it")
            weights = np.zeros((SIZE, len(SLUGS)), dtype=np.float32)
            weights[data["rows"]] = data["weights"]
            return cls(weights, data["bias"].astype(np.float64), data["thresholds"])


@cache
def shared() -> Model | None:
    """The committed model, loaded once per process; None if its file is missing."""
    return Model.load() if WEIGHTS.exists() else None


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def _squash(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


# --------------------------------------------------------------------------------------
# One account's own words: a small adjustment learned from its corrections
# --------------------------------------------------------------------------------------
RATE = 2.0  # how far one gradient step moves the adjustment
BIAS_RATE = 0.0  # and the account's own leaning for the sign (none: it over-reaches)
STEPS = 10  # gradient steps per correction, stopping early once it is learned
MARGIN = 0.05  # a correction is learned when its blend is this far past the threshold
DECAY = 0.002  # a little forgetting, so old corrections don't pin the adjustment forever
MAX_ROWS = 5_000  # the adjustment's size cap: the smallest rows go first


@dataclass
class Tuning:
    """Per-account weights over the same features, added to the shared model's logits.

    Kept sparse: only the rows its corrections touched, over ``own_words`` features.
    Weights over words reveal the words they came from, so the stored form is sealed like
    the account's text.
    """

    rows: dict[int, np.ndarray] = field(default_factory=dict)
    bias: np.ndarray = field(default_factory=lambda: np.zeros(len(SLUGS)))
    corrections: int = 0

    def logits(self, at: np.ndarray, val: np.ndarray) -> np.ndarray:
        z = self.bias.copy()
        for i, v in zip(at.tolist(), val.tolist(), strict=True):
            row = self.rows.get(i)
            if row is not None:
                z += v * row
        return z

    def adjust(self, blend: np.ndarray, at: np.ndarray, val: np.ndarray) -> np.ndarray:
        """The classifier's blend of rules and model, moved by what this account taught."""
        return _squash(_logit(blend) + self.logits(at, val))

    def learn(
        self, model: Model, at: np.ndarray, val: np.ndarray, slug: str, given: bool, blend: float
    ) -> None:
        """One correction: the person gave (or took away) ``slug`` on an entry whose blend
        of rules and model was ``blend``.

        Steps until the adjusted blend is past the sign's threshold by MARGIN on the
        person's side, or STEPS run out. It acts on the blend, not the model alone, so it
        can also take back a sign the rules are sure of.
        """
        s = SLUGS.index(slug)
        target = 1.0 if given else 0.0
        cut = float(model.thresholds[s])
        base = float(_logit(np.array([blend]))[0])
        for _ in range(STEPS):
            p = 1 / (1 + math.exp(-(base + self.logits(at, val)[s])))
            if (p - cut if given else cut - p) >= MARGIN:
                break
            step = RATE * (target - p)
            for i, v in zip(at.tolist(), val.tolist(), strict=True):
                row = self.rows.setdefault(i, np.zeros(len(SLUGS)))
                row[s] += step * v
            self.bias[s] += step * BIAS_RATE
        for row in self.rows.values():
            row *= 1 - DECAY
        self.corrections += 1
        if len(self.rows) > MAX_ROWS:
            keep = sorted(self.rows, key=lambda i: -np.abs(self.rows[i]).max())[:MAX_ROWS]
            self.rows = {i: self.rows[i] for i in keep}

    def to_json(self) -> str:
        return json.dumps(
            {
                "corrections": self.corrections,
                "bias": [round(b, 5) for b in self.bias.tolist()],
                "rows": {str(i): [round(w, 5) for w in r.tolist()] for i, r in self.rows.items()},
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Tuning:
        """Read a stored or exported adjustment; ValueError with a clear message if bad."""
        try:
            data = json.loads(text)
            rows = {int(i): np.array(r, dtype=float) for i, r in data["rows"].items()}
            bias = np.array(data["bias"], dtype=float)
            corrections = int(data["corrections"])
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ValueError(f"not a learned adjustment ({exc})") from None
        if len(rows) > MAX_ROWS:
            raise ValueError(f"not a learned adjustment (over {MAX_ROWS:,} rows)")
        if bias.shape != (len(SLUGS),) or any(
            r.shape != (len(SLUGS),) or not 0 <= i < SIZE for i, r in rows.items()
        ):
            raise ValueError("not a learned adjustment (wrong shape)")
        if not (np.isfinite(bias).all() and all(np.isfinite(r).all() for r in rows.values())):
            raise ValueError("not a learned adjustment (a weight is not a number)")
        return cls(rows, bias, max(0, corrections))


# --------------------------------------------------------------------------------------
# Saying why: the words that weighed most
# --------------------------------------------------------------------------------------
# Words too common to say why on their own; a pair that holds one still can.
_PLAIN = frozenset(
    [
        "a",
        "about",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "me",
        "more",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "one",
        "or",
        "our",
        "out",
        "she",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "too",
        "up",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def _telling(gram: str) -> bool:
    """A word or pair worth naming: words or emoji only (no quote marks or other
    punctuation), and not only common words."""
    parts = gram.split()
    words = all(any(c.isalnum() for c in p) or _is_symbol(p) for p in parts)
    return words and any(p not in _PLAIN for p in parts)


def _is_symbol(token: str) -> bool:
    """An emoji or other pictograph, which can be the whole of a reply."""
    return all(unicodedata.category(c).startswith("S") for c in token)


def weighed(
    model: Model, low: str, slug: str, tuning: Tuning | None = None, top: int = 2
) -> list[tuple[str, float]]:
    """The words or word pairs of the text that pushed ``slug`` up the most, best first,
    with their weights.

    Worked out from the text when a page shows it, never stored: the weight of each
    word's and pair's bucket, the account's adjustment included.
    """
    s = SLUGS.index(slug)
    words = tokens(low)
    if not words:
        return []
    grams = [*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]
    buckets = word_buckets(words).astype(np.int64)
    weight = model.weights[buckets, s].astype(float)
    if tuning is not None:
        weight += np.array([tuning.rows[b][s] if b in tuning.rows else 0.0 for b in buckets])
    best: dict[str, float] = {}
    for gram, w in zip(grams, weight.tolist(), strict=True):
        if w > 0.5 and _telling(gram):
            best[gram] = max(best.get(gram, 0.0), w)
    chosen: list[tuple[str, float]] = []
    for gram in sorted(best, key=lambda g: -best[g]):
        if not any(gram in c or c in gram for c, _ in chosen):
            chosen.append((gram, round(best[gram], 3)))
        if len(chosen) == top:
            break
    return chosen

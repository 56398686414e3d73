import type { LabelledPair, LabelledSet } from './labelled-set';
import {
  buildTermStats,
  compareTasks,
  type PreparedTask,
  prepareTask,
  SIMILARITY_THRESHOLDS,
  type SimilarityResult,
  type TermStats,
} from './similarity';

/**
 * Precision and recall of the matcher on the labelled set. A pair counts as positive when a careful reader
 * judged it a duplicate or an overlap (the system should propose it for review); it is predicted positive when
 * its score reaches the candidate threshold.
 */

export type ScoredPair = { pair: LabelledPair; result: SimilarityResult };

export type Metrics = {
  pairs: number;
  positives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Among true positives, the share whose suggested kind (duplicate/overlap) matches the label. */
  kindAccuracy: number;
};

export type Evaluation = {
  threshold: number;
  /** The threshold that maximises F1 on the tuning half (reported to show the frozen one is still the best). */
  tunedThreshold: number;
  tuning: Metrics;
  heldOut: Metrics;
  all: Metrics;
  /** Held-out mistakes, for reading. */
  heldOutErrors: Array<{ a: string; b: string; label: string; score: number; reasons: string[] }>;
};

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Scores every labelled pair with document frequencies over the seeds' tasks. */
export function scoreLabelledSet(set: LabelledSet): ScoredPair[] {
  const cache = new Map<string, PreparedTask>();
  const prep = (t: LabelledPair['a']) => {
    const key = `${t.id}|${t.text}`;
    let p = cache.get(key);
    if (!p) {
      p = prepareTask(t);
      cache.set(key, p);
    }
    return p;
  };
  const stats: TermStats = buildTermStats(set.corpus.map((t) => prepareTask(t)));
  return set.pairs.map((pair) => ({ pair, result: compareTasks(prep(pair.a), prep(pair.b), stats) }));
}

export function metricsAt(scored: ScoredPair[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let kindOk = 0;
  for (const { pair, result } of scored) {
    const actual = pair.label !== 'different';
    const predicted = result.score >= threshold;
    if (actual && predicted) {
      tp++;
      // Below the global candidate threshold (while sweeping) the kind is "different": judge it as overlap.
      const kind = result.kind === 'different' ? 'overlap' : result.kind;
      if (kind === pair.label) {
        kindOk++;
      }
    } else if (predicted) {
      fp++;
    } else if (actual) {
      fn++;
    }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 1;
  return {
    pairs: scored.length,
    positives: tp + fn,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0),
    kindAccuracy: round(tp > 0 ? kindOk / tp : 0),
  };
}

/** The threshold in 0.05…0.95 (step 0.01) with the best F1 on `scored`; ties go to the higher threshold. */
export function bestThreshold(scored: ScoredPair[]): number {
  let best = SIMILARITY_THRESHOLDS.candidate;
  let bestF1 = -1;
  for (let t = 5; t <= 95; t++) {
    const m = metricsAt(scored, t / 100);
    if (m.f1 >= bestF1) {
      bestF1 = m.f1;
      best = t / 100;
    }
  }
  return best;
}

/** Runs the real matcher over the labelled set and reports tuning, held-out and overall figures. */
export function evaluateLabelledSet(set: LabelledSet, threshold = SIMILARITY_THRESHOLDS.candidate): Evaluation {
  const scored = scoreLabelledSet(set);
  const tuning = scored.filter((s) => s.pair.split === 'tuning');
  const heldOut = scored.filter((s) => s.pair.split === 'held-out');
  return {
    threshold,
    tunedThreshold: bestThreshold(tuning),
    tuning: metricsAt(tuning, threshold),
    heldOut: metricsAt(heldOut, threshold),
    all: metricsAt(scored, threshold),
    heldOutErrors: heldOut
      .filter((s) => (s.pair.label !== 'different') !== s.result.score >= threshold)
      .map((s) => ({
        a: s.pair.a.text.slice(0, 100),
        b: s.pair.b.text.slice(0, 100),
        label: s.pair.label,
        score: s.result.score,
        reasons: s.result.reasons,
      })),
  };
}

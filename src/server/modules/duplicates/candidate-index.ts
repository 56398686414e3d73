import {
  compareTasks,
  idfOf,
  type MatchableTask,
  type PreparedTask,
  prepareTask,
  SIMILARITY_THRESHOLDS,
  type SimilarityResult,
  statKeysOf,
  type TermStats,
} from './similarity';

/**
 * In-memory inverted index over the stored tasks, for candidate generation at scale: a new 300-task directive is
 * checked against 50,000 stored tasks by looking up its rare words and word pairs, not by comparing every pair.
 * Only the top {@link CANDIDATES_PER_TASK} tasks by shared rare-term weight are compared in full.
 */

export type StoredTask = MatchableTask & {
  directiveId: string;
  directiveKey: string;
  directiveTitle: string;
};

export type Match = { task: StoredTask; result: SimilarityResult };

export type CandidateIndex = {
  size: number;
  stats: TermStats;
  tasks: readonly StoredTask[];
  /** Stored tasks that look like `probe`, best first, scored and at or above `minScore`. */
  matches: (probe: PreparedTask, options?: MatchOptions) => Match[];
  /** Prepared form of a stored task (kept for the ones compared so far). */
  prepared: (index: number) => PreparedTask;
  indexOf: (taskId: string) => number | undefined;
};

export type MatchOptions = {
  minScore?: number;
  /** How many look-alikes to compare in full. */
  candidates?: number;
  /** Skip stored tasks (e.g. the probe itself when it is stored). */
  exclude?: (task: StoredTask) => boolean;
};

/** How many stored tasks, ranked by shared rare-term weight, are compared in full per probe. */
export const CANDIDATES_PER_TASK = 40;

/** A term in more than this share of tasks is too common to find candidates with (it still counts in the score). */
const MAX_POSTING_SHARE = 0.05;

export function buildCandidateIndex(tasks: readonly StoredTask[]): CandidateIndex {
  const termIds = new Map<string, number>();
  const df: number[] = [];
  const docTerms: Int32Array[] = [];
  const preparedCache = new Map<number, PreparedTask>();
  // Prepared forms are large (maps of terms); keep only ids per task and re-prepare the few compared in full.
  tasks.forEach((task, i) => {
    const p = prepareTask(task);
    const keys = statKeysOf(p);
    const ids = new Int32Array(keys.length);
    keys.forEach((k, j) => {
      let id = termIds.get(k);
      if (id === undefined) {
        id = df.length;
        termIds.set(k, id);
        df.push(0);
      }
      df[id] = (df[id] ?? 0) + 1;
      ids[j] = id;
    });
    docTerms[i] = ids;
    if (i < 64) {
      preparedCache.set(i, p);
    }
  });
  const stats: TermStats = {
    docs: tasks.length,
    df: (term) => {
      const id = termIds.get(term);
      return id === undefined ? 0 : (df[id] ?? 0);
    },
  };
  const maxPostings = Math.max(50, Math.floor(tasks.length * MAX_POSTING_SHARE));
  const postingSizes = new Int32Array(df.length);
  for (const ids of docTerms) {
    for (const id of ids) {
      if ((df[id] ?? 0) <= maxPostings) {
        postingSizes[id] = (postingSizes[id] ?? 0) + 1;
      }
    }
  }
  const postings: Array<Int32Array | undefined> = Array.from({ length: df.length }, (_, id) =>
    (postingSizes[id] ?? 0) > 0 ? new Int32Array(postingSizes[id] ?? 0) : undefined,
  );
  const fill = new Int32Array(df.length);
  docTerms.forEach((ids, doc) => {
    for (const id of ids) {
      const list = postings[id];
      if (list) {
        list[fill[id] ?? 0] = doc;
        fill[id] = (fill[id] ?? 0) + 1;
      }
    }
  });
  const byId = new Map(tasks.map((t, i) => [t.id, i]));

  const prepared = (i: number): PreparedTask => {
    let p = preparedCache.get(i);
    if (!p) {
      p = prepareTask(tasks[i] as StoredTask);
      if (preparedCache.size > 20_000) {
        preparedCache.clear();
      }
      preparedCache.set(i, p);
    }
    return p;
  };

  const accumulator = new Float64Array(tasks.length);
  const matches = (probe: PreparedTask, options: MatchOptions = {}): Match[] => {
    const minScore = options.minScore ?? SIMILARITY_THRESHOLDS.candidate;
    const limit = options.candidates ?? CANDIDATES_PER_TASK;
    const touched: number[] = [];
    for (const key of statKeysOf(probe)) {
      const id = termIds.get(key);
      const list = id === undefined ? undefined : postings[id];
      if (!list) {
        continue;
      }
      const w = idfOf(stats, key);
      for (const doc of list) {
        if (accumulator[doc] === 0) {
          touched.push(doc);
        }
        accumulator[doc] = (accumulator[doc] ?? 0) + w;
      }
    }
    const ranked = touched.sort((x, y) => (accumulator[y] ?? 0) - (accumulator[x] ?? 0));
    for (const doc of touched) {
      accumulator[doc] = 0;
    }
    const out: Match[] = [];
    let compared = 0;
    for (const doc of ranked) {
      if (compared >= limit) {
        break;
      }
      const task = tasks[doc] as StoredTask;
      if (options.exclude?.(task)) {
        continue;
      }
      compared++;
      const result = compareTasks(probe, prepared(doc), stats);
      if (result.score >= minScore) {
        out.push({ task, result });
      }
    }
    return out.sort((x, y) => y.result.score - x.result.score);
  };

  return { size: tasks.length, stats, tasks, matches, prepared, indexOf: (id) => byId.get(id) };
}

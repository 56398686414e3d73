import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
} from '@server/modules/agencies/agency-resolver';
import { interpretDocuments } from '@server/modules/imports/build-import-result';
import { readTextDocument } from '@server/modules/imports/read-text';
import type { ImportList, ImportTask } from '@shared/contracts/imports';
import { normalizeDeadline } from '@shared/domain/deadline';
import { foldText } from '@shared/lib/vn-text';
import { z } from 'zod';
import type { MatchableTask } from './similarity';

/**
 * The labelled set of task pairs (`labelled-pairs.json`), read from the five seed documents with the real importer.
 * A task is named by seed, list, row and a text prefix, so the set survives changes of ids and of the importer.
 */

const MODULE_DIR = path.dirname(fileURLToPath(import.meta.url));
const LABELLED_FILE = path.join(MODULE_DIR, 'labelled-pairs.json');
const DEFAULT_SEEDS_DIR = path.resolve(MODULE_DIR, '../../../../fixtures/seeds');

const TaskRefSchema = z.object({
  seed: z.string(),
  list: z.string(),
  row: z.number().int().optional(),
  prefix: z.string(),
});
export type TaskRef = z.infer<typeof TaskRefSchema>;

export const LabelSchema = z.enum(['duplicate', 'overlap', 'different']);
export type Label = z.infer<typeof LabelSchema>;

const LabelledFileSchema = z.object({
  version: z.literal(1),
  description: z.string(),
  lists: z.record(z.string(), z.object({ seed: z.string(), titleContains: z.string() })),
  pairs: z.array(
    z.object({
      a: TaskRefSchema,
      b: TaskRefSchema,
      label: LabelSchema,
      source: z.string(),
      note: z.string().optional(),
    }),
  ),
});
export type LabelledFile = z.infer<typeof LabelledFileSchema>;

export type Split = 'tuning' | 'held-out';

export type LabelledPair = {
  key: string;
  a: MatchableTask;
  b: MatchableTask;
  label: Label;
  split: Split;
  source: string;
};

export type LabelledSet = {
  pairs: LabelledPair[];
  /** Every task read from the seeds: the corpus for document frequencies. */
  corpus: MatchableTask[];
};

/** Share of pairs used for tuning; the rest is held out. */
export const TUNING_SHARE = 0.7;

export function readLabelledFile(file = LABELLED_FILE): LabelledFile {
  return LabelledFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

const refKey = (r: TaskRef) => `${r.seed}|${r.list}|${r.row ?? ''}|${foldText(r.prefix)}`;

/** Identity of a pair, independent of the order of its two tasks. */
export function pairKey(a: TaskRef, b: TaskRef): string {
  return [refKey(a), refKey(b)].sort().join(' ⇄ ');
}

/**
 * Deterministic split: the first byte of SHA-256 of the pair key. About 70% of pairs tune the thresholds and
 * weights; the rest is held out and reported separately.
 */
export function splitOf(key: string): Split {
  const byte = createHash('sha256').update(key).digest()[0] ?? 0;
  return byte < Math.round(256 * TUNING_SHARE) ? 'tuning' : 'held-out';
}

type SeedLists = { seed: string; lists: ImportList[] };

function matchableOf(ref: string, t: ImportTask): MatchableTask {
  return {
    id: ref,
    text: t.text,
    product: t.product,
    leads: t.lead,
    deadline: { kind: t.deadline.kind, due: t.deadline.due, raw: t.deadline.raw },
    directiveKey: t.assignedBy,
  };
}

function resolveRef(file: LabelledFile, seeds: Map<string, SeedLists>, ref: TaskRef): MatchableTask {
  const seed = seeds.get(ref.seed);
  if (!seed) {
    throw new Error(`labelled set: seed ${ref.seed} not found`);
  }
  const listDef = file.lists[ref.list];
  const wanted = listDef ? foldText(listDef.titleContains) : '';
  const byTitle = seed.lists.filter((l) => wanted !== '' && foldText(l.title).includes(wanted));
  const prefix = foldText(ref.prefix);
  const find = (lists: ImportList[]) =>
    lists.flatMap((l) =>
      l.tasks.filter((t) => (ref.row === undefined || t.row === ref.row) && foldText(t.text).startsWith(prefix)),
    );
  // Fall back to every list of the seed when a list title changed; the prefix (and row) must then be unique.
  let hits = find(byTitle);
  if (hits.length === 0) {
    hits = find(seed.lists);
  }
  const hit = hits[0];
  if (!hit) {
    throw new Error(`labelled set: no task ${ref.seed} ${ref.list} row ${ref.row ?? '-'} “${ref.prefix}”`);
  }
  return matchableOf(`${ref.seed}/${ref.list}/${ref.row ?? ref.prefix.slice(0, 24)}`, hit);
}

/** Reads the seeds with the real reader and interpreter (agency register from `reference/`, no database). */
export function interpretSeeds(seedsDir = DEFAULT_SEEDS_DIR): Map<string, SeedLists> {
  const resolver = createAgencyResolver(buildAgencyRegisterSnapshotFromReference(), { today: () => '2025-12-31' });
  const out = new Map<string, SeedLists>();
  for (const name of fs.readdirSync(seedsDir).sort()) {
    if (!name.endsWith('.txt')) {
      continue;
    }
    const text = fs.readFileSync(path.join(seedsDir, name), 'utf8');
    const result = interpretDocuments([readTextDocument(name, text)], { resolver, normalizeDeadline });
    out.set(name.slice(0, 3), { seed: name.slice(0, 3), lists: result.lists });
  }
  return out;
}

/** The labelled pairs with their tasks resolved in the seeds, and the seeds' tasks as the corpus. */
export function loadLabelledSet(options: { seedsDir?: string; file?: string } = {}): LabelledSet {
  const file = readLabelledFile(options.file);
  const seeds = interpretSeeds(options.seedsDir);
  const pairs = file.pairs.map((p) => {
    const key = pairKey(p.a, p.b);
    return {
      key,
      a: resolveRef(file, seeds, p.a),
      b: resolveRef(file, seeds, p.b),
      label: p.label,
      split: splitOf(key),
      source: p.source,
    };
  });
  // One corpus entry per distinct task, as stored: the importer keeps a task met in two lists once.
  const corpus: MatchableTask[] = [];
  const seen = new Set<string>();
  for (const { seed, lists } of seeds.values()) {
    lists.forEach((l, li) => {
      l.tasks.forEach((t, ti) => {
        const identity = `${t.assignedBy ?? ''}|${foldText(t.text)}`;
        if (!seen.has(identity)) {
          seen.add(identity);
          corpus.push(matchableOf(`${seed}/${li}/${ti}`, t));
        }
      });
    });
  }
  return { pairs, corpus };
}

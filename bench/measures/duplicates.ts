import path from 'node:path';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@server/db/client';
import { findTrigramCandidates } from '@server/modules/duplicates/duplicates.repo';
import { getCandidateIndex, matchDraftTasks } from '@server/modules/duplicates/duplicates.service';
import { evaluateLabelledSet } from '@server/modules/duplicates/evaluate';
import { loadLabelledSet } from '@server/modules/duplicates/labelled-set';
import { prepareTask } from '@server/modules/duplicates/similarity';
import { buildDataset, generateDataset } from '@server/modules/generator/generate-dataset';
import type { DraftTask } from '@shared/contracts/duplicates';
import type { DeadlineKind } from '@shared/contracts/imports';
import pg from 'pg';
import type { BenchContext, BenchMeasure } from '../bench-context';
import { round, summarizeLatencies } from '../lib/stats';

/** Stored tasks of the scale test, and the size of the new directive checked against them. */
const STORED_TASKS = 50_000;
const DRAFT_TASKS = 300;
/** Draft tasks that repeat a stored task (reworded), so that the check has real hits to find. */
const REPEATED_TASKS = 30;
const DIRECTIVE_RUNS = 5;
/** The pg_trgm alternative is measured within this budget per database. */
const TRGM_BUDGET_MS = 60_000;
const TRGM_THRESHOLD = 0.3;

/** A 300-task directive that is not stored: generated with another seed, plus reworded copies of stored tasks. */
function buildDraft(stored: Array<{ text: string; product: string | null; leads: readonly string[] }>): DraftTask[] {
  const fresh = buildDataset({ agencies: 3400, tasks: DRAFT_TASKS, seed: 424_242 }).tasks;
  return fresh.slice(0, DRAFT_TASKS).map((t, i) => {
    const copy = i < REPEATED_TASKS ? stored[(i * 1663) % stored.length] : undefined;
    // A reworded repeat: the same task introduced by another verb, as a drafter would write it again.
    const text = copy ? `Tiếp tục ${copy.text.charAt(0).toLowerCase()}${copy.text.slice(1)}` : t.text;
    return {
      id: `draft-${i}`,
      list: 'Dự thảo',
      row: i + 1,
      line: null,
      section: null,
      text,
      lead: copy ? [...copy.leads] : (t.leadText ?? '').split(', ').filter(Boolean),
      product: copy ? copy.product : (t.product ?? null),
      deadline: {
        raw: t.deadlineRaw ?? '',
        kind: (t.deadlineKind ?? 'none') as DeadlineKind,
        due: t.deadlineDue ?? null,
      },
      assignedBy: 'DU-THAO',
    };
  });
}

async function scaleOn(handle: DatabaseHandle, ctx: BenchContext, label: string) {
  const t0 = performance.now();
  await migrateDatabase(handle);
  const generated = await generateDataset(handle.db, { agencies: 3400, tasks: STORED_TASKS, seed: 7 });
  const generateMs = performance.now() - t0;
  ctx.log(`  duplicates ${label}: ${generated.counts.tasks} tasks generated in ${Math.round(generateMs)} ms`);

  const coldStart = performance.now();
  const index = await getCandidateIndex(handle.db);
  const indexBuildMs = performance.now() - coldStart;
  const draft = buildDraft(
    index.tasks.map((t) => ({ text: t.text, product: t.product ?? null, leads: t.leads ?? [] })),
  );

  const directiveSamples: number[] = [];
  let items = matchDraftTasks(index, draft);
  for (let run = 0; run < DIRECTIVE_RUNS; run++) {
    const s = performance.now();
    // The whole check as the service runs it, including the freshness probe of the cached index.
    const warm = await getCandidateIndex(handle.db);
    items = matchDraftTasks(warm, draft);
    directiveSamples.push(performance.now() - s);
  }
  const perTask: number[] = [];
  for (const task of draft) {
    const s = performance.now();
    matchDraftTasks(index, [task]);
    perTask.push(performance.now() - s);
  }
  const found = items.filter((i) => i.candidates.length > 0).length;
  const repeatsFound = items.slice(0, REPEATED_TASKS).filter((i) => i.candidates.length > 0).length;

  // The database-side alternative: pg_trgm `%` on tasks.text_folded (GIN index), one query per draft task.
  const trgmSamples: number[] = [];
  let trgmHits = 0;
  let indexHits = 0;
  const trgmStart = performance.now();
  for (const [i, task] of draft.entries()) {
    if (performance.now() - trgmStart > TRGM_BUDGET_MS) {
      break;
    }
    const folded = prepareTask({ id: task.id, text: task.text }).folded;
    const s = performance.now();
    const rows = await findTrigramCandidates(handle.db, folded, { limit: 40, threshold: TRGM_THRESHOLD });
    trgmSamples.push(performance.now() - s);
    const ids = new Set(rows.map((r) => r.id));
    for (const c of items[i]?.candidates ?? []) {
      indexHits++;
      if (ids.has(c.taskId)) {
        trgmHits++;
      }
    }
  }
  return {
    storedTasks: index.size,
    draftTasks: draft.length,
    generateMs: Math.round(generateMs),
    indexBuildMs: Math.round(indexBuildMs),
    checkDirective: summarizeLatencies(directiveSamples),
    perTask: summarizeLatencies(perTask),
    draftTasksWithCandidates: found,
    repeatsFound: `${repeatsFound}/${REPEATED_TASKS}`,
    pgTrgm: {
      threshold: TRGM_THRESHOLD,
      queries: trgmSamples.length,
      cutShort: trgmSamples.length < draft.length,
      perTask: summarizeLatencies(trgmSamples),
      estimatedDirectiveMs: Math.round(
        (trgmSamples.reduce((a, b) => a + b, 0) / Math.max(1, trgmSamples.length)) * draft.length,
      ),
      /** Share of the matches the index strategy confirms that pg_trgm also returns as candidates. */
      candidateRecallVsIndex: indexHits > 0 ? round(trgmHits / indexHits, 3) : null,
    },
  };
}

async function onPglite(ctx: BenchContext) {
  const handle = await openDatabase({ dataDir: path.join(ctx.scratchDir, 'duplicates-50k') });
  try {
    return await scaleOn(handle, ctx, 'pglite');
  } finally {
    await handle.close();
  }
}

async function onPostgres(ctx: BenchContext, adminUrl: string) {
  const name = `tiendo_bench_dup_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ dataDir: 'unused', databaseUrl: url.toString() });
  try {
    return await scaleOn(handle, ctx, 'postgres');
  } finally {
    await handle.close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  }
}

/**
 * Issue 10: precision/recall of the real matcher on the labelled seed pairs (tuning and held-out halves), and the
 * time to check a new 300-task directive against 50,000 stored tasks on the embedded database and on PostgreSQL.
 */
export const duplicatesMeasure: BenchMeasure = {
  name: 'duplicates',
  description: `duplicate-task matcher: labelled-set precision/recall; ${DRAFT_TASKS}-task draft vs ${STORED_TASKS} stored tasks`,
  async run(ctx) {
    const set = loadLabelledSet();
    const e = evaluateLabelledSet(set);
    ctx.log(
      `  duplicates: labelled set P ${e.all.precision} R ${e.all.recall}; held-out P ${e.heldOut.precision} R ${e.heldOut.recall}`,
    );
    const pgUrl = process.env.TIENDO_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
    const pglite = await onPglite(ctx).catch((error: unknown) => ({ error: String(error) }));
    const postgres = pgUrl
      ? await onPostgres(ctx, pgUrl).catch((error: unknown) => ({ error: String(error) }))
      : { skipped: 'set TIENDO_TEST_DATABASE_URL or DATABASE_URL to measure on PostgreSQL' };
    return {
      precision: e.all.precision,
      recall: e.all.recall,
      heldOutPrecision: e.heldOut.precision,
      heldOutRecall: e.heldOut.recall,
      threshold: e.threshold,
      tunedThreshold: e.tunedThreshold,
      tuningPrecision: e.tuning.precision,
      tuningRecall: e.tuning.recall,
      kindAccuracy: e.all.kindAccuracy,
      labelledPairs: { all: e.all.pairs, positives: e.all.positives, tuning: e.tuning.pairs, heldOut: e.heldOut.pairs },
      heldOutErrors: e.heldOutErrors.length,
      check300vs50k: { pglite, postgres },
    };
  },
};

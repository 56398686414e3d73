import fs from 'node:fs';
import type { CliContext } from '@server/cli/cli-context';
import { loadConfig } from '@server/config/env';
import { type DbOrTx, queryRows } from '@server/db/client';
import { agencies, agencyAliases, assignments, directives, reportedFacts, tasks, users } from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import { fixedClock } from '@server/lib/clock';
import { createMemoryFileStorage } from '@server/lib/file-storage';
import { stableId } from '@server/lib/ids';
import type { Actor } from '@server/lib/request-context';
import { runImport } from '@server/modules/imports/imports.service';
import type { RestructuringInput } from '@shared/contracts/restructuring';
import { foldText } from '@shared/lib/vn-text';
import { buildTestApp, type TestApp } from '@test/test-app';
import { createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from './agency-resolver';
import { agencyViewOf, countAssignmentsByAgency, groupAgencyIds } from './agency-view.service';
import { agenciesRestructureCommand } from './restructuring.cli';
import {
  createRestructuring,
  discardRestructuring,
  previewRestructuring,
  reverseRestructuring,
} from './restructuring.service';

const STANDING_OFFICE: Actor = { userId: 'u-vptt', agencyId: 'vptt', roles: ['standing-office'], ip: '127.0.0.1' };
const REPORTER: Actor = { userId: 'u-bc', agencyId: 'x', roles: ['reporter'], ip: '127.0.0.1' };

type Fixture = { id: string; name: string };

async function addAgency(db: DbOrTx, key: string, name: string): Promise<Fixture> {
  const id = stableId('test-agency', key);
  await db.insert(agencies).values({ id, name, kind: 'province', nameFolded: foldText(name) });
  await db.insert(agencyAliases).values({
    id: stableId('test-alias', key),
    agencyId: id,
    alias: name,
    aliasFolded: foldText(name),
    kind: 'official-name',
  });
  return { id, name };
}

/** One directive per test agency set; tasks keyed by label ("t1"…), each assigned as given. */
async function addTasks(
  db: DbOrTx,
  directiveKey: string,
  rows: { label: string; assigned: { agencyId: string; role: 'lead' | 'coordinator' }[]; completed?: boolean }[],
): Promise<Map<string, string>> {
  const directiveId = stableId('test-directive', directiveKey);
  await db.insert(directives).values({
    id: directiveId,
    stableKey: directiveKey,
    kind: 'ke-hoach',
    title: `Kế hoạch thử ${directiveKey}`,
    titleFolded: foldText(`Kế hoạch thử ${directiveKey}`),
  });
  const ids = new Map<string, string>();
  for (const [position, row] of rows.entries()) {
    const taskId = stableId('test-task', `${directiveKey}|${row.label}`);
    ids.set(row.label, taskId);
    const text = `Nhiệm vụ ${row.label} của ${directiveKey}`;
    await db.insert(tasks).values({
      id: taskId,
      identityKey: `${directiveKey}|${row.label}`,
      directiveId,
      position,
      text,
      textFolded: foldText(text),
      provenance: { file: 'test' },
    });
    for (const a of row.assigned) {
      await db.insert(assignments).values({
        id: stableId('test-assignment', `${taskId}|${a.agencyId}|${a.role}`),
        taskId,
        agencyId: a.agencyId,
        role: a.role,
      });
    }
    if (row.completed) {
      await db.insert(reportedFacts).values({
        id: stableId('test-fact', taskId),
        taskId,
        kind: 'status',
        value: 'Đã hoàn thành',
        reportedOn: '2025-06-30',
      });
    }
  }
  return ids;
}

async function addUser(db: DbOrTx, login: string, agencyId: string, active = true): Promise<string> {
  const id = stableId('test-user', login);
  await db.insert(users).values({
    id,
    loginName: login,
    displayName: `Cán bộ ${login}`,
    agencyId,
    roles: ['reporter'],
    passwordHash: 'not-a-real-hash',
    mustChangePassword: false,
    active,
  });
  return id;
}

async function activeAssignments(db: DbOrTx, agencyId: string) {
  return queryRows<{ taskId: string; role: string }>(
    db,
    sql`select task_id as "taskId", role from assignments where agency_id = ${agencyId} and is_active order by task_id, role`,
  );
}

async function tableCounts(db: DbOrTx) {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select (select count(*) from assignments)::int as assignments,
               (select count(*) filter (where is_active) from assignments)::int as active,
               (select count(*) from assignment_transfers)::int as transfers,
               (select count(*) from audit_log)::int as audit,
               (select count(*) from agency_aliases)::int as aliases,
               (select count(*) from agencies)::int as agencies,
               (select count(*) from agency_successions)::int as successions`,
  );
  return row;
}

function figuresOf(rows: Awaited<ReturnType<typeof countAssignmentsByAgency>>) {
  return Object.fromEntries(rows.map((r) => [r.agency.label, [r.assignments, r.tasks]]));
}

describe.skipIf(shouldSkipDbTests())('restructuring events', () => {
  let t: TestApp;
  const clock = fixedClock('2025-07-18T03:00:00Z');
  const deps = () => ({ db: t.handle.db, clock });
  let a: Fixture;
  let b: Fixture;
  let taskIds: Map<string, string>;
  let userA: string;
  let userB: string;
  let inactiveA: string;
  let mergeInput: RestructuringInput;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    const db = t.handle.db;
    a = await addAgency(db, 'A', 'Tỉnh Thử Nghiệm An');
    b = await addAgency(db, 'B', 'Tỉnh Thử Nghiệm Bình');
    taskIds = await addTasks(db, 'merge', [
      { label: 't1', assigned: [{ agencyId: a.id, role: 'lead' }] },
      { label: 't2', assigned: [{ agencyId: a.id, role: 'lead' }] },
      { label: 't3', assigned: [{ agencyId: a.id, role: 'lead' }] },
      { label: 't4', assigned: [{ agencyId: a.id, role: 'lead' }], completed: true },
      { label: 't5', assigned: [{ agencyId: b.id, role: 'lead' }] },
      { label: 't6', assigned: [{ agencyId: b.id, role: 'lead' }] },
      { label: 't7', assigned: [{ agencyId: b.id, role: 'coordinator' }] },
      // Both predecessors coordinate the same task: the successor gets one row for it.
      {
        label: 't8',
        assigned: [
          { agencyId: a.id, role: 'coordinator' },
          { agencyId: b.id, role: 'coordinator' },
        ],
      },
    ]);
    userA = await addUser(db, 'bc.an', a.id);
    userB = await addUser(db, 'bc.binh', b.id);
    inactiveA = await addUser(db, 'cu.an', a.id, false);
    mergeInput = {
      kind: 'merge',
      effectiveOn: '2025-09-01',
      legalBasis: { number: 'Nghị quyết 999/2025/QH15', date: '2025-08-15' },
      predecessorIds: [a.id, b.id],
      successors: [{ newAgency: { name: 'Tỉnh Thử Nghiệm An Bình', shortName: 'An Bình' } }],
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('previews what a merge moves without writing anything', async () => {
    const before = await tableCounts(t.handle.db);
    const preview = await previewRestructuring(deps(), STANDING_OFFICE, mergeInput);
    expect(preview.lastDayOfPredecessors).toBe('2025-08-31');
    expect(preview.successors).toEqual([expect.objectContaining({ name: 'Tỉnh Thử Nghiệm An Bình', isNew: true })]);
    expect(
      preview.perPredecessor.map((p) => [
        p.predecessor.name,
        p.transfers[0]?.count,
        p.completed.count,
        p.untransferred.count,
      ]),
    ).toEqual([
      ['Tỉnh Thử Nghiệm An', 4, 1, 0],
      ['Tỉnh Thử Nghiệm Bình', 4, 0, 0],
    ]);
    expect(preview.perPredecessor[0]?.completed.sample.map((s) => s.taskId)).toEqual([taskIds.get('t4')]);
    expect(preview.users.moving.map((m) => [m.from.name, m.count, m.sample.map((u) => u.loginName)])).toEqual([
      ['Tỉnh Thử Nghiệm An', 1, ['bc.an']],
      ['Tỉnh Thử Nghiệm Bình', 1, ['bc.binh']],
    ]);
    expect(preview.aliases.map((x) => `${x.kind}:${x.alias}`)).toEqual([
      'official-name:Tỉnh Thử Nghiệm An Bình',
      'short-name:An Bình',
      'former-name:Tỉnh Thử Nghiệm An',
      'former-name:Tỉnh Thử Nghiệm Bình',
    ]);
    expect(preview.counts).toEqual({
      transferred: 8,
      completedStaying: 1,
      untransferred: 0,
      usersMoved: 2,
      usersStaying: 0,
      aliasesAdded: 4,
    });
    expect(await tableCounts(t.handle.db)).toEqual(before);
  });

  it('refuses callers other than the standing office and invalid events', async () => {
    await expect(previewRestructuring(deps(), REPORTER, mergeInput)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const invalid = previewRestructuring(deps(), STANDING_OFFICE, {
      ...mergeInput,
      predecessorIds: [a.id],
    });
    await expect(invalid).rejects.toBeInstanceOf(AppError);
    await expect(invalid).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { problems: ['Một cơ quan chuyển thành một cơ quan mới là đổi tên, không phải hợp nhất.'] },
    });
  });

  it('gives as-of figures per predecessor before the effective date', async () => {
    const before = await countAssignmentsByAgency(t.handle.db, {
      mode: 'as-constituted',
      asOf: '2025-08-31',
      agencyIds: [a.id, b.id],
    });
    expect(figuresOf(before)).toEqual({ 'Tỉnh Thử Nghiệm An': [5, 5], 'Tỉnh Thử Nghiệm Bình': [4, 4] });
  });

  it('applies a merge: open assignments and logins move, completed work stays, history is kept', async () => {
    const db = t.handle.db;
    const result = await createRestructuring(deps(), STANDING_OFFICE, { ...mergeInput, mode: 'apply' });
    expect(result.alreadyApplied).toBe(false);
    expect(result.event).toMatchObject({ status: 'applied', effectiveOn: '2025-09-01', appliedBy: 'u-vptt' });
    expect(result.event.counts).toMatchObject({ transferred: 8, completedStaying: 1, usersMoved: 2 });
    const c = result.event.successors[0];
    expect(c).toMatchObject({ name: 'Tỉnh Thử Nghiệm An Bình', validFrom: '2025-09-01', isNew: true });
    const cId = c?.id ?? '';
    const label = (id: string) => [...taskIds.entries()].find(([, v]) => v === id)?.[0];

    expect((await activeAssignments(db, cId)).map((r) => `${label(r.taskId)}:${r.role}`).sort()).toEqual([
      't1:lead',
      't2:lead',
      't3:lead',
      't5:lead',
      't6:lead',
      't7:coordinator',
      't8:coordinator',
    ]);
    expect((await activeAssignments(db, a.id)).map((r) => label(r.taskId))).toEqual(['t4']);
    expect(await activeAssignments(db, b.id)).toEqual([]);

    const validity = await queryRows<{ id: string; valid_from: string | null; valid_to: string | null }>(
      db,
      sql`select id, valid_from, valid_to from agencies where id in (${a.id}, ${b.id}, ${cId}) order by name`,
    );
    expect(validity.map((v) => [v.id, v.valid_from, v.valid_to])).toEqual([
      [a.id, null, '2025-08-31'],
      [cId, '2025-09-01', null],
      [b.id, null, '2025-08-31'],
    ]);
    const links = await queryRows<{ predecessor_id: string; event_id: string }>(
      db,
      sql`select predecessor_id, event_id from agency_successions where successor_id = ${cId} order by predecessor_id`,
    );
    expect(links).toEqual([a.id, b.id].sort().map((id) => ({ predecessor_id: id, event_id: result.event.id })));

    const moved = await queryRows<{ id: string; agency_id: string }>(
      db,
      sql`select id, agency_id from users where id in (${userA}, ${userB}, ${inactiveA}) order by login_name`,
    );
    expect(Object.fromEntries(moved.map((u) => [u.id, u.agency_id]))).toEqual({
      [userA]: cId,
      [userB]: cId,
      [inactiveA]: a.id,
    });

    const audits = await queryRows<{
      before: { agencyId: string; assignmentIds: string[] };
      after: { agencyId: string };
    }>(
      db,
      sql`select before, after from audit_log where action = 'agency.restructure.transfer' and entity_id = ${result.event.id}
          order by id`,
    );
    expect(audits.map((x) => [x.before.agencyId, x.before.assignmentIds.length, x.after.agencyId])).toEqual([
      [a.id, 4, cId],
      [b.id, 4, cId],
    ]);

    // The old name now also denotes the successor, from the effective date on.
    const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(db));
    expect(resolver.resolve('Tỉnh Thử Nghiệm An', '2025-08-31').agency?.id).toBe(a.id);
    expect(resolver.resolve('tinh thu nghiem an', '2025-09-02').agency?.id).toBe(cId);
    expect(resolver.rollUp(a.id, '2025-09-01').map((x) => x.id)).toEqual([cId]);
  });

  it('shows as-of figures that differ exactly across the effective date', async () => {
    const db = t.handle.db;
    const [cId] = (
      await queryRows<{ id: string }>(db, sql`select id from agencies where name = 'Tỉnh Thử Nghiệm An Bình'`)
    ).map((r) => r.id);
    const ids = [a.id, b.id, cId ?? ''];
    const before = await countAssignmentsByAgency(db, { mode: 'as-constituted', asOf: '2025-08-31', agencyIds: ids });
    expect(figuresOf(before)).toEqual({ 'Tỉnh Thử Nghiệm An': [5, 5], 'Tỉnh Thử Nghiệm Bình': [4, 4] });
    const after = await countAssignmentsByAgency(db, { mode: 'as-constituted', asOf: '2025-09-01', agencyIds: ids });
    // 7 rows the successor holds (t8 once) + the completed t4 that stays with An, shown under today's agency.
    expect(figuresOf(after)).toEqual({ 'Tỉnh Thử Nghiệm An Bình': [8, 8] });
    const rolledUp = await countAssignmentsByAgency(db, {
      mode: 'rolled-up',
      asOf: '2025-08-31',
      today: '2025-10-01',
      agencyIds: ids,
    });
    // The August figures (9 rows, 8 tasks: t8 was held twice) rolled up to today's agency.
    expect(figuresOf(rolledUp)).toEqual({ 'Tỉnh Thử Nghiệm An Bình': [9, 8] });

    const asConstituted = await groupAgencyIds(db, ids, { mode: 'as-constituted', asOf: '2025-08-31' });
    expect(ids.map((id) => asConstituted.get(id)?.state)).toEqual(['current', 'current', 'not-established']);
    expect((await agencyViewOf(db, a.id, { rollUp: true, today: '2025-10-01' })).id).toBe(cId);
  });

  it('changes nothing when the same apply is retried', async () => {
    const before = await tableCounts(t.handle.db);
    const again = await createRestructuring(deps(), STANDING_OFFICE, { ...mergeInput, mode: 'apply' });
    expect(again.alreadyApplied).toBe(true);
    expect(again.event.status).toBe('applied');
    expect(await tableCounts(t.handle.db)).toEqual(before);
  });

  it('refuses to discard an applied event and undoes it only through a reversing event', async () => {
    const db = t.handle.db;
    const eventId = (await createRestructuring(deps(), STANDING_OFFICE, { ...mergeInput, mode: 'apply' })).event.id;
    await expect(discardRestructuring(deps(), STANDING_OFFICE, eventId)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'restructuring-applied' },
    });
    const reversal = await reverseRestructuring(deps(), STANDING_OFFICE, eventId, {
      legalBasis: { number: 'Nghị quyết 1000/2025/QH15' },
    });
    expect(reversal.event).toMatchObject({ status: 'applied', kind: 'split', reversesEventId: eventId });
    expect((await activeAssignments(db, a.id)).length).toBe(5);
    expect((await activeAssignments(db, b.id)).length).toBe(4);
    const agencyRows = await queryRows<{ name: string; valid_from: string | null; valid_to: string | null }>(
      db,
      sql`select name, valid_from, valid_to from agencies where name like 'Tỉnh Thử Nghiệm%' order by name`,
    );
    expect(agencyRows.map((r) => [r.name, r.valid_to])).toEqual([
      ['Tỉnh Thử Nghiệm An', null],
      ['Tỉnh Thử Nghiệm An Bình', '2025-08-31'],
      ['Tỉnh Thử Nghiệm Bình', null],
    ]);
    const back = await queryRows<{ agency_id: string }>(db, sql`select agency_id from users where id = ${userA}`);
    expect(back[0]?.agency_id).toBe(a.id);
    const after = await countAssignmentsByAgency(db, {
      mode: 'as-constituted',
      asOf: '2025-09-01',
      agencyIds: [a.id, b.id],
    });
    expect(figuresOf(after)).toEqual({ 'Tỉnh Thử Nghiệm An': [5, 5], 'Tỉnh Thử Nghiệm Bình': [4, 4] });
    // Retrying the reversal, or the original apply, changes nothing more.
    const counts = await tableCounts(db);
    expect(
      (await reverseRestructuring(deps(), STANDING_OFFICE, eventId, { legalBasis: { number: 'x 1/2025' } }))
        .alreadyApplied,
    ).toBe(true);
    await expect(createRestructuring(deps(), STANDING_OFFICE, { ...mergeInput, mode: 'apply' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await tableCounts(db)).toEqual(counts);
  });

  it('records a draft, discards it, and never applies a discarded draft', async () => {
    const db = t.handle.db;
    const d = await addAgency(db, 'D', 'Tỉnh Thử Nghiệm Đông');
    const before = await tableCounts(db);
    const draft = await createRestructuring(deps(), STANDING_OFFICE, {
      kind: 'rename',
      effectiveOn: '2025-10-01',
      legalBasis: { number: 'Quyết định 1/QĐ-TTg' },
      predecessorIds: [d.id],
      successors: [{ newAgency: { name: 'Tỉnh Thử Nghiệm Đông Mới' } }],
      mode: 'draft',
    });
    expect(draft.event).toMatchObject({ status: 'draft', counts: null });
    expect(await activeAssignments(db, d.id)).toEqual([]);
    const discarded = await discardRestructuring(deps(), STANDING_OFFICE, draft.event.id);
    expect(discarded.status).toBe('discarded');
    const after = await tableCounts(db);
    // Only the draft's audit rows (record, discard) and the fixture agency's own rows were added.
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect((after?.audit ?? 0) - (before?.audit ?? 0)).toBe(2);
  });

  it('splits an agency: named assignments go to their successor, the rest and the accounts stay', async () => {
    const db = t.handle.db;
    const s = await addAgency(db, 'S', 'Tỉnh Thử Nghiệm Sông');
    const ids = await addTasks(db, 'split', [
      { label: 's1', assigned: [{ agencyId: s.id, role: 'lead' }] },
      { label: 's2', assigned: [{ agencyId: s.id, role: 'lead' }] },
      { label: 's3', assigned: [{ agencyId: s.id, role: 'lead' }], completed: true },
    ]);
    await addUser(db, 'bc.song', s.id);
    const s2Assignment = stableId('test-assignment', `${ids.get('s2')}|${s.id}|lead`);
    const result = await createRestructuring(deps(), STANDING_OFFICE, {
      kind: 'split',
      effectiveOn: '2025-09-01',
      legalBasis: { number: 'Nghị quyết 998/2025/QH15' },
      predecessorIds: [s.id],
      successors: [{ newAgency: { name: 'Tỉnh Thử Nghiệm Thượng' } }, { newAgency: { name: 'Tỉnh Thử Nghiệm Hạ' } }],
      transfers: { byAssignment: { [s2Assignment]: 1 } },
      mode: 'apply',
    });
    expect(result.event.counts).toMatchObject({
      transferred: 1,
      untransferred: 1,
      completedStaying: 1,
      usersStaying: 1,
    });
    const ha = result.event.successors[1]?.id ?? '';
    expect((await activeAssignments(db, ha)).map((r) => r.taskId)).toEqual([ids.get('s2')]);
    const rolledUp = await countAssignmentsByAgency(db, {
      mode: 'rolled-up',
      asOf: '2025-10-01',
      today: '2025-10-01',
      agencyIds: [s.id, ...result.event.successors.map((x) => x.id)],
    });
    expect(figuresOf(rolledUp)).toEqual({
      'Tỉnh Thử Nghiệm Hạ': [1, 1],
      'Tỉnh Thử Nghiệm Sông (đã giải thể/chia tách)': [2, 2],
    });
  });

  it('rolls Hà Tĩnh up to itself and Bắc Kạn into Thái Nguyên in a grouped count of the imported seed tasks', async () => {
    const db = t.handle.db;
    const bytes = fs.readFileSync('fixtures/seeds/001_da84f1939d876bb4.txt');
    const imported = await runImport(
      { db, storage: createMemoryFileStorage(), clock },
      [{ fileName: '001_da84f1939d876bb4.txt', bytes }],
      { dryRun: false },
    );
    expect(imported.summary.errors).toBe(0);
    const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(db));
    const haTinh = resolver.resolve('Hà Tĩnh', '2025-06-30').agency?.id ?? '';
    const bacKan = resolver.resolve('Bắc Kạn', '2025-06-30').agency?.id ?? '';
    const oldThaiNguyen = resolver.resolve('Thái Nguyên', '2025-06-30').agency?.id ?? '';
    const thaiNguyen = resolver.resolve('Thái Nguyên', '2025-07-01').agency?.id ?? '';
    expect(new Set([haTinh, bacKan, oldThaiNguyen, thaiNguyen]).size).toBe(4);
    const tasksOf = async (agencyIds: string[]) => {
      const [row] = await queryRows<{ n: number }>(
        db,
        sql`select count(distinct task_id)::int as n from assignments
            where is_active and agency_id in (${sql.join(
              agencyIds.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      );
      return row?.n ?? 0;
    };
    const expectedHaTinh = await tasksOf([haTinh]);
    const expectedBacKan = await tasksOf([bacKan]);
    const expectedThaiNguyen = await tasksOf([bacKan, oldThaiNguyen, thaiNguyen]);
    expect(expectedHaTinh).toBeGreaterThan(0);
    expect(expectedBacKan).toBeGreaterThan(0);

    const scope = [haTinh, bacKan, oldThaiNguyen, thaiNguyen];
    const june = await countAssignmentsByAgency(db, { mode: 'as-constituted', asOf: '2025-06-30', agencyIds: scope });
    expect(june.find((f) => f.agency.id === bacKan)?.tasks).toBe(expectedBacKan);
    expect(june.find((f) => f.agency.id === haTinh)?.tasks).toBe(expectedHaTinh);
    const rolled = await countAssignmentsByAgency(db, {
      mode: 'rolled-up',
      asOf: '2025-06-30',
      today: '2025-07-18',
      agencyIds: scope,
    });
    expect(rolled.map((f) => [f.agency.name, f.tasks])).toEqual([
      ['Tỉnh Hà Tĩnh', expectedHaTinh],
      ['Tỉnh Thái Nguyên', expectedThaiNguyen],
    ]);
    const grouped = await groupAgencyIds(db, [haTinh, bacKan], { mode: 'rolled-up', today: '2025-07-18' });
    expect(grouped.get(haTinh)).toMatchObject({ id: haTinh, state: 'current' });
    expect(grouped.get(bacKan)).toMatchObject({ id: thaiNguyen, state: 'successor' });
  });
  it('serves preview and apply over HTTP to the standing office only, and retries change nothing', async () => {
    const db = t.handle.db;
    const m = await addAgency(db, 'M', 'Tỉnh Thử Nghiệm Mai');
    const n = await addAgency(db, 'N', 'Tỉnh Thử Nghiệm Nam');
    await addTasks(db, 'http', [
      { label: 'h1', assigned: [{ agencyId: m.id, role: 'lead' }] },
      { label: 'h2', assigned: [{ agencyId: n.id, role: 'lead' }] },
    ]);
    const body = {
      kind: 'merge',
      effectiveOn: '2025-11-01',
      legalBasis: { number: 'Nghị quyết 997/2025/QH15' },
      predecessorIds: [m.id],
      successors: [{ agencyId: n.id }],
    };
    const office = await createUserAndLogin(t.app, db, { role: 'standing-office', agencyId: n.id });
    const reporter = await createUserAndLogin(t.app, db, { role: 'reporter', agencyId: m.id });
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/restructurings/preview',
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/restructurings',
      headers: reporter.headers,
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);

    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/restructurings/preview',
      headers: office.headers,
      payload: body,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      successors: [{ id: n.id, isNew: false }],
      counts: { transferred: 1, usersMoved: 1 },
      aliases: [{ agencyId: n.id, alias: 'Tỉnh Thử Nghiệm Mai', kind: 'former-name' }],
    });

    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/restructurings',
      headers: office.headers,
      payload: body,
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ alreadyApplied: false, event: { status: 'applied' } });
    expect((await activeAssignments(db, n.id)).length).toBe(2);
    const reporterNow = await queryRows<{ agency_id: string }>(
      db,
      sql`select agency_id from users where id = ${reporter.user.id}`,
    );
    expect(reporterNow[0]?.agency_id).toBe(n.id);

    const counts = await tableCounts(db);
    const retried = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/restructurings',
      headers: office.headers,
      payload: body,
    });
    expect(retried.json()).toMatchObject({ alreadyApplied: true });
    expect(await tableCounts(db)).toEqual(counts);

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agencies/restructurings?agencyId=${encodeURIComponent(m.id)}`,
      headers: reporter.headers,
    });
    expect(history.json().items.map((e: { legalBasis: { number: string } }) => e.legalBasis.number)).toEqual([
      'Nghị quyết 997/2025/QH15',
    ]);
  });

  it('runs `tiendo agencies restructure` as a dry run and for real, with --json', async () => {
    const db = t.handle.db;
    const p = await addAgency(db, 'P', 'Tỉnh Thử Nghiệm Phú');
    const q = await addAgency(db, 'Q', 'Tỉnh Thử Nghiệm Quý');
    await addTasks(db, 'cli', [{ label: 'c1', assigned: [{ agencyId: p.id, role: 'lead' }] }]);
    const run = async (args: string[]) => {
      const output: string[] = [];
      const ctx: CliContext = {
        config: loadConfig({ dataDir: 'memory://' }),
        json: true,
        io: { out: (text) => output.push(text), err: (text) => output.push(text) },
        openMigratedDatabase: async () => ({ ...t.handle, close: async () => {} }),
        print: (result) => output.push(JSON.stringify(result)),
      };
      const code = await agenciesRestructureCommand.run(ctx, args);
      return { code, json: JSON.parse(output.join('')) as Record<string, unknown> };
    };
    const args = [
      '--kind',
      'merge',
      '--from',
      `${p.id},${q.id}`,
      '--into',
      'Tỉnh Thử Nghiệm Phú Quý',
      '--effective',
      '2025-12-01',
      '--basis',
      'Nghị quyết 996/2025/QH15 ngày 20/11/2025',
    ];
    const dry = await run([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.json).toMatchObject({
      legalBasis: { number: 'Nghị quyết 996/2025/QH15 ngày 20/11/2025', date: '2025-11-20' },
      successors: [{ name: 'Tỉnh Thử Nghiệm Phú Quý', isNew: true }],
      counts: { transferred: 1 },
    });
    expect(await activeAssignments(db, p.id)).toHaveLength(1);
    const real = await run(args);
    expect(real).toMatchObject({ code: 0, json: { alreadyApplied: false, event: { status: 'applied' } } });
    expect(await activeAssignments(db, p.id)).toHaveLength(0);
    expect(await run(args)).toMatchObject({ code: 0, json: { alreadyApplied: true } });
    expect(await run(['--kind', 'merge'])).toMatchObject({ code: 2, json: { ok: false, error: { code: 'USAGE' } } });
  });
});

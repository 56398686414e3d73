import type { CliContext } from '@server/cli/cli-context';
import { loadConfig } from '@server/config/env';
import { buildTestApp, type TestApp } from '@test/test-app';
import { agencyIdByName, createUserAndLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agenciesListCommand, agenciesLoadReferenceCommand, agenciesResolveCommand } from './agencies.cli';
import { loadReferenceAgencies } from './agencies.service';
import {
  type AgencyRegisterSnapshot,
  buildAgencyRegisterSnapshotFromReference,
  createAgencyResolver,
  loadAgencyRegisterSnapshot,
} from './agency-resolver';

function sortedSnapshot(s: AgencyRegisterSnapshot): AgencyRegisterSnapshot {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
  return {
    agencies: [...s.agencies]
      .map((a) => ({ ...a, aliases: [...a.aliases].sort((x, y) => (x.folded < y.folded ? -1 : 1)) }))
      .sort(byId),
    successions: [...s.successions].sort(byId),
    groups: [...s.groups].sort(byId),
  };
}

describe.skipIf(shouldSkipDbTests())('agency register in the database', () => {
  let t: TestApp;
  const reference = buildAgencyRegisterSnapshotFromReference();
  const resolver = createAgencyResolver(reference, { today: () => '2025-07-18' });
  const idOf = (name: string, asOf = '2025-07-18') => resolver.resolve(name, asOf).agency?.id ?? '';

  function cliContext(json = true): { ctx: CliContext; output: string[] } {
    const output: string[] = [];
    const ctx: CliContext = {
      config: loadConfig({ dataDir: 'memory://' }),
      json,
      io: { out: (text) => output.push(text), err: (text) => output.push(text) },
      // The test database stays open for the other tests; the command's close is a no-op here.
      openMigratedDatabase: async () => ({ ...t.handle, close: async () => {} }),
      print: (result, human) => output.push(json ? JSON.stringify(result) : human()),
    };
    return { ctx, output };
  }

  // Every agency route needs a signed-in user; a reporter of a ministry reads the register like anyone else.
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    // The test template ships with the register loaded; these tests load it themselves into an empty one.
    await t.handle.db.execute(
      sql.raw('truncate agency_successions, agency_aliases, agency_groups, agencies restart identity cascade'),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports what a dry run would create and writes nothing', async () => {
    const result = await loadReferenceAgencies(t.handle.db, { dryRun: true });
    expect(result).toMatchObject({
      dryRun: true,
      created: reference.agencies.length,
      updated: 0,
      unchanged: 0,
      groups: reference.groups.length,
      successions: reference.successions.length,
    });
    expect((await loadAgencyRegisterSnapshot(t.handle.db)).agencies).toHaveLength(0);
  });

  it('loads the reference register once; a second load changes nothing', async () => {
    const first = await loadReferenceAgencies(t.handle.db);
    expect(first.created).toBe(reference.agencies.length);
    expect(first.total.successions).toBe(64);
    const second = await loadReferenceAgencies(t.handle.db);
    expect(second).toMatchObject({
      dryRun: false,
      created: 0,
      updated: 0,
      unchanged: reference.agencies.length,
      aliases: 0,
      groups: 0,
      successions: 0,
    });
  });

  it('reads back exactly the snapshot built from reference/', async () => {
    const agencyId = await agencyIdByName(t.handle.db, 'Bộ Công an');
    headers = (await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId })).headers;
    const loaded = await loadAgencyRegisterSnapshot(t.handle.db);
    expect(sortedSnapshot(loaded)).toEqual(sortedSnapshot(reference));
    const fromDb = createAgencyResolver(loaded, { today: () => '2025-07-18' });
    expect(fromDb.resolve('Các bộ, ngành, địa phương', '2025-06-30').group?.members).toHaveLength(85);
    expect(fromDb.rollUp(idOf('Bắc Kạn')).map((a) => a.name)).toEqual(['Tỉnh Thái Nguyên']);
  });

  it('updates an agency that was changed by hand back to the reference', async () => {
    const { agencies } = await import('@server/db/schema/agencies');
    const { eq } = await import('drizzle-orm');
    await t.handle.db
      .update(agencies)
      .set({ name: 'Bộ Y tế (sửa tay)' })
      .where(eq(agencies.id, idOf('Bộ Y tế')));
    const result = await loadReferenceAgencies(t.handle.db);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const [row] = await t.handle.db
      .select()
      .from(agencies)
      .where(eq(agencies.id, idOf('Bộ Y tế')));
    expect(row?.name).toBe('Bộ Y tế');
  });

  it('GET /agencies searches every alias without diacritics', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/agencies?q=bo%20khcn', headers });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((a: { name: string }) => a.name);
    expect(names).toContain('Bộ Khoa học và Công nghệ');
    const haTinh = await t.app.inject({ method: 'GET', url: '/api/v1/agencies?q=ha%20tinh&kind=province', headers });
    expect(haTinh.json().items.map((a: { name: string }) => a.name)).toEqual(['Tỉnh Hà Tĩnh']);
  });

  it('GET /agencies lists the provinces as constituted on a date', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies?kind=province&asOf=2025-06-30',
      headers,
    });
    expect(before.json().total).toBe(63);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies?kind=province&asOf=2025-07-01&pageSize=500',
      headers,
    });
    expect(after.json()).toMatchObject({ total: 34, page: 1, pageSize: 500 });
    expect(after.json().items[0]).toMatchObject({ name: 'Thành phố Hà Nội', kind: 'province', validTo: null });
    const communes = await t.app.inject({
      method: 'GET',
      url: `/api/v1/agencies?parentId=${idOf('Hà Nội')}&kind=commune&asOf=2025-07-01`,
      headers,
    });
    expect(communes.json().total).toBe(126);
  });

  it('GET /agencies?assignedOnly reads "false" as false', async () => {
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies?kind=ministry&assignedOnly=false',
      headers,
    });
    expect(all.json().total).toBeGreaterThan(0);
    const assigned = await t.app.inject({
      method: 'GET',
      url: '/api/v1/agencies?kind=ministry&assignedOnly=true',
      headers,
    });
    expect(assigned.json().total).toBe(0);
  });

  it('GET /agencies/:id shows aliases, parent, predecessors and successors', async () => {
    const bacKan = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${idOf('Bắc Kạn')}`, headers });
    expect(bacKan.statusCode).toBe(200);
    expect(bacKan.json()).toMatchObject({
      name: 'Tỉnh Bắc Kạn',
      code: '06',
      validTo: '2025-06-30',
      predecessors: [],
      successors: [{ agency: { name: 'Tỉnh Thái Nguyên' }, effectiveOn: '2025-07-01', kind: 'merge' }],
    });
    const thaiNguyen = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${idOf('Thái Nguyên')}`, headers });
    expect(
      thaiNguyen
        .json()
        .predecessors.map((p: { agency: { name: string } }) => p.agency.name)
        .sort(),
    ).toEqual(['Tỉnh Bắc Kạn', 'Tỉnh Thái Nguyên']);
    expect(thaiNguyen.json().childCount).toBe(92);
    const department = await t.app.inject({ method: 'GET', url: `/api/v1/agencies/${idOf('Sở Tài chính')}`, headers });
    expect(department.json()).toMatchObject({
      parent: { name: 'Thành phố Hồ Chí Minh', validFrom: '2025-07-01' },
      aliases: expect.arrayContaining([{ alias: 'Sở Tài chính', kind: 'relative' }]),
    });
  });

  it('GET /agencies/:id answers an unknown id with a coded 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/agencies/khong-co', headers });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy cơ quan.' });
  });

  it('documents the agency routes in OpenAPI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/agencies', '/api/v1/agencies/{id}']),
    );
  });

  it('tiendo agencies resolve --json prints {input, agency, group}', async () => {
    const { ctx, output } = cliContext();
    const code = await agenciesResolveCommand.run(ctx, [
      'Bộ KH&CN',
      'Các địa phương',
      'Bộ Không Có',
      '--as-of',
      '2025-06-30',
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(output[0] ?? '[]');
    expect(results[0]).toEqual({
      input: 'Bộ KH&CN',
      agency: { id: idOf('Bộ Khoa học và Công nghệ'), name: 'Bộ Khoa học và Công nghệ', kind: 'ministry' },
      group: null,
    });
    expect(results[1].agency).toBeNull();
    expect(results[1].group).toHaveLength(63);
    expect(results[1].group).toContain('Tỉnh Bắc Kạn');
    expect(results[2]).toEqual({ input: 'Bộ Không Có', agency: null, group: null });
  });

  it('tiendo agencies list --kind province --as-of prints the agencies valid that day', async () => {
    const { ctx, output } = cliContext();
    expect(await agenciesListCommand.run(ctx, ['--kind', 'province', '--as-of=2025-07-01'])).toBe(0);
    const items = JSON.parse(output[0] ?? '[]');
    expect(items).toHaveLength(34);
    expect(items[0]).toMatchObject({ name: 'Thành phố Hà Nội', code: '01', kind: 'province' });
  });

  it('tiendo agencies load-reference --dry-run --json prints the counts; bad options exit 2', async () => {
    const { ctx, output } = cliContext();
    expect(await agenciesLoadReferenceCommand.run(ctx, ['--dry-run'])).toBe(0);
    expect(JSON.parse(output[0] ?? '{}')).toMatchObject({ dryRun: true, created: 0, updated: 0 });
    const bad = cliContext();
    expect(await agenciesListCommand.run(bad.ctx, ['--kind', 'tinh'])).toBe(2);
    expect(JSON.parse(bad.output[0] ?? '{}')).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});

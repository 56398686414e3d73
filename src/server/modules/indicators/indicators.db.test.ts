import { fixedClock } from '@server/lib/clock';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import type { AgencyTarget, EvaluationResponse, Indicator, IndicatorValue } from '@shared/contracts/indicators';
import { buildTestApp, type TestApp } from '@test/test-app';
import { createUserAndLogin, type TestLogin } from '@test/test-auth';
import { shouldSkipDbTests } from '@test/test-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CODE = 'DVC_TOAN_TRINH';
const API = '/api/v1';

describe.skipIf(shouldSkipDbTests())('indicators: registration, values, evaluation over the API', () => {
  let t: TestApp;
  let office: TestLogin;
  let haTinhReporter: TestLogin;
  let ngheAnReporter: TestLogin;
  let viewer: TestLogin;
  const ids: Record<string, string> = {};

  const call = async (
    login: TestLogin | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => {
    const response = await t.app.inject({
      method,
      url: `${API}${url}`,
      ...(login ? { headers: login.headers } : {}),
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    // 10/3/2025: inside the registration window the test opens (1/3–31/3/2025).
    t = await buildTestApp({ clock: fixedClock('2025-03-10T03:00:00Z') });
    const resolver = createAgencyResolver(await loadAgencyRegisterSnapshot(t.handle.db));
    for (const [key, name, day] of [
      ['haTinh', 'Hà Tĩnh', '2025-06-30'],
      ['ngheAn', 'Nghệ An', '2025-06-30'],
      ['quangNinh', 'Quảng Ninh', '2025-06-30'],
      ['bacKan', 'Bắc Kạn', '2025-06-30'],
      ['oldThaiNguyen', 'Thái Nguyên', '2025-06-30'],
      ['newThaiNguyen', 'Thái Nguyên', '2025-07-18'],
      ['vpTW', 'Văn phòng Trung ương Đảng', '2025-06-30'],
    ] as const) {
      ids[key] = resolver.resolve(name, day).agency?.id as string;
    }
    office = await createUserAndLogin(t.app, t.handle.db, { role: 'standing-office', agencyId: ids.vpTW as string });
    haTinhReporter = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: ids.haTinh as string });
    ngheAnReporter = await createUserAndLogin(t.app, t.handle.db, { role: 'reporter', agencyId: ids.ngheAn as string });
    viewer = await createUserAndLogin(t.app, t.handle.db, { role: 'viewer', agencyId: ids.vpTW as string });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the catalogue of the seeds with national targets, units and rate components', async () => {
    const { status, body } = await call(viewer, 'GET', '/indicators');
    expect(status).toBe(200);
    const items = body.items as Indicator[];
    expect(items.map((i) => i.code).sort()).toEqual([
      'CHI_NSNN_KHCN_CDS',
      'CHI_RD_GDP',
      'DVC_TOAN_TRINH',
      'DVC_TRUC_TUYEN',
      'VNEID_KICH_HOAT',
    ]);
    const dvc = items.find((i) => i.code === CODE);
    expect(dvc).toMatchObject({
      unit: 'percent',
      frequency: 'monthly',
      isCumulative: true,
      direction: 'higher-better',
    });
    expect(dvc?.numeratorLabel).toBe('Số hồ sơ trực tuyến toàn trình');
    expect(dvc?.nationalTargets).toMatchObject([{ year: 2025, value: 80, status: 'adopted' }]);
    expect(items.find((i) => i.code === 'CHI_NSNN_KHCN_CDS')?.nationalTargets).toMatchObject([
      { year: 2025, value: 3 },
    ]);
    expect(items.find((i) => i.code === 'CHI_RD_GDP')?.nationalTargets).toMatchObject([
      { year: 2030, value: 1.5, valueMax: 2 },
    ]);
    expect(items.find((i) => i.code === 'VNEID_KICH_HOAT')?.nationalTargets).toMatchObject([
      { value: 70_000_000, status: 'proposed' },
    ]);
    expect(items.find((i) => i.code === 'CHI_RD_GDP')?.links.map((l) => l.directiveKey)).toEqual(['57-NQ/TW']);
    expect((await call(null, 'GET', '/indicators')).status).toBe(401);
  });

  it('lets agencies register targets only inside the window, then needs the standing office to approve changes', async () => {
    const register = (login: TestLogin, agencyId: string, value: number) =>
      call(login, 'POST', `/indicators/${CODE}/targets`, { agencyId, period: '2025-06', value });
    expect((await register(haTinhReporter, ids.haTinh as string, 40)).body.code).toBe('INDICATOR_REGISTRATION_CLOSED');
    expect(
      (
        await call(haTinhReporter, 'PUT', `/indicators/${CODE}/registration/2025`, {
          opensOn: '2025-03-01',
          closesOn: '2025-03-31',
        })
      ).status,
    ).toBe(403);
    const opened = await call(office, 'PUT', `/indicators/${CODE}/registration/2025`, {
      opensOn: '2025-03-01',
      closesOn: '2025-03-31',
    });
    expect(opened.body).toMatchObject({ state: 'open', opensOn: '2025-03-01' });

    expect((await register(haTinhReporter, ids.haTinh as string, 40)).status).toBe(201);
    const second = await register(haTinhReporter, ids.haTinh as string, 45);
    expect(second.body).toMatchObject({ value: 45, version: 2, state: 'active', source: 'agency' });
    expect((await register(haTinhReporter, ids.ngheAn as string, 45)).status).toBe(403);
    expect((await register(viewer, ids.haTinh as string, 45)).status).toBe(403);

    expect((await call(office, 'POST', `/indicators/${CODE}/registration/2025/lock`)).body).toMatchObject({
      state: 'locked',
    });
    expect((await register(haTinhReporter, ids.haTinh as string, 50)).body.code).toBe('INDICATOR_TARGETS_LOCKED');
    const request = await call(haTinhReporter, 'POST', `/indicators/${CODE}/target-changes`, {
      agencyId: ids.haTinh,
      period: '2025-06',
      value: 50,
      reason: 'Hệ thống một cửa mới vận hành từ tháng 5',
    });
    expect(request.body).toMatchObject({ state: 'pending', version: 3, value: 50 });
    const duplicate = await call(haTinhReporter, 'POST', `/indicators/${CODE}/target-changes`, {
      agencyId: ids.haTinh,
      period: '2025-06',
      value: 55,
      reason: 'Đề nghị thứ hai',
    });
    expect(duplicate.status).toBe(409);
    const queue = await call(office, 'GET', '/indicator-target-changes');
    expect((queue.body.items as AgencyTarget[]).map((i) => i.value)).toEqual([50]);
    expect(
      (await call(haTinhReporter, 'POST', `/indicator-target-changes/${request.body.id}/approve`, {})).status,
    ).toBe(403);
    const approved = await call(office, 'POST', `/indicator-target-changes/${request.body.id}/approve`, {
      note: 'Đồng ý',
    });
    expect(approved.body).toMatchObject({ state: 'active', decisionNote: 'Đồng ý' });
    expect((await call(office, 'POST', `/indicator-target-changes/${request.body.id}/approve`, {})).status).toBe(409);

    const history = await call(viewer, 'GET', `/indicators/${CODE}/targets?agencyId=${ids.haTinh}&history=true`);
    expect((history.body.items as AgencyTarget[]).map((i) => [i.version, i.value, i.state])).toEqual([
      [1, 40, 'superseded'],
      [2, 45, 'superseded'],
      [3, 50, 'active'],
    ]);
    const rejected = await call(haTinhReporter, 'POST', `/indicators/${CODE}/target-changes`, {
      agencyId: ids.haTinh,
      period: '2025-06',
      value: 20,
      reason: 'Giảm chỉ tiêu',
    });
    expect(
      (await call(office, 'POST', `/indicator-target-changes/${rejected.body.id}/reject`, { note: 'Không có căn cứ' }))
        .body,
    ).toMatchObject({
      state: 'rejected',
    });
    const active = await call(viewer, 'GET', `/indicators/${CODE}/targets?agencyId=${ids.haTinh}`);
    expect((active.body.items as AgencyTarget[]).map((i) => i.value)).toEqual([50]);
  });

  it('takes values as numerator and denominator, demands an explanation of a miss, and keeps corrections as versions', async () => {
    const enter = (login: TestLogin, payload: object) => call(login, 'POST', `/indicators/${CODE}/values`, payload);
    const miss = await enter(haTinhReporter, {
      agencyId: ids.haTinh,
      period: '2025-06',
      numerator: 300,
      denominator: 1000,
    });
    expect(miss.status).toBe(422);
    expect(miss.body).toMatchObject({ code: 'SHORTFALL_EXPLANATION_REQUIRED', details: { target: 50, value: 30 } });
    const first = await enter(haTinhReporter, {
      agencyId: ids.haTinh,
      period: '2025-06',
      numerator: 300,
      denominator: 1000,
      shortfallReason: 'Người dân còn quen nộp trực tiếp',
      remedialAction: 'Bố trí hướng dẫn viên tại bộ phận một cửa',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ value: 30, numerator: 300, denominator: 1000, hasComponents: true, version: 1 });
    expect(
      (await enter(haTinhReporter, { agencyId: ids.haTinh, period: '2025-06', numerator: 1, denominator: 2 })).status,
    ).toBe(409);
    expect(
      (await enter(haTinhReporter, { agencyId: ids.haTinh, period: '2025-06', numerator: 2, denominator: 1 })).status,
    ).toBe(409);
    expect((await enter(ngheAnReporter, { agencyId: ids.haTinh, period: '2025-06', value: 10 })).status).toBe(403);
    expect(
      (await enter(ngheAnReporter, { agencyId: ids.ngheAn, period: '2025-06', numerator: 20, denominator: 10 })).body
        .code,
    ).toBe('VALIDATION_FAILED');
    const corrected = await call(haTinhReporter, 'POST', `/indicator-values/${first.body.id}/corrections`, {
      numerator: 520,
      denominator: 1000,
      correctionReason: 'Bổ sung hồ sơ của 2 xã',
    });
    expect(corrected.body).toMatchObject({ value: 52, version: 2, correctionReason: 'Bổ sung hồ sơ của 2 xã' });
    expect(
      (
        await call(haTinhReporter, 'POST', `/indicator-values/${first.body.id}/corrections`, {
          value: 1,
          correctionReason: 'Lần nữa',
        })
      ).status,
    ).toBe(409);
    const versions = await call(viewer, 'GET', `/indicators/${CODE}/values?agencyId=${ids.haTinh}&history=true`);
    expect((versions.body.items as IndicatorValue[]).map((v) => [v.version, v.value, v.isCurrent])).toEqual([
      [1, 30, false],
      [2, 52, true],
    ]);
    expect(
      (await enter(ngheAnReporter, { agencyId: ids.ngheAn, period: '2025-06', numerator: 50, denominator: 500 }))
        .status,
    ).toBe(201);
    // A rate reported without its components (as the seed does) is stored, flagged, and left out of aggregates.
    expect((await enter(office, { agencyId: ids.quangNinh, period: '2025-06', value: 40 })).body).toMatchObject({
      hasComponents: false,
    });
  });

  it('aggregates the bloc as Σnumerator ÷ Σdenominator, never as the mean of rates (hand-computed)', async () => {
    const { body } = await call(viewer, 'GET', `/indicator-evaluation?period=2025-06&indicator=${CODE}&bloc=provinces`);
    const result = body as unknown as EvaluationResponse;
    const provinces = result.blocs.find((b) => b.bloc === 'provinces');
    // Hà Tĩnh 520/1,000 and Nghệ An 50/500: 570/1,500 = 38 %. The mean of the three rates (52, 10, 40) would be 34 %,
    // of the two with components 31 %. Quảng Ninh (rate only) is excluded and counted.
    expect(provinces).toMatchObject({
      numerator: 570,
      denominator: 1500,
      included: 2,
      excludedWithoutComponents: 1,
      met: 1,
    });
    expect(provinces?.value).toBeCloseTo(38, 10);
    // Only Hà Tĩnh registered a target: weighted by its denominator it is its own 50.
    expect(provinces?.target).toBe(50);
    const haTinh = result.rows.find((r) => r.agencyId === ids.haTinh);
    expect(haTinh).toMatchObject({ target: 50, value: 52, met: true, rank: 1, explanationMissing: false });
    expect(result.rows.find((r) => r.agencyId === ids.ngheAn)).toMatchObject({
      status: 'no-target',
      target: null,
      rank: 3,
    });
  });

  it('rolls merged provinces up to today’s province with Σnum/Σden and denominator-weighted targets', async () => {
    await call(office, 'POST', `/indicators/${CODE}/targets`, {
      agencyId: ids.bacKan,
      period: '2025-06',
      value: 30,
      reason: 'Theo báo cáo của tỉnh',
    });
    await call(office, 'POST', `/indicators/${CODE}/targets`, {
      agencyId: ids.oldThaiNguyen,
      period: '2025-06',
      value: 60,
      reason: 'Theo báo cáo của tỉnh',
    });
    await call(office, 'POST', `/indicators/${CODE}/values`, {
      agencyId: ids.bacKan,
      period: '2025-06',
      numerator: 100,
      denominator: 400,
      shortfallReason: 'Chuẩn bị sáp nhập',
      remedialAction: 'Chuyển giao cho tỉnh mới',
    });
    await call(office, 'POST', `/indicators/${CODE}/values`, {
      agencyId: ids.oldThaiNguyen,
      period: '2025-06',
      numerator: 300,
      denominator: 600,
      shortfallReason: 'Chuẩn bị sáp nhập',
      remedialAction: 'Chuyển giao cho tỉnh mới',
    });
    const asReported = (await call(viewer, 'GET', `/indicator-evaluation?period=2025-06&indicator=${CODE}`))
      .body as unknown as EvaluationResponse;
    expect(asReported.rows.find((r) => r.agencyId === ids.bacKan)).toMatchObject({ value: 25, target: 30 });
    const rolled = (
      await call(
        viewer,
        'GET',
        `/indicator-evaluation?period=2025-06&indicator=${CODE}&rollUp=true&rollUpTo=2025-07-18`,
      )
    ).body as unknown as EvaluationResponse;
    const thaiNguyen = rolled.rows.find((r) => r.agencyId === ids.newThaiNguyen);
    // (100 + 300) / (400 + 600) = 40 %; target (30 × 400 + 60 × 600) / 1,000 = 48 %.
    expect(thaiNguyen).toMatchObject({
      value: 40,
      numerator: 400,
      denominator: 1000,
      target: 48,
      met: false,
      targetRule: 'denominator-weighted',
    });
    expect(rolled.rows.find((r) => r.agencyId === ids.bacKan)).toBeUndefined();
    expect(rolled.rows.find((r) => r.agencyId === ids.haTinh)).toMatchObject({ value: 52, target: 50 });
    expect(rolled.rules.targetCombination).toContain('Σ(chỉ tiêuᵢ × mẫu sốᵢ) ÷ Σ mẫu sốᵢ');
  });

  it('receives values from another system by agency name, idempotently, and reports what it cannot place', async () => {
    const batch = {
      system: 'he-thong-dvc-quoc-gia',
      items: [
        {
          indicatorCode: CODE,
          agencyName: 'Nghệ An',
          period: '2025-05',
          numerator: 40,
          denominator: 400,
          externalId: 'NA-05',
        },
        { indicatorCode: CODE, agencyName: 'Tỉnh Không Có', period: '2025-05', value: 3 },
      ],
    };
    const first = await call(office, 'POST', '/indicator-values/batch', batch);
    expect(first.body).toMatchObject({ values: { created: 1, updated: 0, unchanged: 0 } });
    expect((first.body.problems as { row: number }[]).map((p) => p.row)).toEqual([2]);
    const again = await call(office, 'POST', '/indicator-values/batch', batch);
    expect(again.body).toMatchObject({ values: { created: 0, updated: 0, unchanged: 1 } });
    const stored = await call(viewer, 'GET', `/indicators/${CODE}/values?agencyId=${ids.ngheAn}&period=2025-05`);
    expect(stored.body.items).toMatchObject([{ value: 10, source: 'api', sourceRef: 'he-thong-dvc-quoc-gia#NA-05' }]);
    expect((await call(haTinhReporter, 'POST', '/indicator-values/batch', batch)).status).toBe(403);
  });

  it('draws an agency’s year: target line and actual per month', async () => {
    const { body } = await call(
      viewer,
      'GET',
      `/indicator-evaluation/agencies/${ids.haTinh}?year=2025&indicator=${CODE}`,
    );
    const points = (body.series as { points: { period: string; target: number | null; value: number | null }[] }[])[0]
      ?.points;
    expect(points).toHaveLength(12);
    expect(points?.find((p) => p.period === '2025-06')).toMatchObject({ target: 50, value: 52, status: 'met' });
    expect(points?.find((p) => p.period === '2025-05')).toMatchObject({ target: null, value: null, status: 'no-data' });
  });
});

import { openDatabase, queryRows } from '@server/db/client';
import { sql } from 'drizzle-orm';
import type { BenchMeasure } from '../bench-context';
import { ensureBenchAccounts, signIn } from '../lib/bench-login';
import { startServe } from '../lib/serve-process';
import { summarizeLatencies } from '../lib/stats';

const REQUESTS = 200;
const WARMUP = 5;
/** Per scenario: stop early (and say so) rather than let one slow query eat the whole bench budget. */
const SCENARIO_BUDGET_MS = 60_000;

type Scenario = { name: string; query: Record<string, string> };

async function pickIds(dataDir: string) {
  const handle = await openDatabase({ dataDir });
  try {
    const top = async (kind: string) => {
      const [row] = await queryRows<{ id: string; name: string; n: number }>(
        handle.db,
        sql`select a.id, a.name, count(*)::int as n from assignments s join agencies a on a.id = s.agency_id
            where a.kind = ${kind} group by a.id, a.name order by n desc, a.id limit 1`,
      );
      if (!row) {
        throw new Error(`no ${kind} with assignments in the generated dataset`);
      }
      return row;
    };
    const [directive] = await queryRows<{ id: string; n: number }>(
      handle.db,
      sql`select directive_id as id, count(*)::int as n from tasks group by directive_id order by n desc, directive_id limit 1`,
    );
    return { ministry: await top('ministry'), province: await top('province'), directiveId: directive?.id ?? '' };
  } finally {
    await handle.close();
  }
}

/**
 * p50/p99 latency of the task register API (`GET /api/v1/tasks`) on 20,000 tasks, over real HTTP to a served
 * process: a diacritic-free search term with an agency filter (the headline figure) and other filter mixes.
 */
export const taskRegisterApiMeasure: BenchMeasure = {
  name: 'taskRegisterApi',
  description: `GET /api/v1/tasks on the 20,000-task dataset over HTTP, ${REQUESTS} sequential requests per scenario`,
  async run(ctx) {
    const { dataDir, tasks } = await ctx.generatedDataDir();
    const ids = await pickIds(dataDir);
    const scenarios: Scenario[] = [
      { name: 'searchAndAgency', query: { q: 'cong nghe so', agencyId: ids.ministry.id, page: '1' } },
      { name: 'searchWithDiacritics', query: { q: 'dữ liệu', page: '1' } },
      { name: 'agencyAndRole', query: { agencyId: ids.province.id, role: 'coordinator', page: '1' } },
      {
        name: 'deadlineWindow',
        query: { deadlineKind: 'month', dueFrom: '2025-07-01', dueTo: '2025-12-31', page: '1' },
      },
      { name: 'directive', query: { directiveId: ids.directiveId, page: '1' } },
      { name: 'unfilteredPage', query: { page: '20' } },
    ];
    const [account] = await ensureBenchAccounts(dataDir);
    const served = await startServe({ repoDir: ctx.repoDir, dataDir });
    try {
      // The register is for signed-in users: one session for the whole measure (the login is measured apart).
      const { cookie } = await signIn(served.baseUrl, account as { loginName: string; password: string });
      const headers = { cookie };
      const results: Record<string, unknown> = {};
      for (const scenario of scenarios) {
        const url = `${served.baseUrl}/api/v1/tasks?${new URLSearchParams(scenario.query).toString()}`;
        const first = await fetch(url, { headers });
        const body = (await first.json()) as { total?: number; items?: unknown[] };
        if (first.status !== 200) {
          throw new Error(`GET ${url} → ${first.status}: ${JSON.stringify(body).slice(0, 300)}`);
        }
        for (let i = 1; i < WARMUP; i++) {
          await (await fetch(url, { headers })).arrayBuffer();
        }
        const samples: number[] = [];
        let failures = 0;
        const started = performance.now();
        while (samples.length < REQUESTS && performance.now() - started < SCENARIO_BUDGET_MS) {
          const t0 = performance.now();
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          samples.push(performance.now() - t0);
          if (res.status !== 200) {
            failures++;
          }
        }
        ctx.log(`  taskRegisterApi ${scenario.name}: ${samples.length} requests`);
        results[scenario.name] = {
          query: scenario.query,
          total: body.total ?? null,
          pageItems: body.items?.length ?? null,
          failures,
          cutShort: samples.length < REQUESTS,
          ...summarizeLatencies(samples),
        };
      }
      const headline = results.searchAndAgency as { p50Ms: number; p99Ms: number };
      return {
        tasks,
        agency: ids.ministry.name,
        p50Ms: headline.p50Ms,
        p99Ms: headline.p99Ms,
        scenarios: results,
      };
    } finally {
      await served.stop();
    }
  },
};

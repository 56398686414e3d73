import { AppError } from '@server/lib/app-error';
import { newId } from '@server/lib/ids';
import type { ReportJob } from '@shared/contracts/reports';
import { generateReport, type ReportDeps, type ReportRequest } from './reports.service';

/**
 * A small in-process job runner for report generation (house style rule 25): `start` returns at once with a job id,
 * the work runs on the event loop after the reply, and the files go to file storage under `reports/<jobId>/`.
 * Job state lives in memory: after a restart the files remain in storage but the job list starts empty.
 */
export type ReportJobRunner = {
  start: (request: ReportRequest) => ReportJob;
  get: (id: string) => ReportJob;
  list: () => ReportJob[];
  readFile: (id: string, name: string) => Promise<Buffer>;
  /** Resolves when the job has finished (tests and the CLI). */
  wait: (id: string) => Promise<ReportJob>;
};

const MAX_JOBS = 200;

export function createReportJobRunner(deps: ReportDeps, options: { urlPrefix?: string } = {}): ReportJobRunner {
  const jobs = new Map<string, ReportJob>();
  const running = new Map<string, Promise<void>>();
  const prefix = options.urlPrefix ?? '/api/v1/report-jobs';
  // Reports are CPU-heavy on a 2-core box: run them one at a time.
  let queue: Promise<void> = Promise.resolve();

  function get(id: string): ReportJob {
    const job = jobs.get(id);
    if (!job) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu lập báo cáo.');
    }
    return job;
  }

  async function execute(job: ReportJob, request: ReportRequest) {
    job.status = 'running';
    try {
      const result = await generateReport(deps, request);
      for (const file of result.files) {
        await deps.storage.put(`reports/${job.id}/${file.name}`, file.bytes);
      }
      job.snapshotId = result.snapshot.id;
      job.asOf = result.snapshot.asOf;
      job.files = result.files.map((f) => ({
        name: f.name,
        url: `${prefix}/${job.id}/files/${encodeURIComponent(f.name)}`,
        bytes: f.bytes.length,
      }));
      job.status = 'done';
    } catch (error) {
      job.status = 'failed';
      job.error = error instanceof AppError ? error.message : 'Không lập được báo cáo.';
    } finally {
      job.finishedAt = deps.clock.now().toISOString();
    }
  }

  return {
    start(request) {
      const job: ReportJob = {
        id: newId(),
        kind: request.kind,
        status: 'queued',
        snapshotId: request.snapshotId ?? null,
        asOf: request.asOf ?? null,
        error: null,
        createdAt: deps.clock.now().toISOString(),
        finishedAt: null,
        files: [],
      };
      jobs.set(job.id, job);
      if (jobs.size > MAX_JOBS) {
        const oldest = jobs.keys().next().value;
        if (oldest !== undefined) {
          jobs.delete(oldest);
        }
      }
      const done = queue.then(() => execute(job, request));
      queue = done;
      running.set(job.id, done);
      return job;
    },
    get,
    list: () => [...jobs.values()].reverse(),
    async readFile(id, name) {
      const job = get(id);
      if (!job.files.some((f) => f.name === name)) {
        throw new AppError('NOT_FOUND', 'Không tìm thấy tệp báo cáo.');
      }
      return deps.storage.get(`reports/${id}/${name}`);
    },
    async wait(id) {
      await running.get(id);
      return get(id);
    },
  };
}

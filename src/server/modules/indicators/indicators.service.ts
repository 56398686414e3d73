import type { Db, DbOrTx } from '@server/db/client';
import { AppError } from '@server/lib/app-error';
import type { Clock } from '@server/lib/clock';
import { newId, stableId } from '@server/lib/ids';
import { type Actor, assertActsFor, hasRole, isStandingOffice } from '@server/lib/request-context';
import { createAgencyResolver, loadAgencyRegisterSnapshot } from '@server/modules/agencies/agency-resolver';
import { recordAudit } from '@server/modules/audit/audit.service';
import type { Problem } from '@shared/contracts/imports';
import type {
  AgencyTarget,
  Indicator,
  IndicatorCreate,
  IndicatorLinkCreate,
  IndicatorUpdate,
  IndicatorValue,
  NationalTargetSet,
  RegistrationWindow,
  RegistrationWindowState,
  TargetChangeRequest,
  TargetRegister,
  ValueBatch,
  ValueBatchResult,
  ValueCorrection,
  ValueEntry,
} from '@shared/contracts/indicators';
import {
  type IndicatorDirection,
  type IndicatorUnit,
  isRateUnit,
  meetsTarget,
  parsePeriod,
  periodKindOfFrequency,
  rateOf,
  scaleOfUnit,
} from '@shared/domain/indicator-evaluation';
import { businessDateOf } from '@shared/lib/vn-format';
import { foldText } from '@shared/lib/vn-text';
import { CATALOGUE_SEEDS } from './indicator-catalogue';
import {
  findAgencyBriefs,
  findIndicatorRowByCode,
  findWindow,
  type IndicatorRow,
  insertIndicatorIfAbsent,
  insertLinks,
  insertNationalTarget,
  insertTargets,
  insertValues,
  linkTasksByPhrase,
  listCurrentFigures,
  listIndicatorRows,
  listLinkRows,
  listNationalTargetRows,
  listNationalTargetVersions,
  listTargetRows,
  listValueRows,
  lockWindowRow,
  retireNationalTarget,
  retireValues,
  setTargetStates,
  type TargetRow,
  updateIndicatorRow,
  upsertWindow,
  type ValueRow,
} from './indicators.repo';

export type IndicatorDeps = { db: Db; clock: Clock };

function today(deps: IndicatorDeps): string {
  return businessDateOf(deps.clock.now());
}

function requireStandingOffice(actor: Actor): void {
  if (!isStandingOffice(actor)) {
    throw new AppError('FORBIDDEN', 'Chỉ Cơ quan thường trực được thực hiện thao tác này.');
  }
}

/** Reporters and leaders act for their own agency; the standing office for any. Viewers only read. */
function requireEntryRight(actor: Actor, agencyId: string): void {
  if (!hasRole(actor, 'reporter', 'leader', 'standing-office', 'admin')) {
    throw new AppError('FORBIDDEN');
  }
  assertActsFor(actor, agencyId);
}

function indicatorIdOf(code: string): string {
  return stableId('indicator', code);
}

/**
 * Makes sure the catalogue holds the indicators the seeds name, with their national targets and links (directive
 * keys, and tasks whose text names the indicator). Idempotent and cheap; existing entries are never overwritten,
 * so edits made by the standing office survive.
 */
export async function ensureIndicatorCatalogue(db: DbOrTx, options: { linkTasks?: boolean } = {}): Promise<void> {
  for (const seed of CATALOGUE_SEEDS) {
    const id = indicatorIdOf(seed.code);
    const inserted = await insertIndicatorIfAbsent(db, {
      id,
      code: seed.code,
      name: seed.name,
      nameFolded: foldText(seed.name),
      unit: seed.unit,
      unitLabel: seed.unitLabel,
      definition: seed.definition,
      direction: seed.direction,
      frequency: seed.frequency,
      isCumulative: seed.isCumulative,
      numeratorLabel: seed.numeratorLabel ?? null,
      denominatorLabel: seed.denominatorLabel ?? null,
      matchPhrases: seed.matchPhrases,
      source: seed.source ?? null,
    });
    if (inserted) {
      for (const target of seed.nationalTargets) {
        await insertNationalTarget(db, {
          id: stableId('indicator-national-target', `${seed.code}|${target.year}|1`),
          indicatorId: id,
          year: target.year,
          value: String(target.value),
          valueMax: target.valueMax === undefined ? null : String(target.valueMax),
          status: target.status,
          basis: target.basis,
        });
      }
      await insertLinks(
        db,
        seed.directiveKeys.map((key) => ({
          id: stableId('indicator-link', `${seed.code}|${key}`),
          indicatorId: id,
          directiveKey: key,
        })),
      );
    }
    for (const phrase of options.linkTasks === false ? [] : seed.taskPhrases) {
      await linkTasksByPhrase(db, id, phrase, 'Liên kết tự động: nội dung nhiệm vụ nêu chỉ tiêu này');
    }
  }
}

async function toIndicators(db: DbOrTx, rows: IndicatorRow[]): Promise<Indicator[]> {
  const ids = rows.map((r) => r.id);
  const [targets, links] = await Promise.all([listNationalTargetRows(db, ids), listLinkRows(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    unit: r.unit as IndicatorUnit,
    unitLabel: r.unitLabel,
    definition: r.definition,
    direction: r.direction as IndicatorDirection,
    frequency: r.frequency as Indicator['frequency'],
    isCumulative: r.isCumulative,
    numeratorLabel: r.numeratorLabel,
    denominatorLabel: r.denominatorLabel,
    source: r.source,
    isActive: r.isActive,
    nationalTargets: targets.filter((t) => t.indicatorId === r.id).map(({ indicatorId: _, ...t }) => t),
    links: links.filter((l) => l.indicatorId === r.id).map(({ indicatorId: _, ...l }) => l),
  }));
}

/** The catalogue with national targets and links. */
export async function listIndicators(db: DbOrTx): Promise<{ items: Indicator[] }> {
  return { items: await toIndicators(db, await listIndicatorRows(db)) };
}

async function requireIndicatorRow(db: DbOrTx, code: string): Promise<IndicatorRow> {
  const row = await findIndicatorRowByCode(db, code);
  if (!row) {
    throw new AppError('NOT_FOUND', `Không có chỉ tiêu mã ${code}.`);
  }
  return row;
}

/** One indicator by code. Throws NOT_FOUND. */
export async function getIndicator(db: DbOrTx, code: string): Promise<Indicator> {
  const [indicator] = await toIndicators(db, [await requireIndicatorRow(db, code)]);
  return indicator as Indicator;
}

function checkRateLabels(
  unit: IndicatorUnit,
  numeratorLabel: string | null | undefined,
  denominatorLabel: string | null | undefined,
) {
  if (isRateUnit(unit) && (!numeratorLabel || !denominatorLabel)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Chỉ tiêu tỷ lệ phải nêu tử số và mẫu số (để tổng hợp đúng từ số liệu gốc, không lấy trung bình các tỷ lệ).',
    );
  }
}

/** Adds a catalogue entry (standing office). A rate must name its numerator and denominator. Throws CONFLICT on a taken code. */
export async function createIndicator(deps: IndicatorDeps, actor: Actor, input: IndicatorCreate): Promise<Indicator> {
  requireStandingOffice(actor);
  checkRateLabels(input.unit, input.numeratorLabel, input.denominatorLabel);
  return deps.db.transaction(async (tx) => {
    const inserted = await insertIndicatorIfAbsent(tx, {
      id: indicatorIdOf(input.code),
      code: input.code,
      name: input.name,
      nameFolded: foldText(input.name),
      unit: input.unit,
      unitLabel: input.unitLabel,
      definition: input.definition,
      direction: input.direction,
      frequency: input.frequency,
      isCumulative: input.isCumulative,
      numeratorLabel: input.numeratorLabel ?? null,
      denominatorLabel: input.denominatorLabel ?? null,
      matchPhrases: input.matchPhrases.map((p) => foldText(p)),
      source: input.source ?? null,
    });
    if (!inserted) {
      throw new AppError('CONFLICT', `Mã chỉ tiêu ${input.code} đã tồn tại.`);
    }
    await recordAudit(tx, actor, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: input.code,
      after: input,
      at: deps.clock.now(),
    });
    return getIndicator(tx, input.code);
  });
}

/** Edits a catalogue entry (standing office); the code never changes. */
export async function updateIndicator(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  patch: IndicatorUpdate,
): Promise<Indicator> {
  requireStandingOffice(actor);
  return deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    const unit = patch.unit ?? (row.unit as IndicatorUnit);
    checkRateLabels(
      unit,
      patch.numeratorLabel === undefined ? row.numeratorLabel : patch.numeratorLabel,
      patch.denominatorLabel === undefined ? row.denominatorLabel : patch.denominatorLabel,
    );
    const { matchPhrases, name, ...rest } = patch;
    await updateIndicatorRow(tx, row.id, {
      ...rest,
      ...(name ? { name, nameFolded: foldText(name) } : {}),
      ...(matchPhrases ? { matchPhrases: matchPhrases.map((p) => foldText(p)) } : {}),
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, actor, {
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: code,
      before: row,
      after: patch,
      at: deps.clock.now(),
    });
    return getIndicator(tx, code);
  });
}

/** Links an indicator to a directive (by its number/symbol) or a task (standing office). */
export async function linkIndicator(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  input: IndicatorLinkCreate,
): Promise<Indicator> {
  requireStandingOffice(actor);
  return deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    await insertLinks(tx, [
      {
        id: newId(),
        indicatorId: row.id,
        directiveKey: input.directiveKey ?? null,
        taskId: input.taskId ?? null,
        note: input.note ?? null,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'indicator.link',
      entityType: 'indicator',
      entityId: code,
      after: input,
      at: deps.clock.now(),
    });
    return getIndicator(tx, code);
  });
}

/** Sets the national target of a year; a change is a new version (the previous one is kept). Standing office only. */
export async function setNationalTarget(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  year: number,
  input: NationalTargetSet,
): Promise<Indicator> {
  requireStandingOffice(actor);
  return deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    const versions = await listNationalTargetVersions(tx, row.id, year);
    await retireNationalTarget(tx, row.id, year);
    await insertNationalTarget(tx, {
      id: newId(),
      indicatorId: row.id,
      year,
      value: String(input.value),
      valueMax: input.valueMax == null ? null : String(input.valueMax),
      status: input.status,
      basis: input.basis ?? null,
      version: (versions[0] ?? 0) + 1,
      createdByUserId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'indicator.national-target.set',
      entityType: 'indicator',
      entityId: code,
      after: { year, ...input },
      at: deps.clock.now(),
    });
    return getIndicator(tx, code);
  });
}

function windowStateOf(
  window: { opensOn: string; closesOn: string; lockedAt: Date | null } | null,
  day: string,
): RegistrationWindowState {
  if (!window) {
    return 'none';
  }
  if (window.lockedAt || day > window.closesOn) {
    return 'locked';
  }
  return day < window.opensOn ? 'not-yet-open' : 'open';
}

/** The registration window of an indicator and year, with its state today. */
export async function getRegistrationWindow(
  deps: IndicatorDeps,
  code: string,
  year: number,
): Promise<RegistrationWindow> {
  const row = await requireIndicatorRow(deps.db, code);
  const window = await findWindow(deps.db, row.id, year);
  return {
    indicatorCode: code,
    year,
    opensOn: window?.opensOn ?? null,
    closesOn: window?.closesOn ?? null,
    lockedAt: window?.lockedAt?.toISOString() ?? null,
    state: windowStateOf(window, today(deps)),
  };
}

/** Opens (or moves) the window in which agencies register their own targets for a year. Standing office only. */
export async function setRegistrationWindow(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  year: number,
  input: { opensOn: string; closesOn: string },
): Promise<RegistrationWindow> {
  requireStandingOffice(actor);
  await deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    await upsertWindow(tx, {
      id: newId(),
      indicatorId: row.id,
      year,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
    });
    await recordAudit(tx, actor, {
      action: 'indicator.registration.open',
      entityType: 'indicator',
      entityId: code,
      after: { year, ...input },
      at: deps.clock.now(),
    });
  });
  return getRegistrationWindow(deps, code, year);
}

/** Locks registration now: from here on a change needs the standing office's approval. Standing office only. */
export async function lockRegistration(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  year: number,
): Promise<RegistrationWindow> {
  requireStandingOffice(actor);
  await deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    const window = await findWindow(tx, row.id, year);
    if (!window) {
      throw new AppError('NOT_FOUND', `Chưa mở đăng ký chỉ tiêu ${code} năm ${year}.`);
    }
    await lockWindowRow(tx, window.id, deps.clock.now(), actor.userId);
    await recordAudit(tx, actor, {
      action: 'indicator.registration.lock',
      entityType: 'indicator',
      entityId: code,
      after: { year },
      at: deps.clock.now(),
    });
  });
  return getRegistrationWindow(deps, code, year);
}

function toTargetDto(row: TargetRow): AgencyTarget {
  return {
    id: row.id,
    indicatorCode: row.indicatorCode,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    period: row.period,
    value: row.value,
    version: row.version,
    state: row.state,
    source: row.source,
    reason: row.reason,
    sourceRef: row.sourceRef,
    requestedAt: row.requestedAt.toISOString(),
    requestedByUserId: row.requestedByUserId,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByUserId: row.decidedByUserId,
    decisionNote: row.decisionNote,
  };
}

function checkPeriod(row: IndicatorRow, period: string) {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.kind !== periodKindOfFrequency(row.frequency as Indicator['frequency'])) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Kỳ ${period} không phù hợp với tần suất của chỉ tiêu ${row.code} (${row.frequency}).`,
    );
  }
  return parsed;
}

async function requireAgency(db: DbOrTx, agencyId: string) {
  const agency = (await findAgencyBriefs(db, [agencyId])).get(agencyId);
  if (!agency) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy cơ quan.');
  }
  return agency;
}

/**
 * An agency registers its target for a period. Agencies may do so only while the year's registration window is
 * open (INDICATOR_REGISTRATION_CLOSED before it opens or when none is set; INDICATOR_TARGETS_LOCKED after it
 * closes or is locked: then they request a change). Inside the window a new registration supersedes the previous
 * version at once. The standing office may register at any time (after the lock only with a reason); that is its
 * own approval. Every version is kept.
 */
export async function registerTarget(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  input: TargetRegister,
): Promise<AgencyTarget> {
  requireEntryRight(actor, input.agencyId);
  return deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    const period = checkPeriod(row, input.period);
    await requireAgency(tx, input.agencyId);
    const state = windowStateOf(await findWindow(tx, row.id, period.year), today(deps));
    const office = isStandingOffice(actor);
    if (!office && state === 'locked') {
      throw new AppError('INDICATOR_TARGETS_LOCKED');
    }
    if (!office && state !== 'open') {
      throw new AppError('INDICATOR_REGISTRATION_CLOSED');
    }
    if (office && state === 'locked' && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'Điều chỉnh chỉ tiêu sau khi khóa phải nêu lý do.');
    }
    const versions = await listTargetRows(tx, { indicatorId: row.id, agencyId: input.agencyId, period: input.period });
    const active = versions.find((v) => v.state === 'active');
    const now = deps.clock.now();
    const id = newId();
    if (active) {
      await setTargetStates(tx, [active.id], { state: 'superseded' });
    }
    await insertTargets(tx, [
      {
        id,
        indicatorId: row.id,
        agencyId: input.agencyId,
        period: input.period,
        year: period.year,
        value: String(input.value),
        version: Math.max(0, ...versions.map((v) => v.version)) + 1,
        state: 'active',
        source: office ? 'standing-office' : 'agency',
        reason: input.reason ?? null,
        supersedesId: active?.id ?? null,
        requestedByUserId: actor.userId,
        requestedAt: now,
        decidedByUserId: actor.userId,
        decidedAt: now,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'indicator.target.register',
      entityType: 'indicator_target',
      entityId: id,
      before: active ? { value: active.value, version: active.version } : null,
      after: { indicator: code, ...input },
      at: now,
    });
    const [created] = await listTargetRows(tx, { id });
    return toTargetDto(created as TargetRow);
  });
}

/**
 * After the lock, an agency asks to change a target: the request is a pending version that counts only once the
 * standing office approves it. One pending request per agency and period (CONFLICT otherwise). While the window
 * is still open the change is simply registered.
 */
export async function requestTargetChange(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  input: TargetChangeRequest,
): Promise<AgencyTarget> {
  requireEntryRight(actor, input.agencyId);
  const row = await requireIndicatorRow(deps.db, code);
  const period = checkPeriod(row, input.period);
  const state = windowStateOf(await findWindow(deps.db, row.id, period.year), today(deps));
  if (state === 'open' || isStandingOffice(actor)) {
    return registerTarget(deps, actor, code, input);
  }
  return deps.db.transaction(async (tx) => {
    await requireAgency(tx, input.agencyId);
    const versions = await listTargetRows(tx, { indicatorId: row.id, agencyId: input.agencyId, period: input.period });
    if (versions.some((v) => v.state === 'pending')) {
      throw new AppError('CONFLICT', 'Đã có đề nghị điều chỉnh chỉ tiêu kỳ này đang chờ phê duyệt.');
    }
    const active = versions.find((v) => v.state === 'active');
    const id = newId();
    const now = deps.clock.now();
    await insertTargets(tx, [
      {
        id,
        indicatorId: row.id,
        agencyId: input.agencyId,
        period: input.period,
        year: period.year,
        value: String(input.value),
        version: Math.max(0, ...versions.map((v) => v.version)) + 1,
        state: 'pending',
        source: 'agency',
        reason: input.reason,
        supersedesId: active?.id ?? null,
        requestedByUserId: actor.userId,
        requestedAt: now,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'indicator.target.request-change',
      entityType: 'indicator_target',
      entityId: id,
      before: active ? { value: active.value, version: active.version } : null,
      after: { indicator: code, ...input },
      at: now,
    });
    const [created] = await listTargetRows(tx, { id });
    return toTargetDto(created as TargetRow);
  });
}

/** The standing office approves (the pending version becomes active) or rejects a change request. */
export async function decideTargetChange(
  deps: IndicatorDeps,
  actor: Actor,
  targetId: string,
  decision: { approve: boolean; note?: string | null | undefined },
): Promise<AgencyTarget> {
  requireStandingOffice(actor);
  return deps.db.transaction(async (tx) => {
    const [pending] = await listTargetRows(tx, { id: targetId });
    if (!pending) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy đề nghị điều chỉnh chỉ tiêu.');
    }
    if (pending.state !== 'pending') {
      throw new AppError('INVALID_TRANSITION', 'Đề nghị này đã được xử lý.');
    }
    const now = deps.clock.now();
    const decided = { decidedAt: now, decidedByUserId: actor.userId, decisionNote: decision.note ?? null };
    if (decision.approve) {
      const active = await listTargetRows(tx, {
        indicatorId: pending.indicatorId,
        agencyId: pending.agencyId,
        period: pending.period,
        states: ['active'],
      });
      await setTargetStates(
        tx,
        active.map((a) => a.id),
        { state: 'superseded' },
      );
      await setTargetStates(tx, [pending.id], { state: 'active', ...decided });
    } else {
      await setTargetStates(tx, [pending.id], { state: 'rejected', ...decided });
    }
    await recordAudit(tx, actor, {
      action: decision.approve ? 'indicator.target.approve' : 'indicator.target.reject',
      entityType: 'indicator_target',
      entityId: targetId,
      before: { state: 'pending', value: pending.value },
      after: { state: decision.approve ? 'active' : 'rejected', note: decision.note ?? null },
      at: now,
    });
    const [after] = await listTargetRows(tx, { id: targetId });
    return toTargetDto(after as TargetRow);
  });
}

/** Targets of an indicator (active only, or every version with `history`). */
export async function listTargets(
  db: DbOrTx,
  code: string,
  query: { agencyId?: string | undefined; year?: number | undefined; period?: string | undefined; history: boolean },
): Promise<{ items: AgencyTarget[] }> {
  const row = await requireIndicatorRow(db, code);
  const rows = await listTargetRows(db, {
    indicatorId: row.id,
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.period ? { period: query.period } : {}),
    ...(query.history ? {} : { states: ['active'] as TargetRow['state'][] }),
  });
  return { items: rows.map(toTargetDto) };
}

/** Change requests in a state (default pending), for the standing office's approval queue. */
export async function listTargetChanges(
  db: DbOrTx,
  actor: Actor,
  query: { state: TargetRow['state']; indicator?: string | undefined },
): Promise<{ items: AgencyTarget[] }> {
  const indicatorId = query.indicator ? (await requireIndicatorRow(db, query.indicator)).id : undefined;
  const rows = await listTargetRows(db, {
    states: [query.state],
    ...(indicatorId ? { indicatorId } : {}),
    ...(isStandingOffice(actor) ? {} : { agencyId: actor.agencyId }),
  });
  return { items: rows.map(toTargetDto) };
}

function toValueDto(row: ValueRow): IndicatorValue {
  return {
    id: row.id,
    indicatorCode: row.indicatorCode,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    period: row.period,
    version: row.version,
    isCurrent: row.isCurrent,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    hasComponents: row.numerator !== null && row.denominator !== null,
    asOf: row.asOf,
    source: row.source,
    sourceRef: row.sourceRef,
    note: row.note,
    shortfallReason: row.shortfallReason,
    remedialAction: row.remedialAction,
    correctionReason: row.correctionReason,
    enteredAt: row.enteredAt.toISOString(),
    enteredByUserId: row.enteredByUserId,
  };
}

type Figures = { value?: number | null; numerator?: number | null; denominator?: number | null };

/**
 * The value to store. A rate given by numerator and denominator is their quotient (a value sent alongside must
 * agree within 0.01); a percentage share cannot exceed its denominator. Counts and amounts take no components.
 */
function figuresOf(
  row: IndicatorRow,
  input: Figures,
): { value: number; numerator: number | null; denominator: number | null } {
  const unit = row.unit as IndicatorUnit;
  const hasComponents = input.numerator != null && input.denominator != null;
  if (!hasComponents) {
    if (input.value == null) {
      throw new AppError('VALIDATION_FAILED', 'Cần giá trị, hoặc cả tử số và mẫu số.');
    }
    return { value: input.value, numerator: null, denominator: null };
  }
  if (!isRateUnit(unit)) {
    throw new AppError('VALIDATION_FAILED', `Chỉ tiêu ${row.code} không phải tỷ lệ: không nhập tử số, mẫu số.`);
  }
  const numerator = input.numerator as number;
  const denominator = input.denominator as number;
  if (!(denominator > 0)) {
    throw new AppError('VALIDATION_FAILED', 'Mẫu số phải lớn hơn 0.');
  }
  if (unit === 'percent' && numerator > denominator) {
    throw new AppError('VALIDATION_FAILED', 'Tử số không được lớn hơn mẫu số.');
  }
  const value = rateOf(numerator, denominator, scaleOfUnit(unit)) as number;
  if (input.value != null && Math.abs(input.value - value) > 0.01) {
    throw new AppError('VALIDATION_FAILED', `Tỷ lệ ${input.value} không khớp tử số/mẫu số (${value.toFixed(2)}).`);
  }
  return { value, numerator, denominator };
}

/**
 * A value that misses the active target must say why and what is being done (house rule from the issue: "a note
 * required when a value misses its target"). Throws SHORTFALL_EXPLANATION_REQUIRED with the target in details.
 */
async function checkExplanation(
  db: DbOrTx,
  row: IndicatorRow,
  agencyId: string,
  period: string,
  value: number,
  input: { shortfallReason?: string | null | undefined; remedialAction?: string | null | undefined },
) {
  const [target] = await listTargetRows(db, { indicatorId: row.id, agencyId, period, states: ['active'] });
  if (!target || meetsTarget(value, target.value, row.direction as IndicatorDirection)) {
    return;
  }
  if (!input.shortfallReason?.trim() || !input.remedialAction?.trim()) {
    throw new AppError('SHORTFALL_EXPLANATION_REQUIRED', undefined, { target: target.value, value });
  }
}

/**
 * An agency enters its value for a period (first version). A second entry for the same period is a correction
 * (CONFLICT with `details.valueId`). Values stay with the agency that reported them, whatever happens to it later.
 */
export async function enterValue(
  deps: IndicatorDeps,
  actor: Actor,
  code: string,
  input: ValueEntry,
): Promise<IndicatorValue> {
  requireEntryRight(actor, input.agencyId);
  return deps.db.transaction(async (tx) => {
    const row = await requireIndicatorRow(tx, code);
    const period = checkPeriod(row, input.period);
    await requireAgency(tx, input.agencyId);
    const [current] = await listValueRows(tx, {
      indicatorId: row.id,
      agencyId: input.agencyId,
      period: input.period,
      currentOnly: true,
    });
    if (current) {
      throw new AppError('CONFLICT', 'Đã có số liệu kỳ này: dùng chức năng đính chính.', { valueId: current.id });
    }
    const figures = figuresOf(row, input);
    await checkExplanation(tx, row, input.agencyId, input.period, figures.value, input);
    const id = newId();
    const now = deps.clock.now();
    await insertValues(tx, [
      {
        id,
        indicatorId: row.id,
        agencyId: input.agencyId,
        period: input.period,
        year: period.year,
        version: 1,
        isCurrent: true,
        value: String(figures.value),
        numerator: figures.numerator === null ? null : String(figures.numerator),
        denominator: figures.denominator === null ? null : String(figures.denominator),
        asOf: input.asOf ?? null,
        source: 'agency',
        sourceRef: null,
        note: input.note ?? null,
        shortfallReason: input.shortfallReason ?? null,
        remedialAction: input.remedialAction ?? null,
        enteredByUserId: actor.userId,
        enteredAt: now,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'indicator.value.enter',
      entityType: 'indicator_value',
      entityId: id,
      after: { indicator: code, ...input, value: figures.value },
      at: now,
    });
    const [created] = await listValueRows(tx, { id });
    return toValueDto(created as ValueRow);
  });
}

/**
 * Corrects a value: a new version that supersedes the current one (which is kept). Only the current version can be
 * corrected (CONFLICT otherwise: someone corrected it first).
 */
export async function correctValue(
  deps: IndicatorDeps,
  actor: Actor,
  valueId: string,
  input: ValueCorrection,
): Promise<IndicatorValue> {
  return deps.db.transaction(async (tx) => {
    const [current] = await listValueRows(tx, { id: valueId });
    if (!current) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy số liệu.');
    }
    requireEntryRight(actor, current.agencyId);
    if (!current.isCurrent) {
      throw new AppError('CONFLICT', 'Số liệu này đã được đính chính bằng một phiên bản mới hơn.');
    }
    const row = await requireIndicatorRow(tx, current.indicatorCode);
    const figures = figuresOf(row, input);
    await checkExplanation(tx, row, current.agencyId, current.period, figures.value, input);
    const id = newId();
    const now = deps.clock.now();
    await retireValues(tx, [current.id]);
    await insertValues(tx, [
      {
        id,
        indicatorId: row.id,
        agencyId: current.agencyId,
        period: current.period,
        year: current.year,
        version: current.version + 1,
        isCurrent: true,
        value: String(figures.value),
        numerator: figures.numerator === null ? null : String(figures.numerator),
        denominator: figures.denominator === null ? null : String(figures.denominator),
        asOf: input.asOf === undefined ? current.asOf : input.asOf,
        source: 'agency',
        sourceRef: null,
        note: input.note === undefined ? current.note : input.note,
        shortfallReason: input.shortfallReason ?? null,
        remedialAction: input.remedialAction ?? null,
        correctionReason: input.correctionReason,
        supersedesId: current.id,
        enteredByUserId: actor.userId,
        enteredAt: now,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'indicator.value.correct',
      entityType: 'indicator_value',
      entityId: id,
      before: toValueDto(current),
      after: { ...input, value: figures.value },
      at: now,
    });
    const [created] = await listValueRows(tx, { id });
    return toValueDto(created as ValueRow);
  });
}

/** Values of an indicator (current only, or every version with `history`). */
export async function listValues(
  db: DbOrTx,
  code: string,
  query: { agencyId?: string | undefined; period?: string | undefined; year?: number | undefined; history: boolean },
): Promise<{ items: IndicatorValue[] }> {
  const row = await requireIndicatorRow(db, code);
  const rows = await listValueRows(db, {
    indicatorId: row.id,
    ...(query.agencyId ? { agencyId: query.agencyId } : {}),
    ...(query.period ? { period: query.period } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    currentOnly: !query.history,
  });
  return { items: rows.map(toValueDto) };
}

/**
 * Values received from another system (standing office or administrator accounts of the exchange). Each item
 * names its agency by id or by name (resolved in the register as of the period's end); an item equal to the
 * current value is left alone, a different one becomes a new version with source "api" and the sender's record
 * id. Items that cannot be placed are returned as problems; the others are stored. Explanations of shortfalls are
 * not demanded from a machine: evaluation flags them as missing instead.
 */
export async function receiveValues(deps: IndicatorDeps, actor: Actor, batch: ValueBatch): Promise<ValueBatchResult> {
  requireStandingOffice(actor);
  return deps.db.transaction(async (tx) => {
    const problems: Problem[] = [];
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const rows = new Map((await listIndicatorRows(tx)).map((r) => [r.code, r]));
    const needsResolver = batch.items.some((i) => i.agencyName);
    const resolver = needsResolver ? createAgencyResolver(await loadAgencyRegisterSnapshot(tx)) : null;
    const known = await findAgencyBriefs(
      tx,
      batch.items.flatMap((i) => (i.agencyId ? [i.agencyId] : [])),
    );
    const now = deps.clock.now();
    type Prepared = {
      row: IndicatorRow;
      agencyId: string;
      period: string;
      year: number;
      figures: ReturnType<typeof figuresOf>;
      item: ValueBatch['items'][number];
    };
    const prepared = new Map<string, Prepared>();
    batch.items.forEach((item, index) => {
      const fail = (message: string) =>
        problems.push({
          file: batch.system,
          line: null,
          row: index + 1,
          code: 'ITEM_REJECTED',
          message,
          severity: 'error',
        });
      const row = rows.get(item.indicatorCode);
      if (!row) {
        fail(`Không có chỉ tiêu mã ${item.indicatorCode}.`);
        return;
      }
      const period = parsePeriod(item.period);
      if (!period || period.kind !== periodKindOfFrequency(row.frequency as Indicator['frequency'])) {
        fail(`Kỳ ${item.period} không phù hợp với chỉ tiêu ${row.code}.`);
        return;
      }
      let agencyId = item.agencyId ?? null;
      if (agencyId && !known.has(agencyId)) {
        fail(`Không có cơ quan mã ${agencyId}.`);
        return;
      }
      if (!agencyId && item.agencyName && resolver) {
        const resolution = resolver.resolve(item.agencyName, period.end);
        agencyId = resolution.status === 'agency' ? (resolution.agency?.id ?? null) : null;
        if (!agencyId) {
          fail(`Không xác định được cơ quan “${item.agencyName}”.`);
          return;
        }
      }
      try {
        const figures = figuresOf(row, item);
        prepared.set(`${row.id}|${agencyId}|${item.period}`, {
          row,
          agencyId: agencyId as string,
          period: item.period,
          year: period.year,
          figures,
          item,
        });
      } catch (error) {
        fail(error instanceof AppError ? error.message : String(error));
      }
    });
    const items = [...prepared.values()];
    const current = new Map(
      (
        await listCurrentFigures(tx, {
          indicatorIds: [...new Set(items.map((p) => p.row.id))],
          periods: [...new Set(items.map((p) => p.period))],
        })
      )
        .filter((f) => f.kind === 'value')
        .map((f) => [`${f.indicatorId}|${f.agencyId}|${f.period}`, f]),
    );
    const retired: string[] = [];
    const inserts: Parameters<typeof insertValues>[1] = [];
    for (const p of items) {
      const key = `${p.row.id}|${p.agencyId}|${p.period}`;
      const existing = current.get(key);
      if (
        existing &&
        existing.value === p.figures.value &&
        existing.numerator === p.figures.numerator &&
        existing.denominator === p.figures.denominator &&
        existing.asOf === (p.item.asOf ?? null)
      ) {
        counts.unchanged += 1;
        continue;
      }
      if (existing) {
        retired.push(existing.id);
        counts.updated += 1;
      } else {
        counts.created += 1;
      }
      inserts.push({
        id: newId(),
        indicatorId: p.row.id,
        agencyId: p.agencyId,
        period: p.period,
        year: p.year,
        version: (existing?.version ?? 0) + 1,
        isCurrent: true,
        value: String(p.figures.value),
        numerator: p.figures.numerator === null ? null : String(p.figures.numerator),
        denominator: p.figures.denominator === null ? null : String(p.figures.denominator),
        asOf: p.item.asOf ?? null,
        source: 'api',
        sourceRef: p.item.externalId ? `${batch.system}#${p.item.externalId}` : batch.system,
        note: p.item.note ?? null,
        shortfallReason: p.item.shortfallReason ?? null,
        remedialAction: p.item.remedialAction ?? null,
        correctionReason: existing ? `Cập nhật từ hệ thống ${batch.system}` : null,
        supersedesId: existing?.id ?? null,
        enteredByUserId: actor.userId,
        enteredAt: now,
      });
    }
    await retireValues(tx, retired);
    await insertValues(tx, inserts);
    await recordAudit(tx, actor, {
      action: 'indicator.value.receive',
      entityType: 'indicator_exchange',
      entityId: batch.system,
      after: { items: batch.items.length, ...counts, rejected: problems.length },
      at: now,
    });
    return { values: counts, problems };
  });
}

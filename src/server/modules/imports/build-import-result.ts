import { stableId } from '@server/lib/ids';
import type { AgencyResolution, AgencyResolver } from '@server/modules/agencies/agency-resolver';
import type {
  Deadline,
  ImportDirective,
  ImportList,
  ImportResult,
  ImportTask,
  Problem,
} from '@shared/contracts/imports';
import { type DeadlineContext, findDeadlineInText } from '@shared/domain/deadline';
import { findDocumentReferences, parseDocumentReference } from '@shared/domain/document-reference';
import { cleanText, foldText } from '@shared/lib/vn-text';
import { DIRECTIVE_KINDS, type DocumentHeader, readDocumentHeaders } from './document-header';
import { extractProseTasks, type ProseTask, proseTasksToImportList } from './extract-prose-tasks';
import {
  type Citation,
  type CitationFinder,
  type DraftList,
  type DraftSection,
  type DraftTask,
  interpretTables,
  splitAppendixHeading,
} from './interpret-tables';
import type { SourceDocument, SourceParagraph } from './source-document';

/** What the interpreter needs from the outside world; injected so tests and the CLI share one code path. */
export type InterpretDeps = {
  resolver: Pick<AgencyResolver, 'resolve' | 'splitAgencyList'>;
  normalizeDeadline: (raw: string | null | undefined, context?: DeadlineContext) => Deadline;
  /** Overrides the date a document is read as of (deadlines without a year, agencies as constituted then). */
  documentDateOf?: (doc: SourceDocument) => string | null;
  /** Citation finder; defaults to the shared document-reference parser. */
  findCitations?: CitationFinder;
};

export type InterpretedImport = Omit<ImportResult, 'dryRun' | 'summary' | 'files'>;

/**
 * Stable problem codes of the interpreter (the readers add EMPTY_FILE, NOT_A_DOCX…). Each says what the user
 * should check; severities: error = nothing usable came out of that part, warning = imported but check it,
 * info = noted for the record.
 */
export const INTERPRET_PROBLEM_CODES = {
  /** A file whose text holds nothing readable (no paragraph, no table). */
  NO_CONTENT: 'NO_CONTENT',
  /** No task list, no table and no assignable sentence found in a file. */
  NO_TASKS_FOUND: 'NO_TASKS_FOUND',
  /** A table with task columns but no task-text column (or with no lead column). */
  MISSING_COLUMN: 'MISSING_COLUMN',
  /** A table whose header we cannot read, or that is not a task list; kept as rows. */
  TABLE_NOT_INTERPRETED: 'TABLE_NOT_INTERPRETED',
  /** A row with fewer cells than the header (cut off at a page or file end). */
  TRUNCATED_ROW: 'TRUNCATED_ROW',
  /** A row with data but no task text; skipped. */
  ROW_WITHOUT_TEXT: 'ROW_WITHOUT_TEXT',
  /** A value sitting in another column than its own (a deadline in "Kết quả dự kiến"); used where it belongs. */
  VALUE_IN_WRONG_COLUMN: 'VALUE_IN_WRONG_COLUMN',
  /** An agency name the register does not know; left out of lead/coordinators, kept in the raw text. */
  UNKNOWN_AGENCY: 'UNKNOWN_AGENCY',
  /** A name that several agencies carry; left out, kept in the raw text. */
  AMBIGUOUS_AGENCY: 'AMBIGUOUS_AGENCY',
  /** A vague collective ("các cơ quan liên quan") with no computable members. */
  VAGUE_AGENCY: 'VAGUE_AGENCY',
  /** A deadline text no rule reads; kept verbatim with kind "unreadable". */
  DEADLINE_UNREADABLE: 'DEADLINE_UNREADABLE',
  /** Neither a row, a caption nor the document says which directive assigned a list's tasks. */
  ASSIGNED_BY_UNKNOWN: 'ASSIGNED_BY_UNKNOWN',
  /** The same task (same directive, same wording) met again; merged into one. */
  DUPLICATE_TASK: 'DUPLICATE_TASK',
  /** The same task met again with a different lead or deadline; the first reading is kept. */
  DUPLICATE_TASK_CONFLICT: 'DUPLICATE_TASK_CONFLICT',
  /** A document number left blank ("Số: - CV/ĐU"): a draft. */
  DOCUMENT_NUMBER_MISSING: 'DOCUMENT_NUMBER_MISSING',
} as const;

/**
 * Turns read documents into the import result: every table as a list of tasks (or rows), directives written
 * as prose as proposed tasks, the directives met (the documents themselves when they are directives, and
 * the directives known only from citations), and every problem with its file, line or row and a stable code.
 *
 * Task identity: `stableId('task', assignedBy + '|' + foldText(text))`, so the same task met in two lists, or
 * imported twice, gets the same id; within one import it is reported once (DUPLICATE_TASK) and kept in every
 * list where it occurs.
 */
export function interpretDocuments(docs: SourceDocument[], deps: InterpretDeps): InterpretedImport {
  const problems: Problem[] = [];
  const lists: ImportList[] = [];
  const directives = new Map<string, ImportDirective>();
  const references = new Map<string, Citation>();
  const referenceSections = new Map<string, DraftSection[]>();
  const findCitations = deps.findCitations ?? defaultCitations;
  const resolve = cachedResolver(deps.resolver);

  for (const doc of docs) {
    const file = doc.fileName;
    if (doc.blocks.length === 0) {
      problems.push({
        file,
        line: null,
        row: null,
        code: 'NO_CONTENT',
        message: `${file}: không có nội dung đọc được (không có đoạn văn hay bảng nào).`,
        severity: 'error',
      });
      continue;
    }
    const headers = readDocumentHeaders(doc);
    const keys = headers.map((h) => documentKeyOf(h, file));
    const dateOverride = deps.documentDateOf?.(doc) ?? null;
    const dateOfSegment = (index: number): string | null => {
      if (dateOverride) {
        return dateOverride;
      }
      for (let i = index; i >= 0; i--) {
        const date = headers[i]?.issuedOn;
        if (date) {
          return date;
        }
      }
      return headers.find((h) => h.issuedOn)?.issuedOn ?? null;
    };

    headers.forEach((header, i) => {
      const key = keys[i];
      if (header.hasHeader && header.isDraft && header.number === null) {
        problems.push({
          file,
          line: header.line,
          row: null,
          code: 'DOCUMENT_NUMBER_MISSING',
          message: `Văn bản “${header.title || header.kindLabel || 'không tên'}” chưa có số (bản dự thảo).`,
          severity: 'info',
        });
      }
      if (key && isDirective(header)) {
        directives.set(key, {
          key,
          kind: header.kind,
          number: header.number,
          issuedOn: header.issuedOn,
          issuer: header.issuer,
          title: header.title || header.kindLabel || key,
          status: header.isDraft ? 'draft' : 'issued',
          file,
          sections: bodySections(doc, header),
        });
      }
    });

    const before = lists.length;
    const drafts = interpretTables({ doc, documents: headers, findCitations, problems });
    for (const draft of drafts) {
      const segment = headers.indexOf(draft.document);
      const own = segment >= 0 && isDirective(draft.document) ? (keys[segment] ?? null) : null;
      const listKey = draft.captionCitation?.key ?? own;
      if (draft.captionCitation && draft.captionCitation.key !== own) {
        references.set(draft.captionCitation.key, draft.captionCitation);
      }
      const documentDate = dateOverride ?? draft.captionDate ?? dateOfSegment(Math.max(segment, 0));
      const prefix = listKey !== null && listKey === own && draft.appendix ? draft.appendix : null;
      if (listKey && draft.sections.length > 0) {
        const target = listKey === own ? directives.get(listKey)?.sections : undefined;
        const sections = draft.sections.map((s) => ({
          ...s,
          parent: prefix ? (s.parent ? `${prefix} › ${s.parent}` : prefix) : s.parent,
        }));
        if (target) {
          if (prefix && !target.some((s) => s.title === prefix && s.parent === null)) {
            target.push({ label: null, title: prefix, parent: null });
          }
          target.push(...sections.filter((s) => !target.some((t) => sameSection(t, s))));
        } else if (listKey !== own) {
          const known = referenceSections.get(listKey) ?? [];
          known.push(...sections.filter((s) => !known.some((t) => sameSection(t, s))));
          referenceSections.set(listKey, known);
        }
      }
      const list = finishList(draft, {
        listKey,
        documentDate,
        sectionPrefix: prefix,
        within: withinOf(draft.document, resolve),
        deps,
        resolve,
        problems,
        references,
        findCitations,
      });
      lists.push(list);
    }

    headers.forEach((header, i) => {
      const segmentDoc: SourceDocument = { ...doc, blocks: doc.blocks.slice(header.startBlock, header.endBlock) };
      const key = isDirective(header) ? (keys[i] ?? null) : null;
      const documentDate = dateOfSegment(i);
      const context: DeadlineContext = documentDate ? { documentDate } : {};
      const prose = extractProseTasks(segmentDoc, {
        resolver: deps.resolver,
        findDeadlineInText: (text) => findDeadlineInText(text, context),
      });
      if (prose.length === 0) {
        return;
      }
      reportProseAgencies(prose, { file, asOf: documentDate, resolve, problems });
      const title = header.hasHeader
        ? `Nhiệm vụ đọc từ ${[header.kindLabel?.toLowerCase(), header.number].filter(Boolean).join(' ') || 'văn bản'} (cần xác nhận)`
        : undefined;
      const list = proseTasksToImportList(prose, {
        file,
        ...(title ? { title } : {}),
        assignedBy: key,
        resolver: deps.resolver,
        normalizeDeadline: (raw) => deps.normalizeDeadline(raw, context),
        taskId: (task) => taskIdOf(key, task.text),
      });
      lists.push(list);
    });

    if (lists.slice(before).every((l) => l.tasks.length === 0)) {
      // A file of comment or indicator tables is read (its rows are kept), it simply assigns nothing.
      const hasTables = lists.length > before;
      problems.push({
        file,
        line: null,
        row: null,
        code: 'NO_TASKS_FOUND',
        message: hasTables
          ? `${file}: có ${lists.length - before} bảng nhưng không bảng nào là danh mục nhiệm vụ; không tìm thấy nhiệm vụ nào.`
          : `${file}: không tìm thấy bảng nhiệm vụ hay câu giao nhiệm vụ nào.`,
        severity: hasTables ? 'info' : 'warning',
      });
    }
  }

  for (const [key, citation] of references) {
    if (directives.has(key)) {
      continue;
    }
    directives.set(key, {
      key,
      kind: citation.kind as ImportDirective['kind'],
      number: citation.number,
      issuedOn: citation.issuedOn,
      issuer: citation.issuer,
      title: citation.raw,
      status: 'reference',
      file: null,
      sections: referenceSections.get(key) ?? [],
    });
  }
  reportDuplicates(lists, problems);
  return { directives: [...directives.values()], lists, problems };
}

// ---------------------------------------------------------------------------------------------------------------

function defaultCitations(text: string): Citation[] {
  return findDocumentReferences(text)
    .filter((r) => r.number !== '')
    .map((r) => ({ key: r.key, kind: r.kind, number: r.number, issuedOn: r.issuedOn, issuer: r.issuer, raw: r.raw }));
}

/** The task identity: the assigning directive and the folded wording. */
export function taskIdOf(assignedBy: string | null, text: string): string {
  return stableId('task', `${assignedBy ?? ''}|${foldText(text)}`);
}

function isDirective(header: DocumentHeader): boolean {
  return header.hasHeader && DIRECTIVE_KINDS.has(header.kind);
}

function documentKeyOf(header: DocumentHeader, file: string): string | null {
  if (!header.hasHeader) {
    return null;
  }
  if (header.number) {
    const word = header.kindLabel ?? '';
    const ref = parseDocumentReference(`${word} số ${header.number}`.trim());
    return ref && ref.number !== '' ? ref.key : header.number;
  }
  return `doc:${foldText(file)}:${foldText(header.title).slice(0, 80)}`;
}

function sameSection(a: DraftSection, b: DraftSection): boolean {
  return a.parent === b.parent && foldText(`${a.label ?? ''} ${a.title}`) === foldText(`${b.label ?? ''} ${b.title}`);
}

const ROMAN_HEADING = /^([IVXLC]{1,6})\s*[.\-–)]\s*(\S.{0,200})$/;
const NUMBERED_HEADING = /^(\d{1,2})\s*[.)]\s+(\S.{0,250})$/;
const LETTERED_HEADING = /^([a-zđ])\)\s+(\S.{0,100})$/;
const APPENDIX_HEADING = /^(?:PHỤ LỤC|Phụ lục)(?![\p{L}\p{N}])/u;

/** Headings of a directive's body (I., 1., a)), as sections; appendix headings start a new top level. */
function bodySections(doc: SourceDocument, header: DocumentHeader): DraftSection[] {
  const sections: DraftSection[] = [];
  const stack: Array<{ level: number; text: string }> = [];
  const push = (level: number, label: string | null, title: string) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= level) {
      stack.pop();
    }
    const parent = stack.length > 0 ? stack.map((s) => s.text).join(' › ') : null;
    const text = label ? `${label} ${title}` : title;
    stack.push({ level, text });
    sections.push({ label, title, parent });
  };
  let inSignature = false;
  for (let b = header.bodyBlock; b < header.endBlock; b++) {
    const block = doc.blocks[b];
    if (block?.kind !== 'paragraph') {
      continue;
    }
    const text = cleanText(block.text).replace(/[:;]$/, '');
    if (/^nơi nhận\b/i.test(text)) {
      inSignature = true;
      continue;
    }
    if (APPENDIX_HEADING.test(text) && text.length <= 200) {
      inSignature = false;
      stack.length = 0;
      push(0, null, appendixTitleAt(doc, b, header.endBlock));
      continue;
    }
    if (inSignature) {
      continue;
    }
    const roman = ROMAN_HEADING.exec(text);
    const numbered = NUMBERED_HEADING.exec(text);
    const lettered = LETTERED_HEADING.exec(text);
    if (roman?.[1] && roman[2]) {
      push(1, `${roman[1]}.`, roman[2]);
    } else if (numbered?.[1] && numbered[2] && !/[.;]$/.test(numbered[2])) {
      push(2, `${numbered[1]}.`, numbered[2]);
    } else if (lettered?.[1] && lettered[2] && !/[.;]$/.test(lettered[2]) && !lettered[2].includes(':')) {
      push(3, `${lettered[1]})`, lettered[2]);
    }
  }
  return sections;
}

/** "PHỤ LỤC" + the title lines printed right under it, as the caption reader names the appendix. */
function appendixTitleAt(doc: SourceDocument, index: number, end: number): string {
  const first = doc.blocks[index] as SourceParagraph;
  const { heading: label, rest } = splitAppendixHeading(cleanText(first.text));
  const titleParts = rest ? [rest] : [];
  let lastLine = first.line;
  for (let b = index + 1; b < end; b++) {
    const block = doc.blocks[b];
    if (block?.kind !== 'paragraph' || block.line > lastLine + 2) {
      break;
    }
    const text = cleanText(block.text);
    if (/^\(?\s*(?:Ban hành\s+)?kèm theo\b/i.test(text)) {
      break;
    }
    const letters = text.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    if (!(letters.length >= 4 && upper / letters.length >= 0.8) && !text.startsWith('(') && titleParts.length > 0) {
      break;
    }
    titleParts.push(text);
    lastLine = block.line;
  }
  return [label, titleParts.join(' ')].filter(Boolean).join(': ');
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies

type Resolve = (name: string, asOf: string | null, within: string | null) => AgencyResolution;

function cachedResolver(resolver: InterpretDeps['resolver']): Resolve {
  const cache = new Map<string, AgencyResolution>();
  return (name, asOf, within) => {
    const key = `${name}\u0000${asOf ?? ''}\u0000${within ?? ''}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = resolver.resolve(name, asOf ?? undefined, within ? { withinId: within } : {});
      cache.set(key, hit);
    }
    return hit;
  };
}

/** A provincial document resolves "Sở Tài chính", "Công an Thành phố" within its province. */
function withinOf(header: DocumentHeader, resolve: Resolve): string | null {
  const issuer = header.issuer ?? '';
  if (!/(?<![\p{L}])(TỈNH|THÀNH PHỐ|TP)(?![\p{L}\p{N}])/u.test(issuer)) {
    return null;
  }
  const named = /(?<![\p{L}])(?:TỈNH|THÀNH PHỐ|TP\.?)\s+([^/,]+?)(?:\s*\/|$)/u.exec(issuer)?.[1];
  for (const candidate of [named ? `Thành phố ${named}` : null, named ? `Tỉnh ${named}` : null, header.place]) {
    if (!candidate) {
      continue;
    }
    const found = resolve(candidate, header.issuedOn, null).agency;
    if (found && found.kind === 'province') {
      return found.id;
    }
  }
  return null;
}

/** names: every agency (groups expanded); named: those written by name; groups: the collectives expanded. */
/** `idOf` keeps the agency each name was resolved to on the document's date, so persistence need not re-resolve. */
type AgencyReading = {
  names: string[];
  named: string[];
  groups: string[];
  unknown: string[];
  idOf: Map<string, string>;
};

function readAgencies(
  raw: string | null,
  where: { file: string; line: number; row: number | null; asOf: string | null; within: string | null; role: string },
  ctx: { resolver: InterpretDeps['resolver']; resolve: Resolve; problems: Problem[] },
): AgencyReading {
  const reading: AgencyReading = { names: [], named: [], groups: [], unknown: [], idOf: new Map() };
  if (!raw || /^[-–—.\s]*$/.test(raw)) {
    return reading;
  }
  for (const name of ctx.resolver.splitAgencyList(raw)) {
    const r = ctx.resolve(name, where.asOf, where.within);
    if (r.agency) {
      pushUnique(reading.names, r.agency.name);
      pushUnique(reading.named, r.agency.name);
      if (!reading.idOf.has(r.agency.name)) {
        reading.idOf.set(r.agency.name, r.agency.id);
      }
      continue;
    }
    if (r.group) {
      pushUnique(reading.groups, name);
      for (const member of r.group.members) {
        pushUnique(reading.names, member.name);
        if (!reading.idOf.has(member.name)) {
          reading.idOf.set(member.name, member.id);
        }
      }
      continue;
    }
    reading.unknown.push(cleanText(name));
    const problem = (code: string, message: string, severity: Problem['severity']) =>
      ctx.problems.push({ file: where.file, line: where.line, row: where.row, code, message, severity });
    if (r.status === 'open-group' || /\blien quan\b/.test(foldText(name))) {
      problem('VAGUE_AGENCY', `${where.role} “${name}” không chỉ rõ cơ quan nào; giữ nguyên văn bản gốc.`, 'info');
    } else if (r.status === 'ambiguous') {
      const who = (r.candidates ?? []).map((c) => c.name).join('; ');
      problem('AMBIGUOUS_AGENCY', `${where.role} “${name}” trùng tên nhiều cơ quan (${who}); chưa gán.`, 'warning');
    } else {
      problem('UNKNOWN_AGENCY', `${where.role} “${name}” không có trong danh mục cơ quan; chưa gán.`, 'warning');
    }
  }
  return reading;
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) {
    list.push(value);
  }
}

function reportProseAgencies(
  prose: ProseTask[],
  ctx: { file: string; asOf: string | null; resolve: Resolve; problems: Problem[] },
): void {
  const reported = new Set<string>();
  for (const task of prose) {
    for (const name of [...task.leadNames, ...task.coordinatorNames]) {
      const r = ctx.resolve(name, ctx.asOf, null);
      if (r.agency || r.group || r.status === 'open-group' || reported.has(`${task.line}|${name}`)) {
        continue;
      }
      reported.add(`${task.line}|${name}`);
      ctx.problems.push({
        file: ctx.file,
        line: task.line,
        row: null,
        code: r.status === 'ambiguous' ? 'AMBIGUOUS_AGENCY' : 'UNKNOWN_AGENCY',
        message: `Cơ quan “${name}” (nhiệm vụ đề xuất) không xác định được trong danh mục cơ quan; chưa gán.`,
        // A proposed task is checked by a person anyway; its names come from free text and are often not names.
        severity: 'info',
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Lists and tasks

type FinishContext = {
  listKey: string | null;
  documentDate: string | null;
  sectionPrefix: string | null;
  within: string | null;
  deps: InterpretDeps;
  resolve: Resolve;
  problems: Problem[];
  references: Map<string, Citation>;
  findCitations: CitationFinder;
};

function finishList(draft: DraftList, ctx: FinishContext): ImportList {
  const isReport = draft.kind === 'status-report';
  const reportedOn = isReport ? (draft.captionDate ?? ctx.documentDate) : null;
  const tasks = draft.tasks.map((t) => finishTask(t, draft, ctx, reportedOn));
  if (tasks.some((t) => t.assignedBy === null)) {
    ctx.problems.push({
      file: draft.file,
      line: draft.line,
      row: null,
      code: 'ASSIGNED_BY_UNKNOWN',
      message: `Danh sách “${draft.title}”: không rõ văn bản giao nhiệm vụ (không có cột “Văn bản giao nhiệm vụ”, tiêu đề không nêu văn bản, và tệp không phải là văn bản chỉ đạo); nhiệm vụ được gắn với chính tệp.`,
      severity: 'info',
    });
  }
  const list: ImportList = {
    file: draft.file,
    kind: draft.kind,
    title: draft.title,
    line: draft.line,
    assignedBy: draft.kind === 'task-list' || isReport ? ctx.listKey : null,
    reportedOn,
    columns: draft.columns,
    tasks,
  };
  if (draft.rows) {
    list.rows = draft.rows;
  }
  return list;
}

function finishTask(task: DraftTask, draft: DraftList, ctx: FinishContext, reportedOn: string | null): ImportTask {
  const file = draft.file;
  const where = { file, line: task.line, row: task.row };
  let assignedBy = ctx.listKey;
  if (task.assignedByText) {
    const citation = ctx.findCitations(task.assignedByText)[0];
    if (citation) {
      assignedBy = citation.key;
      if (!ctx.references.has(citation.key)) {
        ctx.references.set(citation.key, citation);
      }
    } else {
      assignedBy = cleanText(task.assignedByText);
      ctx.references.set(assignedBy, {
        key: assignedBy,
        kind: 'khac',
        number: null,
        issuedOn: null,
        raw: assignedBy,
        issuer: null,
      });
    }
  }

  const context: DeadlineContext = ctx.documentDate ? { documentDate: ctx.documentDate } : {};
  const deadline: Deadline =
    task.deadlineMissing && task.deadlineRaw === ''
      ? { raw: '', kind: 'none', due: null, rule: 'Dòng bị cắt cụt: không có ô thời hạn' }
      : ctx.deps.normalizeDeadline(task.deadlineRaw, context);
  if (deadline.kind === 'unreadable') {
    ctx.problems.push({
      ...where,
      code: 'DEADLINE_UNREADABLE',
      message: `Không đọc được thời hạn “${deadline.raw}”; giữ nguyên văn bản, chưa tính hạn.`,
      severity: 'warning',
    });
  }
  const asOf = deadline.due ?? ctx.documentDate;
  const agencyCtx = { resolver: ctx.deps.resolver, resolve: ctx.resolve, problems: ctx.problems };
  const lead = readAgencies(task.leadRaw, { ...where, asOf, within: ctx.within, role: 'Cơ quan chủ trì' }, agencyCtx);
  const coordinators = readAgencies(
    task.coordinatorsRaw,
    { ...where, asOf, within: ctx.within, role: 'Cơ quan phối hợp' },
    agencyCtx,
  );
  const facts: NonNullable<ImportTask['facts']> = {};
  if (task.status) {
    facts.status = task.status;
  }
  if (task.unitsNotCompletedRaw) {
    const units = readAgencies(
      task.unitsNotCompletedRaw,
      { ...where, asOf: reportedOn ?? ctx.documentDate, within: ctx.within, role: 'Đơn vị chưa hoàn thành' },
      agencyCtx,
    );
    // Units the register does not know are still facts the report states: keep them as written.
    facts.unitsNotCompleted = [...units.names, ...units.unknown];
  }
  if (task.result) {
    facts.result = task.result;
  }
  if (task.description) {
    facts.description = task.description;
  }
  const section = ctx.sectionPrefix
    ? task.section
      ? `${ctx.sectionPrefix} › ${task.section}`
      : ctx.sectionPrefix
    : task.section;
  const coordinatorNames = coordinators.names.filter(
    (name) => coordinators.named.includes(name) || !lead.names.includes(name),
  );
  const result: ImportTask = {
    id: taskIdOf(assignedBy, task.text),
    section,
    label: task.label,
    text: task.text,
    lead: lead.names,
    leadIds: lead.names.map((name) => lead.idOf.get(name) ?? ''),
    // "Phối hợp: các bộ, ngành" does not include the lead itself; a coordinator named outright always stays.
    coordinators: coordinatorNames,
    coordinatorIds: coordinatorNames.map((name) => coordinators.idOf.get(name) ?? ''),
    leadRaw: task.leadRaw,
    coordinatorsRaw: task.coordinatorsRaw,
    leadGroups: lead.groups,
    product: task.product,
    notes: task.notes,
    deadline,
    assignedBy,
    status: 'confirmed',
    line: task.line,
    row: task.row,
  };
  if (Object.keys(facts).length > 0) {
    result.facts = facts;
  }
  return result;
}

/** One DUPLICATE_TASK per pair of lists that share tasks; a conflict per task whose reading differs. */
function reportDuplicates(lists: ImportList[], problems: Problem[]): void {
  const firstSeen = new Map<string, { list: ImportList; task: ImportTask }>();
  const pairs = new Map<string, { list: ImportList; other: ImportList; count: number }>();
  for (const list of lists) {
    for (const task of list.tasks) {
      const seen = firstSeen.get(task.id);
      if (!seen) {
        firstSeen.set(task.id, { list, task });
        continue;
      }
      const pairKey = `${lists.indexOf(list)}|${lists.indexOf(seen.list)}`;
      const pair = pairs.get(pairKey) ?? { list, other: seen.list, count: 0 };
      pair.count++;
      pairs.set(pairKey, pair);
      const differs =
        seen.task.lead.join('|') !== task.lead.join('|') ||
        (seen.task.deadline.due ?? seen.task.deadline.raw) !== (task.deadline.due ?? task.deadline.raw);
      if (differs && task.status === 'confirmed' && seen.task.status === 'confirmed') {
        problems.push({
          file: list.file,
          line: task.line,
          row: task.row,
          code: 'DUPLICATE_TASK_CONFLICT',
          message: `Nhiệm vụ này đã có ở “${seen.list.title}” (dòng ${seen.task.line ?? '?'}) nhưng khác cơ quan chủ trì hoặc thời hạn (${seen.task.deadline.raw || '—'} / ${task.deadline.raw || '—'}); giữ cách đọc đầu tiên.`,
          severity: 'warning',
        });
      }
    }
  }
  for (const { list, other, count } of pairs.values()) {
    const where =
      list === other ? 'lặp lại trong cùng danh sách' : `trùng với nhiệm vụ đã có ở “${other.title}” (${other.file})`;
    problems.push({
      file: list.file,
      line: list.line,
      row: null,
      code: 'DUPLICATE_TASK',
      message: `${count} nhiệm vụ của “${list.title}” ${where}: cùng văn bản giao, cùng nội dung; được ghép làm một.`,
      severity: 'info',
    });
  }
}

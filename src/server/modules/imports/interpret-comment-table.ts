import type { AgencyResolver } from '@server/modules/agencies/agency-resolver';
import type {
  AnswerStance,
  CommentStance,
  Consultation,
  ConsultationAnswer,
  ConsultationComment,
  ConsultationGroup,
} from '@shared/contracts/consultations';
import { cleanText, foldText } from '@shared/lib/vn-text';
import type { SourceDocument, SourceRow, SourceTable } from './source-document';

/**
 * Synthesis tables of comments on a draft ("bảng tổng hợp ý kiến", seed 000): one row per consulted agency with
 * its comment ("Nội dung góp ý") and the drafter's answer ("Ý kiến tiếp thu/giải trình"). They become a
 * {@link Consultation}: consultees, their stance, the answers with theirs, and the draft tasks each comment points at.
 */

export type CommentTableDeps = {
  resolver: Pick<AgencyResolver, 'resolve'>;
  /** Day the consultation took place (ISO), for names that changed since; default today. */
  asOf?: string;
};

type Columns = { tt: number | null; agency: number; comment: number; answer: number };

const AGREE = /^(nhất trí|thống nhất|đồng ý|không có ý kiến)(?=[\s,.;:]|$)/iu;
const ACCEPTED =
  /^(tiếp thu|đã tiếp thu|xin tiếp thu|đã (bổ sung|sửa|chỉnh|lược|rà soát|điều chỉnh|cập nhật|hoàn thiện))(?=[\s,.;:]|$)/iu;

/**
 * Every comment table of a document, as one consultation (a document holds one synthesis, possibly split into a
 * table for ministries and one for provinces). Documents without such a table give an empty list.
 */
export function interpretCommentTables(doc: SourceDocument, deps: CommentTableDeps): Consultation[] {
  const comments: ConsultationComment[] = [];
  const sections: Consultation['sections'] = [];
  let heading: { label: string | null; title: string; line: number } | null = null;
  let title: string | null = null;

  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      const text = cleanText(block.text);
      const roman = /^([IVXLC]{1,6})\s*[.\-–)]\s*(.+)$/u.exec(text);
      if (roman) {
        heading = { label: roman[1] ?? null, title: roman[2] ?? text, line: block.line };
      } else if (!title && /tổng hợp|ý kiến|góp ý/iu.test(text) && text.length <= 300) {
        title = text;
      }
      continue;
    }
    const found = findHeader(block);
    if (!found) {
      continue;
    }
    const { columns, headerIndex } = found;
    const header = block.rows[headerIndex]?.cells ?? [];
    const drafterRaw = drafterOf(header[columns.answer] ?? '');
    const drafter = drafterRaw ? resolveName(drafterRaw, deps) : null;
    const group = groupOf(header[columns.agency] ?? '', heading?.title ?? '');
    const tableComments = readRows(block, headerIndex, columns, group, deps);
    comments.push(...tableComments);
    sections.push({
      label: heading?.label ?? null,
      title: heading?.title ?? (group === 'localities' ? 'Các địa phương' : 'Các bộ, ngành'),
      group,
      line: heading?.line ?? block.line,
      drafter,
      drafterRaw,
      consultees: new Set(tableComments.map((c) => c.line)).size,
    });
    heading = null;
  }
  if (sections.length === 0) {
    return [];
  }
  return [
    {
      title: title ?? `Tổng hợp ý kiến góp ý (${doc.fileName})`,
      file: doc.fileName,
      drafter: sections.find((s) => s.drafter)?.drafter ?? null,
      sections,
      comments,
      summary: summarize(comments),
    },
  ];
}

/** The header row of a comment table and where its columns are, or null when the table is something else. */
export function findHeader(table: SourceTable): { columns: Columns; headerIndex: number } | null {
  for (let i = 0; i < Math.min(3, table.rows.length); i++) {
    const cells = (table.rows[i]?.cells ?? []).map((c) => foldText(c));
    const comment = cells.findIndex((c) => /\bgop y\b|noi dung y kien/.test(c) && !/tiep thu|giai trinh/.test(c));
    const answer = cells.findIndex((c) => /tiep thu|giai trinh/.test(c));
    const agency = cells.findIndex(
      (c, j) =>
        j !== comment &&
        j !== answer &&
        /^(bo nganh|bo co quan|co quan|don vi|tinh thanh pho|tinh tp|dia phuong|ten co quan|ten don vi|bo nganh dia phuong)\b/.test(
          c,
        ),
    );
    if (comment >= 0 && answer >= 0 && agency >= 0) {
      const tt = cells.findIndex((c) => /^(s?tt|so tt|so thu tu)$/.test(c));
      return { columns: { tt: tt >= 0 ? tt : null, agency, comment, answer }, headerIndex: i };
    }
  }
  return null;
}

function drafterOf(answerHeader: string): string | null {
  const m = /\bcủa\s+(.+)$/iu.exec(cleanText(answerHeader));
  return m?.[1] ? m[1].replace(/[.:]+$/u, '').trim() : null;
}

function groupOf(agencyHeader: string, headingTitle: string): ConsultationGroup {
  const text = `${foldText(agencyHeader)} ${foldText(headingTitle)}`;
  return /\b(tinh|thanh pho|dia phuong)\b/.test(text) && !/\bbo nganh\b/.test(foldText(agencyHeader))
    ? 'localities'
    : 'ministries';
}

function resolveName(name: string, deps: CommentTableDeps): string | null {
  const resolution = deps.resolver.resolve(name, deps.asOf);
  return resolution.agency?.name ?? null;
}

type Consultee = {
  agencyRaw: string;
  rowLabel: string | null;
  row: number;
  line: number;
  comment: string[];
  answer: string[];
};

function readRows(
  table: SourceTable,
  headerIndex: number,
  columns: Columns,
  group: ConsultationGroup,
  deps: CommentTableDeps,
): ConsultationComment[] {
  const header = (table.rows[headerIndex]?.cells ?? []).map((c) => foldText(c)).join('|');
  const consultees: Consultee[] = [];
  let lastNumber = 0;
  for (const row of table.rows.slice(headerIndex + 1)) {
    if (row.cells.map((c) => foldText(c)).join('|') === header) {
      continue; // header repeated after a page break
    }
    const agencyRaw = cleanText(cell(row, columns.agency));
    const comment = paragraphs(cell(row, columns.comment));
    const answer = paragraphs(cell(row, columns.answer));
    const label = columns.tt === null ? '' : cleanText(cell(row, columns.tt));
    if (!agencyRaw) {
      // A row cut by a page break continues the consultee above.
      const previous = consultees[consultees.length - 1];
      if (previous) {
        previous.comment.push(...comment);
        previous.answer.push(...answer);
      }
      continue;
    }
    if (/^[IVXLC]{1,6}\.?$/u.test(label) && comment.length === 0 && answer.length === 0) {
      continue; // group row ("I | CÁC BỘ, NGÀNH") inside one table
    }
    const number = /^(\d{1,4})/u.exec(label);
    const row_ = number ? Number.parseInt(number[1] ?? '0', 10) : lastNumber + 1;
    lastNumber = row_;
    consultees.push({ agencyRaw, rowLabel: label || null, row: row_, line: row.line, comment, answer });
  }
  return consultees.flatMap((c) => toComments(c, group, deps));
}

function cell(row: SourceRow, index: number): string {
  return row.cells[index] ?? '';
}

/** Non-empty lines of a cell, each cleaned. */
function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => cleanText(line))
    .filter((line) => line !== '');
}

function toComments(c: Consultee, group: ConsultationGroup, deps: CommentTableDeps): ConsultationComment[] {
  const agency = resolveName(c.agencyRaw, deps);
  const stance = commentStance(c.comment);
  const base = { agency, agencyRaw: c.agencyRaw, row: c.row, rowLabel: c.rowLabel, line: c.line, group, stance };
  const pairs = stance === 'comment' ? pairPoints(c.comment, c.answer) : [{ points: c.comment, answers: c.answer }];
  return pairs.map((pair, i) => {
    const text = pair.points.join('\n');
    return { ...base, point: i + 1, text, answer: answerOf(pair.answers), taskRefs: findTaskRefs(text) };
  });
}

/** agree: the whole comment is "Nhất trí" (or "Thống nhất…" in one short sentence); none: nothing written. */
export function commentStance(paras: string[]): CommentStance {
  if (paras.length === 0) {
    return 'none';
  }
  const only = paras[0] ?? '';
  if (paras.length === 1 && AGREE.test(only) && only.split(/\s+/).length <= 12) {
    return 'agree';
  }
  return 'comment';
}

/**
 * accepted: "Tiếp thu…" (with or without what was changed); agree: "Nhất trí"; anything else written is an
 * explanation that keeps the draft ("Đề xuất giữ nguyên…", "Đây là nhiệm vụ giao tại…"): the seeds never write
 * the word "Giải trình", so the category is inferred.
 */
export function answerStance(paragraph: string): AnswerStance {
  const text = cleanText(paragraph);
  if (!text) {
    return 'none';
  }
  if (ACCEPTED.test(text)) {
    return 'accepted';
  }
  if (AGREE.test(text) && text.split(/\s+/).length <= 8) {
    return 'agree';
  }
  return 'explained';
}

function answerOf(paras: string[]): ConsultationAnswer {
  const paragraphs = paras.map((text) => ({ text, stance: answerStance(text) }));
  const stances = new Set(paragraphs.map((p) => p.stance));
  let stance: AnswerStance = 'none';
  if (stances.has('explained')) {
    stance = 'explained';
  } else if (stances.has('accepted')) {
    stance = 'accepted';
  } else if (stances.has('agree')) {
    stance = 'agree';
  }
  return { text: paras.join('\n'), stance, paragraphs };
}

// ---------------------------------------------------------------------------------------------------------------
// Pairing the points of a comment with the answer paragraphs

type Marker = { style: string | null; topic: boolean; heading: boolean };

function markerOf(paragraph: string): Marker {
  let style: string | null = null;
  let rest = paragraph;
  const dotted = /^(\d{1,2}(?:\.\d{1,2})*)[.)]\s*/u.exec(paragraph);
  const paren = /^\((\d{1,2}|[ivx]{1,4})\)\s*/u.exec(paragraph);
  const letter = /^([a-zđ])\)\s*/u.exec(paragraph);
  const dash = /^([-–•+])\s*/u.exec(paragraph);
  if (dotted) {
    style = `dot${(dotted[1] ?? '').split('.').length}`;
    rest = paragraph.slice(dotted[0].length);
  } else if (paren) {
    style = 'paren';
    rest = paragraph.slice(paren[0].length);
  } else if (letter) {
    style = 'letter';
    rest = paragraph.slice(letter[0].length);
  } else if (dash) {
    style = dash[1] === '+' ? 'plus' : 'dash';
    rest = paragraph.slice(dash[0].length);
  }
  const topic = /^(về|đối với|tại|riêng về|ngoài ra)(?=[\s,])/iu.test(rest);
  // "1. Một số ý kiến chung", "b) Dự thảo Kế hoạch": a title over the points that follow.
  const heading =
    style !== 'dash' &&
    style !== 'plus' &&
    /^\p{Lu}/u.test(rest) &&
    rest.length <= 80 &&
    !/[.;:!?]$/u.test(rest) &&
    rest.split(/\s+/).length <= 10;
  return { style, topic, heading };
}

/**
 * Split a comment into points so that each answer paragraph has one: the drafter answers "per point, in order".
 * Tries the points as numbered (first numbering style, then any numbering), as topics ("Về …", "Tại …"), as
 * bullets, then paragraph by paragraph, and takes the first split that gives exactly as many points as answers
 * (else the closest). Surplus points share the last answer; surplus answers go to the last point.
 */
export function pairPoints(comment: string[], answers: string[]): Array<{ points: string[]; answers: string[] }> {
  if (answers.length <= 1 || comment.length <= 1) {
    return [{ points: comment, answers }];
  }
  const markers = comment.map(markerOf);
  const firstNumbered = markers.find((m) => m.style && m.style !== 'dash' && m.style !== 'plus')?.style;
  const firstBullet = markers.find((m) => m.style === 'dash' || m.style === 'plus')?.style;
  const numbered = (m: Marker) => m.style !== null && m.style !== 'dash' && m.style !== 'plus';
  const candidates: Array<(m: Marker) => boolean> = [
    (m) => firstNumbered !== undefined && m.style === firstNumbered,
    (m) => numbered(m),
    (m) => m.topic,
    (m) => firstBullet !== undefined && m.style === firstBullet && !m.heading,
    (m) => !m.heading,
  ];
  let best: string[][] | null = null;
  for (const isStart of candidates) {
    const groups = splitAt(comment, markers, isStart);
    if (groups.length === answers.length) {
      best = groups;
      break;
    }
    if (
      groups.length > 1 &&
      (!best || Math.abs(groups.length - answers.length) < Math.abs(best.length - answers.length))
    ) {
      best = groups;
    }
  }
  const groups = best ?? [comment];
  const n = answers.length;
  const out: Array<{ points: string[]; answers: string[] }> = [];
  if (groups.length >= n) {
    for (let i = 0; i < n - 1; i++) {
      out.push({ points: groups[i] ?? [], answers: [answers[i] ?? ''] });
    }
    out.push({ points: groups.slice(n - 1).flat(), answers: [answers[n - 1] ?? ''] });
  } else {
    for (let i = 0; i < groups.length - 1; i++) {
      out.push({ points: groups[i] ?? [], answers: [answers[i] ?? ''] });
    }
    out.push({ points: groups[groups.length - 1] ?? [], answers: answers.slice(groups.length - 1) });
  }
  return out;
}

/** Groups starting at each paragraph `isStart` accepts; titles above a start join it, text before the first start too. */
function splitAt(paras: string[], markers: Marker[], isStart: (m: Marker) => boolean): string[][] {
  const groups: string[][] = [];
  let pending: string[] = [];
  paras.forEach((para, i) => {
    const marker = markers[i] ?? { style: null, topic: false, heading: false };
    if (isStart(marker)) {
      groups.push([...pending, para]);
      pending = [];
    } else if (marker.heading || groups.length === 0) {
      pending.push(para);
    } else {
      groups[groups.length - 1]?.push(para);
    }
  });
  if (pending.length > 0) {
    if (groups.length === 0) {
      groups.push(pending);
    } else {
      groups[groups.length - 1]?.push(...pending);
    }
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------------------
// References to draft tasks

const ROMAN_NUMERAL = '[IVX]{1,5}';
const TASK_ANCHOR =
  /(?:nhiệm vụ|(?<![\p{L}&])TT|STT|số thứ tự|tiểu mục)\s+(?:tại\s+)?(?:(?:số thứ tự|số|TT|STT|tiểu mục)\s+)?(\d{1,3})(?!\d|[/%]|[.,]\d)((?:\s*(?:,|và)\s*(?:(?:TT|STT|nhiệm vụ(?:\s+số)?|số)\s+)?\d{1,3}(?!\d|[/%]|[.,]\d))*)/giu;
const SECTION_AFTER = new RegExp(
  `^[\\s,]*(?:(?:của|tại|thuộc|trong)\\s+)?(mục|phần)\\s+(${ROMAN_NUMERAL})\\b(?:[\\s,]*(?:(?:của|tại|thuộc|trong)\\s+)?(mục|phần)\\s+(${ROMAN_NUMERAL})\\b)?`,
  'iu',
);

/**
 * Draft tasks a comment points at: "nhiệm vụ số 29, mục III" → III.29; "TT 7 và TT 21 của Phần IV" → IV.7, IV.21;
 * "TT 16, 19, mục II, phần III" → III.16, III.19 (the part wins over the sub-section); "Tại “IV. CÁC NHIỆM VỤ …”.
 * Nhiệm vụ số 32" → IV.32 (the quoted heading before it); a number with no section stays bare ("76").
 */
export function findTaskRefs(text: string): string[] {
  const refs: string[] = [];
  const clean = text
    .split('\n')
    .map((line) => cleanText(line))
    .join('\n');
  for (const m of clean.matchAll(TASK_ANCHOR)) {
    const numbers = [m[1] ?? '', ...[...(m[2] ?? '').matchAll(/\d{1,3}/g)].map((x) => x[0])].filter(Boolean);
    const end = (m.index ?? 0) + m[0].length;
    const after = SECTION_AFTER.exec(clean.slice(end, end + 60));
    let section: string | null = null;
    if (after) {
      const parts: Array<[string, string]> = [[after[1] ?? '', after[2] ?? '']];
      if (after[3] && after[4]) {
        parts.push([after[3], after[4]]);
      }
      section = (parts.find(([kind]) => /phần/iu.test(kind)) ?? parts[0])?.[1]?.toUpperCase() ?? null;
    } else {
      section = sectionBefore(clean.slice(0, m.index ?? 0));
    }
    for (const n of numbers) {
      const ref = section ? `${section}.${Number.parseInt(n, 10)}` : String(Number.parseInt(n, 10));
      if (!refs.includes(ref)) {
        refs.push(ref);
      }
    }
  }
  return refs;
}

/**
 * The section named earlier on the same line: the nearest "mục IV"/"phần IV" since the last ";", else a quoted
 * heading ("Tại “IV. CÁC NHIỆM VỤ …”").
 */
function sectionBefore(before: string): string | null {
  const line = before.slice(before.lastIndexOf('\n') + 1);
  const clause = line.slice(line.lastIndexOf(';') + 1);
  const named = [...clause.matchAll(new RegExp(`(?:mục|phần)\\s+(${ROMAN_NUMERAL})\\b`, 'giu'))].pop();
  if (named?.[1]) {
    return named[1].toUpperCase();
  }
  const quoted = [...line.matchAll(new RegExp(`[“"](${ROMAN_NUMERAL})\\.\\s`, 'gu'))].pop();
  return quoted?.[1] ?? null;
}

function summarize(comments: ConsultationComment[]): Consultation['summary'] {
  const byConsultee = new Map<string, ConsultationComment>();
  for (const c of comments) {
    byConsultee.set(`${c.group}|${c.line}`, c);
  }
  const consultees = [...byConsultee.values()];
  const paragraphs = comments.flatMap((c) => c.answer.paragraphs);
  return {
    consultees: consultees.length,
    agree: consultees.filter((c) => c.stance === 'agree').length,
    commented: consultees.filter((c) => c.stance === 'comment').length,
    silent: consultees.filter((c) => c.stance === 'none').length,
    answers: {
      accepted: paragraphs.filter((p) => p.stance === 'accepted').length,
      explained: paragraphs.filter((p) => p.stance === 'explained').length,
      agree: paragraphs.filter((p) => p.stance === 'agree').length,
    },
  };
}

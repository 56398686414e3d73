/**
 * How the status engine reads what a document said about a task (a "reported fact": a status column such as
 * TIẾN ĐỘ or "Kết quả thực hiện", a "Đơn vị chưa hoàn thành" column, a result or description column, or the list's
 * own caption such as "DANH MỤC NHIỆM VỤ QUÁ HẠN"). Such a statement counts as a report made by the standing office
 * on the date the document speaks for, marked as coming from that document. Pure: no I/O.
 *
 * Rules (seed 001 PL01/PL02/PL06, seed 003 Phụ lục 1; issue #5):
 * 1. Statement date: the date the document's own text gives for the list ("Đến hết 24/5/2025 … (Chi tiết tại Phụ lục
 *    1)"), else the end of the period its caption names ("… TRONG 06 THÁNG ĐẦU NĂM 2025" → 30/6/2025), else the
 *    document's date. Never later than the document's date.
 * 2. Status words: "Đã hoàn thành"/"Hoàn thành" → completed; "Chưa hoàn thành"/"Đang thực hiện" → in progress;
 *    "Quá hạn"/"Đang thực hiện quá hạn" → overdue (in progress past the deadline); "Chưa triển khai/thực hiện" → not
 *    started. A status cell wins over the caption; a caption ("QUÁ HẠN", "ĐÃ HOÀN THÀNH") applies to rows without one.
 * 3. "Đơn vị chưa hoàn thành": the listed lead agencies are not complete as of the statement date, every other lead
 *    is complete (by that date, exact date unknown). When none of the listed units is a lead of the task, the split
 *    cannot be made: every lead is not complete, and the mismatch is reported.
 * 4. A completed statement's completion date is the latest dated document cited in its result or description columns
 *    ("Quyết định số 1169/QĐ-TTg ngày 16/6/2025") not after the statement date; otherwise it is unknown and the
 *    statement date is an upper bound ("completed by").
 */

import { foldText } from '@shared/lib/vn-text';
import { findDocumentReferences } from './document-reference';

export type ClaimedStatus = 'completed' | 'in-progress' | 'overdue' | 'not-started';

const STATUS_PATTERNS: Array<[RegExp, ClaimedStatus]> = [
  [/^(dang thuc hien )?qua han\b/, 'overdue'],
  [/^chua (trien khai|thuc hien)\b/, 'not-started'],
  [/^chua hoan thanh\b/, 'in-progress'],
  [/^dang (thuc hien|trien khai)\b/, 'in-progress'],
  [/^(da )?hoan thanh\b/, 'completed'],
];

/** Reads a status cell ("Đã hoàn thành", "Hoàn thành", "Đang thực hiện", "Quá hạn"…); null when it says none of them. */
export function interpretStatusText(text: string | null | undefined): ClaimedStatus | null {
  if (!text) {
    return null;
  }
  const folded = foldText(text);
  for (const [pattern, status] of STATUS_PATTERNS) {
    if (pattern.test(folded)) {
      return status;
    }
  }
  return null;
}

/** The status a list's caption gives every row ("DANH MỤC NHIỆM VỤ QUÁ HẠN …", "… ĐÃ HOÀN THÀNH …"), if any. */
export function claimFromListTitle(title: string): ClaimedStatus | null {
  const folded = foldText(title);
  if (/\bqua han\b/.test(folded)) {
    return 'overdue';
  }
  if (/\bchua hoan thanh\b/.test(folded)) {
    return 'in-progress';
  }
  if (/\bda hoan thanh\b/.test(folded)) {
    return 'completed';
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The end of the period a caption says its statuses cover, or null: "trong 06 tháng đầu năm 2025" → 2025-06-30,
 * "9 tháng đầu năm" → 09-30, "trong quý II/2025" → 2025-06-30, "đến hết (ngày) 24/5/2025", "đến hết tháng 5/2025".
 * Forward-looking captions ("06 THÁNG CUỐI NĂM", "CÓ THỜI HẠN HOÀN THÀNH THÁNG 3-5/2025") name no such period.
 */
export function periodEndFromTitle(title: string): string | null {
  const folded = foldText(title);
  let m = /\b(?:trong|den het) 0?(\d) thang dau nam (\d{4})\b/.exec(folded);
  if (m) {
    return iso(Number(m[2]), Number(m[1]), lastDay(Number(m[2]), Number(m[1])));
  }
  m = /\b(?:den het|tinh den) (?:ngay )?(\d{1,2}) (\d{1,2}) (\d{4})\b/.exec(folded);
  if (m) {
    return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  m = /\bden het thang (\d{1,2}) (\d{4})\b/.exec(folded);
  if (m) {
    return iso(Number(m[2]), Number(m[1]), lastDay(Number(m[2]), Number(m[1])));
  }
  m = /\btrong quy (i{1,3}|iv) (\d{4})\b/.exec(folded);
  if (m) {
    const q = ROMAN[m[1] as string] ?? 1;
    return iso(Number(m[2]), q * 3, lastDay(Number(m[2]), q * 3));
  }
  return null;
}

/** Rule 1: the date a list speaks for. `statedInText` is the date the document body gives for this list, if any. */
export function statementDateOf(list: {
  title: string;
  documentDate: string | null;
  statedInText?: string | null;
}): string | null {
  const candidates = [list.statedInText ?? null, periodEndFromTitle(list.title)].filter((d): d is string => !!d);
  const stated = candidates[0] ?? null;
  if (!stated) {
    return list.documentDate;
  }
  return list.documentDate && stated > list.documentDate ? list.documentDate : stated;
}

/** Rule 4: the completion date a result/description states (latest dated citation ≤ `notAfter`), with the citation. */
export function completionDateFromText(
  texts: (string | null | undefined)[],
  notAfter: string | null,
): { date: string; citation: string } | null {
  let best: { date: string; citation: string } | null = null;
  for (const text of texts) {
    if (!text) {
      continue;
    }
    for (const ref of findDocumentReferences(text)) {
      if (!ref.issuedOn || (notAfter && ref.issuedOn > notAfter)) {
        continue;
      }
      if (!best || ref.issuedOn > best.date) {
        best = { date: ref.issuedOn, citation: ref.raw };
      }
    }
  }
  return best;
}

/** Key to compare agency names across documents: folded, without the "Tỉnh"/"Thành phố" prefix. */
export function unitKey(name: string): string {
  return foldText(name)
    .replace(/^(tinh|thanh pho|tp)\s+/, '')
    .trim();
}

/** One list row about a task, with the facts read from it (already NFC-normalised by the importer). */
export type ListStatement = {
  /** Stable id of the source (list id), used to group and trace records. */
  sourceId: string;
  /** Human label of the source: file, list caption, row. */
  label: string;
  statedOn: string;
  claim: ClaimedStatus | null;
  /** The status cell as written, when there is one. */
  statusText: string | null;
  unitsNotCompleted: string[] | null;
  completion: { date: string; citation: string } | null;
};

export type LeadRef = { key: string; name: string };

export type LeadRecord = {
  leadKey: string;
  state: 'completed' | 'in-progress' | 'not-started';
  completedOn: string | null;
  completedBy: string | null;
};

export type StatementReading = {
  records: LeadRecord[];
  /** Listed units that are none of the task's leads (reported as a discrepancy, still listed as not complete). */
  unmatchedUnits: string[];
  /** Rule 3's fallback was used (no listed unit is a lead). */
  splitImpossible: boolean;
};

/** Rules 2–4 for one statement: what it says about each lead of the task. */
export function readStatement(statement: ListStatement, leads: LeadRef[]): StatementReading {
  const units = statement.unitsNotCompleted ?? [];
  if (units.length > 0) {
    const unitKeys = new Map(units.map((u) => [unitKey(u), u]));
    const listed = new Set<string>();
    for (const lead of leads) {
      if (unitKeys.has(unitKey(lead.name))) {
        listed.add(lead.key);
      }
    }
    const matchedKeys = new Set(leads.filter((l) => listed.has(l.key)).map((l) => unitKey(l.name)));
    const unmatchedUnits = units.filter((u) => !matchedKeys.has(unitKey(u)));
    const splitImpossible = listed.size === 0;
    return {
      records: leads.map((lead) =>
        splitImpossible || listed.has(lead.key)
          ? { leadKey: lead.key, state: 'in-progress', completedOn: null, completedBy: null }
          : { leadKey: lead.key, state: 'completed', completedOn: null, completedBy: statement.statedOn },
      ),
      unmatchedUnits,
      splitImpossible,
    };
  }
  const claim = statement.claim;
  if (!claim) {
    return { records: [], unmatchedUnits: [], splitImpossible: false };
  }
  return {
    records: leads.map((lead) =>
      claim === 'completed'
        ? {
            leadKey: lead.key,
            state: 'completed',
            completedOn: statement.completion?.date ?? null,
            completedBy: statement.statedOn,
          }
        : {
            leadKey: lead.key,
            state: claim === 'not-started' ? 'not-started' : 'in-progress',
            completedOn: null,
            completedBy: null,
          },
    ),
    unmatchedUnits: [],
    splitImpossible: false,
  };
}

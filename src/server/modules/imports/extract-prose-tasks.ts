import { stableId } from '@server/lib/ids';
import type { AgencyResolver } from '@server/modules/agencies/agency-resolver';
import type { Deadline, ImportList, ImportTask, Problem } from '@shared/contracts/imports';
import { cleanText, foldText } from '@shared/lib/vn-text';
import type { SourceDocument } from './source-document';

/**
 * Directives written as prose ("Giao Bộ Công an chủ trì, phối hợp với … hoàn thành trong tháng 6/2025") become
 * *proposed* tasks: a person confirms or edits them before they count. This module finds the candidates, with
 * the agencies and the deadline phrase as written; {@link proseTasksToImportList} turns them into an import list.
 */

/** The part of the agency resolver this module needs. */
export type ProseResolver = Pick<AgencyResolver, 'resolve' | 'splitAgencyList'>;

export type ProseDeps = {
  resolver: ProseResolver;
  findDeadlineInText: (text: string) => Deadline | null;
};

/** How the sentence assigns the task. */
export type ProseVerb = 'giao' | 'yeu-cau' | 'de-nghi' | 'chu-tri' | 'statement';

export type ProseTask = {
  /** The bullet or sentence, cleaned (NFC, markup and list marker removed). */
  text: string;
  /** List marker as written ("-", "a)", "3.", "(1)"), or null for a plain paragraph. */
  label: string | null;
  /** Lead agencies as written (not yet resolved), in order. */
  leadNames: string[];
  coordinatorNames: string[];
  /** The lead/coordinator phrase as written, before splitting. */
  leadRaw: string | null;
  coordinatorsRaw: string | null;
  /** True when the lead comes from the heading or the introductory sentence ("5. Đảng uỷ Chính phủ", "Yêu cầu …:"). */
  leadInherited: boolean;
  /** Deadline phrase as written ("hoàn thành trong tháng 6/2025"), and its reading. */
  deadlineText: string | null;
  deadline: Deadline | null;
  /** "Phân công Phó Thủ tướng … theo dõi, chỉ đạo": who supervises, as written. */
  supervisor: string | null;
  verb: ProseVerb;
  /** Heading path, e.g. "IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM › 3. Về phát triển hạ tầng số, kinh tế số". */
  section: string | null;
  line: number;
};

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/**
 * Lower-case words that end the subject of a directive sentence ("Bộ Công an | khẩn trương …"). Agency names
 * write their own words capitalised ("Bộ Xây dựng"), so these are matched case-sensitively.
 */
const SUBJECT_END_WORDS = [
  'chủ trì',
  'phối hợp',
  'đã',
  'đang',
  'sẽ',
  'bổ sung',
  'khẩn trương',
  'tiếp tục',
  'tập trung',
  'tham mưu',
  'hướng dẫn',
  'nghiên cứu',
  'xây dựng',
  'triển khai',
  'trình',
  'sửa đổi',
  'rà soát',
  'chỉ đạo',
  'lãnh đạo',
  'theo chức năng',
  'căn cứ',
  'đăng ký',
  'sớm',
  'chịu trách nhiệm',
  'bảo đảm',
  'đảm bảo',
  'phải',
  'cần',
  'có trách nhiệm',
  'thực hiện',
  'ban hành',
  'tổ chức',
  'hoàn thành',
  'hoàn thiện',
  'tổng hợp',
  'đôn đốc',
  'theo dõi',
  'tiên phong',
  'đẩy mạnh',
  'chủ động',
  'kịp thời',
  'quán triệt',
  'nâng cao',
  'nâng cấp',
  'thúc đẩy',
  'phát huy',
  'cung cấp',
  'công bố',
  'kiểm tra',
  'giám sát',
  'thiết lập',
  'đề xuất',
  'thống nhất',
  'xác định',
  'bố trí',
  'phân bổ',
  'vận hành',
  'hỗ trợ',
  'tuyên truyền',
  'sơ kết',
  'tổng kết',
  'cập nhật',
  'báo cáo',
  'tiếp nhận',
  'tiếp thu',
  'ưu tiên',
  'khắc phục',
  'số hóa',
  'số hoá',
  'chuẩn hóa',
  'chuẩn hoá',
  'đánh giá',
  'đưa',
  'gửi',
  'ngay',
  'được giao',
  'nhằm',
  'để',
  'trong',
  'tại',
  'về việc',
];
const SUBJECT_END = new RegExp(
  `(?:[:…]|(?<!\\bTP|\\.)\\.(?!\\.)|;(?=\\s*\\p{Ll})|,\\s*(?:đặc biệt|nhất là|trong đó)(?=[\\s,.;:]|$)|\\s(?:${SUBJECT_END_WORDS.join('|')})(?=[\\s,.;:]|$))`,
  'u',
);

/** First words of an agency or of a group of agencies (lower case, with diacritics: "bỏ" is not "bộ"). */
const AGENCY_HEADS = [
  'bộ',
  'các bộ',
  'cơ quan',
  'các cơ quan',
  'ủy ban',
  'uỷ ban',
  'ubnd',
  'văn phòng',
  'ngân hàng',
  'tòa án',
  'toà án',
  'viện',
  'đảng ủy',
  'đảng uỷ',
  'ban',
  'các ban',
  'sở',
  'các sở',
  'tổng cục',
  'cục',
  'thanh tra',
  'kiểm toán',
  'đài',
  'thông tấn',
  'hội',
  'mặt trận',
  'đoàn',
  'các đoàn thể',
  'công an',
  'trung tâm',
  'tập đoàn',
  'các tập đoàn',
  'đại học',
  'trường',
  'các trường',
  'học viện',
  'quân ủy',
  'quân uỷ',
  'thành ủy',
  'thành uỷ',
  'tỉnh ủy',
  'tỉnh uỷ',
  'hội đồng',
  'quốc hội',
  'chính phủ',
  'thủ tướng',
  'địa phương',
  'các địa phương',
  'các tỉnh',
  'tỉnh',
  'thành phố',
  'tp',
  'ngành',
  'các ngành',
  'các cấp',
  'các đơn vị',
  'đơn vị',
  'doanh nghiệp',
  'các doanh nghiệp',
  'tổ công tác',
  'các tổ',
  'bộ chỉ huy',
  'tổng công ty',
  'nhnn',
  'vpcp',
  'bca',
  'bqp',
  'btc',
  'bkhcn',
];

const DIRECTIVE_VERBS: Array<{ pattern: RegExp; verb: ProseVerb }> = [
  { pattern: /^(?:trước mắt,\s*)?giao\s+(?:cho\s+)?/iu, verb: 'giao' },
  { pattern: /^(?:trước mắt,\s*)?yêu cầu\s+/iu, verb: 'yeu-cau' },
  { pattern: /^(?:trước mắt,\s*)?đề nghị\s+/iu, verb: 'de-nghi' },
];

const LABEL_LINE =
  /^(giải pháp|đề xuất|kiến nghị|biện pháp|nhiệm vụ|vấn đề|tồn tại|hạn chế|nguyên nhân|hiện trạng|tình hình|kết quả)(?:\s[^:]{0,60})?:\s*(.*)$/iu;
const TASK_LABEL = /^(giải pháp|đề xuất|kiến nghị|biện pháp|nhiệm vụ)/iu;
const DEADLINE_LINE = /^thời hạn(?:\s+hoàn thành)?\s*:/iu;
const TASK_SECTION = /\b(nhiem vu|giai phap|to chuc thuc hien|phan cong)\b/;
/** Headings of report parts: tasks are described there, not assigned. */
const REPORT_SECTION = /\b(ket qua|tinh hinh|bao cao|thong ke|ton tai|han che)\b/;
const ROMAN = /^(?:[IVXLC]{1,6}\s*[.\-–)/]|[A-Z]\.)\s*(?=\S)/;
const DIGIT = /^(\d{1,2})\s*[.)]\s+(?=\S)/;
const LETTER = /^([a-zđ])\)\s*(?=\S)/;
const PAREN = /^\((\d{1,2}|[ivx]{1,5}|[a-zđ])\)\s*(?=\S)/;
const BULLET = /^[-–—•+*·]\s*(?=\S)/;
const FOOTNOTE_LINE = /^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S/;
const SUPERSCRIPTS = /[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;

/** Marker depth: a context set by an item applies to later items of greater depth. */
const DEPTH = { roman: 1, plain: 1.5, digit: 2, letter: 3, paren: 4, bullet: 5 } as const;
type MarkerKind = keyof typeof DEPTH;

type Line = { text: string; line: number; headingLevel?: number; table?: boolean };
type Unit = { kind: MarkerKind | 'table'; label: string | null; body: string; line: number };
type SectionEntry = { level: number; title: string; addressee: string | null; task: boolean; appendix: boolean };
type Context = { depth: number; lead: string };

// ---------------------------------------------------------------------------------------------------------------

/**
 * Find directives written as prose. Inside sections about tasks ("NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN", an
 * appendix of tasks) every bullet, lettered or numbered item and plain paragraph is a candidate; elsewhere only
 * sentences that assign work explicitly ("Giao …", "Yêu cầu …", "Đề nghị …", "X chủ trì, phối hợp …"). Items cut
 * by a page break (the next line starts in lower case) are joined first; footnote lines are skipped; the
 * recipients list ("Nơi nhận") and signature blocks are ignored. An item whose lead is not named takes it from
 * its heading ("5. Đảng uỷ Chính phủ" → a), b)) or from the sentence that introduces it ("… các nội dung sau:").
 */
export function extractProseTasks(doc: SourceDocument, deps: ProseDeps): ProseTask[] {
  const tasks: ProseTask[] = [];
  const sections: SectionEntry[] = [];
  let contexts: Context[] = [];
  let skipping = false;

  let previousWasCaption = false;
  // Inside "Vấn đề: …" / "Giải pháp: …" blocks the label, not the heading, says whether items are tasks.
  let localScope: 'task' | 'other' | null = null;
  let awaitingDeadline: ProseTask[] = [];
  for (const unit of joinContinuations(collectLines(doc))) {
    const captionContinues = previousWasCaption;
    previousWasCaption = false;
    if (unit.kind === 'table') {
      contexts = [];
      continue;
    }
    if (/^nơi nhận\b/iu.test(unit.body)) {
      skipping = true;
      sections.length = 0;
      contexts = [];
      continue;
    }
    const last = sections[sections.length - 1];
    if (captionContinues && last && /^\((?:ban hành\s+)?kèm theo\b/iu.test(unit.body)) {
      // "(Kèm theo Thông báo số …)" under an appendix title belongs to the caption.
      previousWasCaption = true;
      continue;
    }
    const heading = asHeading(unit, deps.resolver);
    if (heading) {
      skipping = false;
      contexts = [];
      localScope = null;
      awaitingDeadline = [];
      if (captionContinues && heading.level === 0 && last?.appendix) {
        // Caption lines after "Phụ lục": one title.
        last.title = `${last.title} ${heading.title}`;
        last.task = isTaskHeading(foldText(last.title));
        previousWasCaption = true;
        continue;
      }
      popSections(sections, heading.level);
      if (heading.level === 0) {
        sections.length = 0;
      }
      sections.push(heading);
      previousWasCaption = heading.appendix;
      continue;
    }
    if (skipping || isBoilerplate(unit.body)) {
      continue;
    }
    const deadlineLine = DEADLINE_LINE.exec(unit.body);
    if (deadlineLine && unit.kind === 'plain') {
      // "Thời hạn hoàn thành: Tháng 7/2025." closes the group of solutions above it.
      const deadline = deps.findDeadlineInText(unit.body) ?? null;
      for (const task of awaitingDeadline) {
        if (!task.deadline && deadline) {
          task.deadline = deadline;
          task.deadlineText = deadline.raw;
        }
      }
      awaitingDeadline = [];
      continue;
    }
    const label = LABEL_LINE.exec(unit.body);
    if (label && unit.kind === 'plain') {
      localScope = TASK_LABEL.test(label[1] ?? '') ? 'task' : 'other';
      const rest = (label[2] ?? '').trim();
      if (!rest) {
        continue;
      }
      unit.body = rest;
    }
    const itemLevel = HEADING_LEVEL[unit.kind];
    if (itemLevel !== undefined) {
      // "6. …" after the heading "5. Đảng uỷ Chính phủ" is that heading's sibling, not its child.
      popSections(sections, itemLevel);
    }
    const depth = DEPTH[unit.kind as MarkerKind];
    contexts = contexts.filter((c) => c.depth < depth);
    const inTaskSection = localScope
      ? localScope === 'task'
      : sections.some((s) => s.task) && !sections.some((s) => REPORT_SECTION.test(foldText(s.title)));
    const section = sectionPath(sections);
    const inherited = contexts[contexts.length - 1]?.lead ?? nearestAddressee(sections);

    for (const piece of splitEnumeration(unit, deps.resolver)) {
      const task = readTask(piece.body, piece.label, unit.line, section, piece.addressee ?? inherited, deps);
      if (!task) {
        continue;
      }
      const explicit = task.verb !== 'statement';
      const introduces = piece.body.endsWith(':');
      if (introduces && task.leadNames.length > 0 && task.leadRaw) {
        contexts.push({ depth, lead: task.leadRaw });
      }
      // "Đảng ủy … lãnh đạo Ủy ban nhân dân Thành phố:" only introduces the items below it; it is a task itself
      // only when it also says something complete ("…, hoàn thành trước ngày 30/10/2025. Đồng thời …:").
      if (introduces && !task.deadline && !hasCompleteSentence(piece.body)) {
        continue;
      }
      if (task.reported) {
        continue;
      }
      // Outside task sections a request needs an addressee: "Đề nghị bổ sung …" is a remark, not an assignment.
      if (inTaskSection ? isTaskLike(piece.body) : explicit && task.leadNames.length > 0) {
        const { reported: _reported, ...proseTask } = task;
        tasks.push(proseTask);
        awaitingDeadline.push(proseTask);
      }
    }
  }
  return tasks;
}

function popSections(sections: SectionEntry[], level: number): void {
  while (sections.length > 0 && (sections[sections.length - 1]?.level ?? 0) >= level && level > 0) {
    sections.pop();
  }
}

function hasCompleteSentence(body: string): boolean {
  return /[^.]\.\s+\S/u.test(body.replace(/:$/, ''));
}

function collectLines(doc: SourceDocument): Line[] {
  const lines: Line[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'paragraph') {
      lines.push({ text: '', line: block.line, table: true });
      continue;
    }
    const parts = block.text.split('\n');
    parts.forEach((part, i) => {
      const text = cleanProse(part);
      if (text) {
        lines.push(
          i === 0 && block.headingLevel !== undefined
            ? { text, line: block.line + i, headingLevel: block.headingLevel }
            : { text, line: block.line + i },
        );
      }
    });
  }
  return lines;
}

/** NFC, markdown emphasis, HTML tags and superscript footnote marks removed, whitespace collapsed. */
function cleanProse(raw: string): string {
  return cleanText(
    raw
      .replace(/<[^<>]{0,80}>/g, ' ')
      .replace(/\*\*|__/g, '')
      .replace(/(^|\s)\*(\S[^*]*?)\*(?=\s|[.,;:]|$)/g, '$1$2')
      .replace(/^#{1,6}\s+/, ''),
  ).replace(/^\*+$/, '');
}

/** Lines that start in lower case continue the item above (a sentence cut by a page break); footnotes are skipped. */
function joinContinuations(lines: Line[]): Array<Unit & { headingLevel?: number }> {
  const units: Array<Unit & { headingLevel?: number }> = [];
  for (const line of lines) {
    if (line.table) {
      units.push({ kind: 'table', label: null, body: '', line: line.line });
      continue;
    }
    if (FOOTNOTE_LINE.test(line.text) || /^\d{1,3}$/.test(line.text)) {
      continue;
    }
    const previous = units[units.length - 1];
    if (
      previous &&
      previous.kind !== 'table' &&
      /^\p{Ll}/u.test(line.text) &&
      !LETTER.test(line.text) &&
      !/:$/.test(previous.body)
    ) {
      previous.body = `${previous.body} ${stripFootnoteMarks(line.text)}`;
      continue;
    }
    units.push({ ...parseMarker(line.text), line: line.line, headingLevel: line.headingLevel });
  }
  return units;
}

function stripFootnoteMarks(text: string): string {
  return text.replace(SUPERSCRIPTS, '').replace(/\s+([.,;:])/g, '$1');
}

function parseMarker(text: string): Unit & { line: number } {
  const clean = stripFootnoteMarks(text);
  const kinds: Array<[MarkerKind, RegExp]> = [
    ['bullet', BULLET],
    ['roman', ROMAN],
    ['digit', DIGIT],
    ['letter', LETTER],
    ['paren', PAREN],
  ];
  for (const [kind, pattern] of kinds) {
    const match = pattern.exec(clean);
    if (match) {
      const label = kind === 'bullet' ? '-' : match[0].trim();
      return { kind, label, body: clean.slice(match[0].length).trim(), line: 0 };
    }
  }
  return { kind: 'plain', label: null, body: clean, line: 0 };
}

const HEADING_LEVEL: Partial<Record<Unit['kind'], number>> = { roman: 1, digit: 2, letter: 3 };

function asHeading(unit: Unit & { headingLevel?: number }, resolver: ProseResolver): SectionEntry | null {
  const body = unit.body;
  const folded = foldText(body);
  const title = unit.label ? `${unit.label} ${body}` : body;
  if (unit.kind === 'bullet' || unit.kind === 'paren') {
    return null;
  }
  const terminal = /[.;:,]$/.test(body) || /\.\s/.test(body);
  const numbered = HEADING_LEVEL[unit.kind];
  if (numbered !== undefined) {
    if (terminal || body.length > 260 || /^nhiệm vụ cụ thể(?=[\s:,.]|$)/iu.test(body)) {
      return null;
    }
    const addressee = headingAddressee(body, resolver);
    return { level: numbered, title, addressee, task: isTaskHeading(folded), appendix: false };
  }
  // Unnumbered: a document title, an appendix caption, a signature block.
  const upper = isMostlyUpperCase(body);
  const appendix = /^phụ lục\b/iu.test(body);
  if ((unit.headingLevel !== undefined && !terminal) || upper || (appendix && body.length <= 200)) {
    return { level: 0, title, addressee: null, task: appendix && isTaskHeading(folded), appendix };
  }
  return null;
}

function headingAddressee(body: string, resolver: ProseResolver): string | null {
  const text = body.replace(/^đối với\s+/iu, '');
  return looksLikeAgencyList(text, resolver) ? text : null;
}

function isMostlyUpperCase(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) {
    return false;
  }
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.8;
}

function isTaskHeading(folded: string): boolean {
  return TASK_SECTION.test(folded) && !REPORT_SECTION.test(folded);
}

function sectionPath(sections: SectionEntry[]): string | null {
  const titles = sections
    .filter((s, i) => s.level > 0 || (s.appendix && i === sections.findLastIndex((x) => x.level === 0)))
    .map((s) => s.title);
  return titles.length > 0 ? titles.join(' › ') : null;
}

function nearestAddressee(sections: SectionEntry[]): string | null {
  for (let i = sections.length - 1; i >= 0; i--) {
    const entry = sections[i];
    if (entry?.addressee) {
      return entry.addressee;
    }
  }
  return null;
}

function isBoilerplate(body: string): boolean {
  return (
    /^\(.*\)$/u.test(body) ||
    /^lý do\s*:/iu.test(body) ||
    /thông báo để (các|cơ quan|đồng chí)/iu.test(body) ||
    /^trân trọng\b/iu.test(body) ||
    /^(kt|tm|tl|tuq)\.\s/iu.test(body) ||
    /^nhiệm vụ cụ thể(?=[\s:,.]).*phụ lục/iu.test(body)
  );
}

function isTaskLike(body: string): boolean {
  return wordCount(body) >= 6 && !/^(ghi chú|lưu ý|ví dụ)(?=[\s:,.]|$)/iu.test(body);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Enumerations inside one item: "Các bộ, ngành: (1) … (2) …" → one task per numbered part.

type Piece = { body: string; label: string | null; addressee: string | null };

function splitEnumeration(unit: Unit, resolver: ProseResolver): Piece[] {
  const whole: Piece[] = [{ body: unit.body, label: unit.label, addressee: null }];
  const topic = unit.body.replace(/^về [^:]{1,160}:\s*/iu, '');
  const colon = topic.search(/:\s*\((?:1|i)\)\s/u);
  if (colon < 0) {
    return whole;
  }
  const preamble = topic.slice(0, colon).trim();
  // "Các bộ, ngành được giao chủ trì: (1) …" addresses its parts; "Bộ Công an khẩn trương trình …: (1) …, (2) …"
  // lists the products of one task.
  const end = subjectEnd(preamble);
  const addressee = preamble.slice(0, end).replace(/[\s,;]+$/u, '');
  if (wordCount(preamble.slice(end)) > 4 || !looksLikeAgencyList(addressee, resolver)) {
    return whole;
  }
  const rest = topic.slice(colon + 1);
  const roman = /^\s*\(i\)/.test(rest);
  const parts: Piece[] = [];
  let expected = 1;
  let cursor = 0;
  let label = '';
  const markers = [...rest.matchAll(/\((\d{1,2}|[ivx]{1,5})\)\s/g)];
  for (const m of markers) {
    const value = m[1] ?? '';
    const n = roman ? romanValue(value) : Number.parseInt(value, 10);
    if (n !== expected) {
      continue;
    }
    if (expected > 1) {
      parts.push({ body: rest.slice(cursor, m.index).trim(), label: `${unit.label ?? ''}${label}`, addressee });
    }
    label = m[0].trim();
    cursor = (m.index ?? 0) + m[0].length;
    expected++;
  }
  parts.push({ body: rest.slice(cursor).trim(), label: `${unit.label ?? ''}${label}`, addressee });
  return parts.length >= 2 ? parts : whole;
}

function romanValue(text: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = values[text[i] ?? ''] ?? 0;
    const next = values[text[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// One item → one task

function readTask(
  body: string,
  label: string | null,
  line: number,
  section: string | null,
  inherited: string | null,
  deps: ProseDeps,
): (ProseTask & { reported: boolean }) | null {
  const text = body.replace(/\s*\.\/\.\s*$/, '.').trim();
  if (!text) {
    return null;
  }
  const parties = findParties(text, deps.resolver);
  const deadline = deps.findDeadlineInText(text);
  const leadRaw = parties.leadRaw ?? inherited;
  return {
    reported: parties.reported,
    text,
    label,
    leadNames: leadRaw ? agencyNames(leadRaw, deps.resolver) : [],
    coordinatorNames: parties.coordinatorsRaw ? agencyNames(parties.coordinatorsRaw, deps.resolver) : [],
    leadRaw,
    coordinatorsRaw: parties.coordinatorsRaw,
    leadInherited: parties.leadRaw === null && inherited !== null,
    deadlineText: deadline?.raw ?? null,
    deadline,
    supervisor: findSupervisor(text),
    verb: parties.verb,
    section,
    line,
  };
}

type Parties = {
  leadRaw: string | null;
  coordinatorsRaw: string | null;
  verb: ProseVerb;
  /** "Bộ X đã/đang …": a report of what was done, not an assignment. */
  reported: boolean;
};

/** Lead and coordinators of one directive sentence, as written. */
export function findParties(text: string, resolver: ProseResolver): Parties {
  let rest = text.replace(/^về [^:]{1,160}:\s*/iu, '').replace(/^đối với\s+/iu, '');
  let verb: ProseVerb = 'statement';
  for (const v of DIRECTIVE_VERBS) {
    const m = v.pattern.exec(rest);
    if (m) {
      verb = v.verb;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  const subject = readSubject(rest, resolver);
  const leadRaw = subject?.text ?? null;
  const after = subject ? rest.slice(subject.end) : rest;
  if (leadRaw && verb === 'statement' && /^\s*chủ trì(?=[\s,.;:]|$)/u.test(after)) {
    verb = 'chu-tri';
  }
  let coordinatorsRaw: string | null = null;
  // Coordinators belong to the same sentence as the lead; a later sentence is another assignment.
  const sentence = firstSentence(leadRaw ? after : rest);
  const coord = /(?:^|\s)phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+/u.exec(sentence);
  if (coord) {
    const tail = sentence.slice(coord.index + coord[0].length);
    const coordinators = readSubject(tail, resolver);
    coordinatorsRaw = coordinators?.text ?? null;
  }
  const reported = leadRaw !== null && /^\s*(đã|đang)\s/u.test(after);
  return { leadRaw, coordinatorsRaw, verb, reported };
}

function firstSentence(text: string): string {
  const end = text.search(/(?<!\bTP)\.\s+(?=\p{Lu})/u);
  return end < 0 ? text : text.slice(0, end);
}

function readSubject(text: string, resolver: ProseResolver): { text: string; end: number } | null {
  const end = subjectEnd(text);
  let subject = text
    .slice(0, end)
    .replace(/[\s,;]+$/u, '')
    .trim();
  if (!subject || subject.length > 300 || STARTS_WITH_VERB.test(subject)) {
    return null;
  }
  const listed = listInParentheses(subject);
  if (listed) {
    return looksLikeAgencyList(listed, resolver) ? { text: listed, end } : null;
  }
  // "(đến cấp xã, phường)" qualifies the subject; it names no one.
  subject = subject.replace(/\s*\([^()]*\)\s*/gu, ' ').trim();
  subject = trimToKnownAgency(subject, resolver);
  return looksLikeAgencyList(subject, resolver) ? { text: subject, end } : null;
}

const STARTS_WITH_VERB = new RegExp(`^(?:${SUBJECT_END_WORDS.join('|')})(?=[\\s,.;:]|$)`, 'iu');

/** Where the subject ends: the first boundary outside parentheses (names are listed inside them). */
function subjectEnd(text: string): number {
  const pattern = new RegExp(SUBJECT_END.source, 'gu');
  for (const m of text.matchAll(pattern)) {
    const index = m.index ?? 0;
    const before = text.slice(0, index);
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth <= 0) {
      return index;
    }
  }
  return text.length;
}

/**
 * "Văn phòng Chính phủ chuẩn hoá tên …": when the verb is not one we know, the last name runs on into the
 * sentence. Cut it back to the longest prefix the register knows.
 */
function trimToKnownAgency(subject: string, resolver: ProseResolver): string {
  let from = 0;
  for (const name of resolver.splitAgencyList(subject)) {
    const at = subject.indexOf(name, from);
    from = at < 0 ? from : at + name.length;
    if (at < 0 || resolver.resolve(name).status !== 'unknown') {
      continue;
    }
    const words = name.split(/\s+/);
    for (let k = words.length - 1; k >= 2; k--) {
      const prefix = words.slice(0, k).join(' ');
      if (resolver.resolve(prefix).status !== 'unknown') {
        return subject.slice(0, at) + prefix;
      }
    }
  }
  return subject;
}

/** "Các bộ chuyên ngành (Khoa học và Công nghệ, Xây dựng, …)" names its members inside the parenthesis. */
function listInParentheses(subject: string): string | null {
  const m = /^([^()]{2,60})\(([^()]+)\)$/u.exec(subject);
  if (!m) {
    return null;
  }
  const outer = foldText(m[1] ?? '');
  const inner = (m[2] ?? '').replace(/\.{3}|…/g, '').trim();
  const members = inner.split(/\s*,\s*/).filter(Boolean);
  if (members.length < 2 || (m[1] ?? '').includes(',') || !members.every((x) => /\p{Lu}/u.test(x))) {
    return null;
  }
  if (/\bbo\b/.test(outer)) {
    return inner
      .split(/\s*,\s*/)
      .filter(Boolean)
      .map((name) => (/^bộ\s/iu.test(name) ? name : `Bộ ${name}`))
      .join(', ');
  }
  if (/\b(dai hoc|truong|dia phuong|tinh|thanh pho)\b/.test(outer)) {
    return inner;
  }
  return null;
}

function looksLikeAgencyList(text: string, resolver: ProseResolver): boolean {
  if (!text || text.length > 300) {
    return false;
  }
  const names = resolver.splitAgencyList(text);
  if (names.length === 0) {
    return false;
  }
  const first = names[0] ?? '';
  return hasAgencyHead(first) || resolver.resolve(first).status !== 'unknown';
}

function hasAgencyHead(name: string): boolean {
  const lower = cleanText(name).toLowerCase();
  return AGENCY_HEADS.some((head) => lower === head || lower.startsWith(`${head} `) || lower.startsWith(`${head},`));
}

function agencyNames(raw: string, resolver: ProseResolver): string[] {
  return resolver
    .splitAgencyList(raw)
    .map((n) => n.trim())
    .filter(Boolean);
}

function findSupervisor(text: string): string | null {
  const m = /phân công\s+(.+?)\s+theo dõi,?\s*chỉ đạo/iu.exec(text);
  return m?.[1] ? m[1].trim() : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Conversion to the import contract

export type ProseListOptions = {
  file: string;
  title?: string;
  /** Key of the directive the prose belongs to ("292/TB-VPCP"), when known. */
  assignedBy: string | null;
  resolver: ProseResolver;
  /** Turns a deadline phrase into the contract form; used when a task has no deadline reading of its own. */
  normalizeDeadline: (raw: string | null) => Deadline;
  /** Day the document speaks of (ISO), for names that changed; default today. */
  asOf?: string;
  /** Stable task id; defaults to a hash of the directive key and the folded text. */
  taskId?: (task: ProseTask) => string;
};

/**
 * Proposed tasks as one `proposed-tasks` import list. Agencies are resolved to canonical names and collective
 * expressions ("Các bộ, ngành, địa phương") expanded to their members (the expression goes to `leadGroups`); names
 * the register does not know stay in `leadRaw`/`coordinatorsRaw` only — {@link proseTaskProblems} reports them.
 */
export function proseTasksToImportList(tasks: ProseTask[], options: ProseListOptions): ImportList {
  const importTasks: ImportTask[] = tasks.map((task) => {
    const lead = resolveNames(task.leadNames, options.resolver, options.asOf);
    const coordinators = resolveNames(task.coordinatorNames, options.resolver, options.asOf);
    const notes = [
      task.supervisor ? `Phân công theo dõi, chỉ đạo: ${task.supervisor}` : null,
      task.leadInherited ? `Đơn vị chủ trì lấy từ đề mục hoặc câu dẫn: ${task.leadRaw}` : null,
    ].filter((n): n is string => n !== null);
    const out: ImportTask = {
      id: options.taskId ? options.taskId(task) : defaultTaskId(options.assignedBy ?? options.file, task.text),
      section: task.section,
      label: task.label,
      text: task.text,
      lead: lead.names,
      coordinators: coordinators.names.filter((n) => !lead.names.includes(n)),
      leadRaw: task.leadRaw,
      coordinatorsRaw: task.coordinatorsRaw,
      product: null,
      notes: notes.length > 0 ? notes.join('; ') : null,
      deadline: task.deadline ?? options.normalizeDeadline(null),
      assignedBy: options.assignedBy,
      status: 'proposed',
      line: task.line,
      row: null,
    };
    if (lead.groups.length > 0) {
      out.leadGroups = lead.groups;
    }
    return out;
  });
  return {
    file: options.file,
    kind: 'proposed-tasks',
    title: options.title ?? 'Nhiệm vụ đọc từ văn bản (cần xác nhận)',
    line: tasks[0]?.line ?? null,
    assignedBy: options.assignedBy,
    tasks: importTasks,
  };
}

/** Agency names in proposed tasks that the register does not know (one warning per name and line). */
export function proseTaskProblems(
  tasks: ProseTask[],
  options: Pick<ProseListOptions, 'file' | 'resolver' | 'asOf'>,
): Problem[] {
  const problems: Problem[] = [];
  for (const task of tasks) {
    for (const name of [...task.leadNames, ...task.coordinatorNames]) {
      if (resolveNames([name], options.resolver, options.asOf).unknown.length > 0) {
        problems.push({
          file: options.file,
          line: task.line,
          row: null,
          code: 'UNKNOWN_AGENCY',
          message: `Không nhận ra cơ quan "${name}" trong nhiệm vụ đề xuất (dòng ${task.line}).`,
          severity: 'warning',
        });
      }
    }
  }
  return problems;
}

function resolveNames(
  names: string[],
  resolver: ProseResolver,
  asOf: string | undefined,
): { names: string[]; groups: string[]; unknown: string[] } {
  const out = { names: [] as string[], groups: [] as string[], unknown: [] as string[] };
  const add = (name: string) => {
    if (!out.names.includes(name)) {
      out.names.push(name);
    }
  };
  for (const name of names) {
    const resolution = resolver.resolve(name, asOf);
    if (resolution.agency) {
      add(resolution.agency.name);
    } else if (resolution.group) {
      out.groups.push(name);
      for (const member of resolution.group.members) {
        add(member.name);
      }
    } else if (resolution.status !== 'open-group') {
      out.unknown.push(name);
    }
  }
  return out;
}

function defaultTaskId(scope: string, text: string): string {
  return stableId('prose-task', `${foldText(scope)}|${foldText(text)}`);
}

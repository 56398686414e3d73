import { cleanText, foldText } from '@shared/lib/vn-text';

/**
 * What a table column means, whatever its header says. Headers vary from one document to the next ("Tên nhiệm
 * vụ" / "Nội dung nhiệm vụ" / "Nhiệm vụ cụ thể"; "Thời hạn" / "Hạn hoàn thành" / "Thời gian hoàn thành"), so a
 * column is matched by meaning: the folded header (no diacritics, lower case) against synonyms, then keywords.
 */
export const ColumnRole = {
  label: 'label',
  text: 'text',
  lead: 'lead',
  coordinators: 'coordinators',
  product: 'product',
  deadline: 'deadline',
  notes: 'notes',
  status: 'status',
  /** "Tiến độ": a status in one report, a due date in another; decided from the cells. */
  progress: 'progress',
  result: 'result',
  description: 'description',
  unitsNotCompleted: 'unitsNotCompleted',
  assignedBy: 'assignedBy',
  proposal: 'proposal',
  /** Comment tables (bảng tổng hợp ý kiến). */
  consultee: 'consultee',
  comment: 'comment',
  response: 'response',
  /** Indicator tables: the entity measured and its figures. */
  entity: 'entity',
  indicator: 'indicator',
} as const;
export type ColumnRole = (typeof ColumnRole)[keyof typeof ColumnRole];

/** Exact folded headers. Checked before the keyword rules, so "ket qua thuc hien" is a status, not a product. */
const EXACT: Record<string, ColumnRole> = {
  stt: 'label',
  tt: 'label',
  'so tt': 'label',
  'so thu tu': 'label',
  'ten nhiem vu': 'text',
  'noi dung nhiem vu': 'text',
  'nhiem vu cu the': 'text',
  'nhiem vu': 'text',
  'noi dung': 'text',
  'noi dung cong viec': 'text',
  'cong viec': 'text',
  'nhiem vu giai phap': 'text',
  'ten nhiem vu giai phap': 'text',
  'noi dung thuc hien': 'text',
  'co quan chu tri': 'lead',
  'co quan chu tri thuc hien': 'lead',
  'don vi chu tri': 'lead',
  'chu tri': 'lead',
  'co quan thuc hien': 'lead',
  'don vi thuc hien': 'lead',
  'co quan don vi chu tri': 'lead',
  'co quan phoi hop': 'coordinators',
  'don vi phoi hop': 'coordinators',
  'phoi hop': 'coordinators',
  'co quan phoi hop thuc hien': 'coordinators',
  'san pham': 'product',
  'ket qua du kien': 'product',
  'ket qua yeu cau': 'product',
  'san pham ket qua': 'product',
  'ket qua': 'product',
  'san pham du kien': 'product',
  'ket qua san pham': 'product',
  'hinh thuc van ban': 'product',
  'thoi han': 'deadline',
  'han hoan thanh': 'deadline',
  'thoi gian hoan thanh': 'deadline',
  'thoi han hoan thanh': 'deadline',
  'thoi gian thuc hien': 'deadline',
  'thoi gian': 'deadline',
  'han xu ly': 'deadline',
  'ghi chu': 'notes',
  'luu y': 'notes',
  'ket qua thuc hien': 'status',
  'tinh trang': 'status',
  'trang thai': 'status',
  'tinh hinh thuc hien': 'status',
  'tien do': 'progress',
  'tien do thuc hien': 'progress',
  'ket qua hien nay': 'result',
  'ket qua dat duoc': 'result',
  'mo ta': 'description',
  'don vi chua hoan thanh': 'unitsNotCompleted',
  'van ban giao nhiem vu': 'assignedBy',
  'van ban giao viec': 'assignedBy',
  'van ban giao viec cua trung uong': 'assignedBy',
  'de xuat kien nghi': 'proposal',
  'noi dung gop y': 'comment',
};

/** Keyword rules, first match wins; each is a test on the folded header. */
const RULES: Array<[RegExp, ColumnRole]> = [
  [/\bgop y\b/, 'comment'],
  [/\btiep thu\b|\bgiai trinh\b/, 'response'],
  [/\bchua hoan thanh\b/, 'unitsNotCompleted'],
  [/\bvan ban giao\b|\bgiao viec\b|\bvan ban chi dao\b|\bcan cu giao\b/, 'assignedBy'],
  [/\bphoi hop\b/, 'coordinators'],
  [/\bchu tri\b|^(co quan|don vi)( duoc giao)? thuc hien\b/, 'lead'],
  [/\bdat chi tieu\b|\bchi tieu\b|\bty le\b|\bdat duoc\b|\bso lieu\b/, 'indicator'],
  [/\btien do\b/, 'progress'],
  [/\bket qua thuc hien\b|\btinh trang\b|\btrang thai\b|\btinh hinh\b|\bdanh gia\b/, 'status'],
  [/\bket qua hien nay\b|\bket qua dat duoc\b/, 'result'],
  [/\bmo ta\b/, 'description'],
  [/\bthoi han\b|\bhan hoan thanh\b|\bthoi gian\b|\bhan xu ly\b|\bmoc thoi gian\b/, 'deadline'],
  [/\bghi chu\b|\bluu y\b/, 'notes'],
  [/\bsan pham\b|\bket qua\b/, 'product'],
  [/\bde xuat\b|\bkien nghi\b/, 'proposal'],
  [/\bnhiem vu\b|\bnoi dung\b|\bcong viec\b|\bgiai phap\b/, 'text'],
  [
    /^(ten )?(bo|nganh|bo nganh|bo nganh dia phuong|tinh|tinh tp|tinh thanh pho|thanh pho|dia phuong|co quan|don vi|co quan don vi)$/,
    'entity',
  ],
];

/** The role of one header cell, or null when it means nothing we know. */
export function roleOfHeader(header: string): ColumnRole | null {
  const folded = foldText(header);
  if (!folded || folded.length > 80) {
    return null;
  }
  const exact = EXACT[folded];
  if (exact) {
    return exact;
  }
  for (const [pattern, role] of RULES) {
    if (pattern.test(folded)) {
      return role;
    }
  }
  return null;
}

export type ColumnMap = {
  /** Header text of each column (cleaned). */
  headers: string[];
  /** Role of each column, by position; null for a column we do not interpret. */
  roles: Array<ColumnRole | null>;
  /** Column of each role (the first one that has it). */
  index: Partial<Record<ColumnRole, number>>;
};

/** Builds the column map of a header row; a second role already taken keeps only its first column. */
export function mapColumns(headerCells: readonly string[]): ColumnMap {
  const headers = headerCells.map((h) => cleanText(h));
  const roles = headers.map((h) => roleOfHeader(h));
  const index: Partial<Record<ColumnRole, number>> = {};
  roles.forEach((role, i) => {
    if (role && index[role] === undefined) {
      index[role] = i;
    }
  });
  // In a comment table the consultee column is written like an entity ("Bộ, ngành", "Tỉnh/thành phố").
  if (index.comment !== undefined && index.consultee === undefined && index.entity !== undefined) {
    const i = index.entity;
    roles[i] = 'consultee';
    index.consultee = i;
    delete index.entity;
  }
  return { headers, roles, index };
}

/**
 * True when a row reads as a header row: short cells, most of them known column names, and either a number
 * column or at least three known columns. A data row ("1.", a long task, "Bộ Công an", "Tháng 6/2025") fails.
 */
export function isHeaderRow(cells: readonly string[]): boolean {
  const nonEmpty = cells.map((c) => cleanText(c)).filter((c) => c !== '');
  if (nonEmpty.length < 2 || nonEmpty.some((c) => c.length > 120)) {
    return false;
  }
  const roles = nonEmpty.map((c) => roleOfHeader(c));
  const known = roles.filter((r) => r !== null).length;
  if (known < 2 || known / nonEmpty.length < 0.5) {
    return false;
  }
  return roles[0] === 'label' || known >= 3 || roles.includes('text');
}

/** Two header rows that name the same columns (a header repeated after a page break). */
export function isSameHeader(a: readonly string[], b: readonly string[]): boolean {
  const fa = a.map((c) => foldText(c)).filter(Boolean);
  const fb = b.map((c) => foldText(c)).filter(Boolean);
  return fa.length > 0 && fa.length === fb.length && fa.every((c, i) => c === fb[i]);
}

import { AppError } from '@server/lib/app-error';
import type { AgencyResolver, RegisterAgency } from '@server/modules/agencies/agency-resolver';
import { readXlsxDocument } from '@server/modules/imports/read-xlsx';
import { listZipEntries } from '@server/modules/imports/zip-entries';
import type { Role } from '@shared/contracts/auth';
import { ROLE_LABELS } from '@shared/contracts/auth';
import type { BulkPreviewRow } from '@shared/contracts/users';
import { cleanText, foldText } from '@shared/lib/vn-text';
import ExcelJS from 'exceljs';

/** The two accounts created for every agency in a bulk upload (issue #4), with their login prefixes. */
export const BULK_ROLES: ReadonlyArray<{ role: Role; prefix: string; title: string }> = [
  { role: 'reporter', prefix: 'baocao', title: 'Cán bộ báo cáo' },
  { role: 'leader', prefix: 'lanhdao', title: 'Lãnh đạo' },
];

/** More rows than this is not an agency list (there are about 3,400 agencies in all). */
export const BULK_MAX_ROWS = 5000;
/** Refuse workbooks that unpack to more than this (a "zip bomb" is small on the wire and huge in memory). */
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const MAX_SLUG_LENGTH = 24;

export type SheetAgencyRow = { row: number; text: string };

const HEADER_PATTERN = /\b(co quan|don vi|ten co quan|agency)\b/;

/**
 * Reads the agency names from the first sheet of an .xlsx: the column whose header says "Cơ quan"/"Đơn vị"
 * (else the first non-empty cell of each row). The bytes are checked to be a real workbook first.
 * @throws UNSUPPORTED_FILE, FILE_TOO_LARGE, VALIDATION_FAILED
 */
export async function readAgencySheet(
  fileName: string,
  bytes: Buffer,
): Promise<{ sheet: string; rows: SheetAgencyRow[] }> {
  const unpacked = listZipEntries(bytes).reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNPACKED_BYTES) {
    throw new AppError('FILE_TOO_LARGE', 'Bảng tính giải nén quá lớn.');
  }
  let document: Awaited<ReturnType<typeof readXlsxDocument>>;
  try {
    document = await readXlsxDocument(fileName, bytes);
  } catch {
    throw new AppError('UNSUPPORTED_FILE', 'Tệp không phải bảng tính Excel (.xlsx) đọc được.');
  }
  const table = document.blocks.find((b) => b.kind === 'table');
  if (table?.kind !== 'table') {
    throw new AppError('VALIDATION_FAILED', 'Bảng tính không có dòng dữ liệu nào.');
  }
  let column = -1;
  let start = 0;
  for (let i = 0; i < Math.min(table.rows.length, 10) && column < 0; i++) {
    const cells = table.rows[i]?.cells ?? [];
    const index = cells.findIndex((c) => HEADER_PATTERN.test(foldText(c)));
    if (index >= 0) {
      column = index;
      start = i + 1;
    }
  }
  const rows: SheetAgencyRow[] = [];
  for (const sourceRow of table.rows.slice(start)) {
    const cell = column >= 0 ? sourceRow.cells[column] : sourceRow.cells.find((c) => cleanText(c) !== '');
    const text = cleanText(cell ?? '');
    if (text) {
      rows.push({ row: sourceRow.line, text });
    }
  }
  if (rows.length > BULK_MAX_ROWS) {
    throw new AppError('VALIDATION_FAILED', `Tối đa ${BULK_MAX_ROWS} cơ quan trong một lần tạo.`);
  }
  return { sheet: table.sheet ?? '', rows };
}

const LOCAL_KINDS = new Set(['province', 'commune']);

/**
 * The agency part of a login name: provinces and communes by their short name ("hatinh", "hanoi"), other
 * agencies by their full name ("bocongan"), or their abbreviation when the name is long ("bkhcn" would be
 * used for a name over 24 letters).
 */
export function agencyLoginSlug(agency: Pick<RegisterAgency, 'name' | 'shortName' | 'kind' | 'aliases'>): string {
  const compact = (text: string) => foldText(text).replace(/[^a-z0-9]/g, '');
  if (LOCAL_KINDS.has(agency.kind) && agency.shortName) {
    return compact(agency.shortName).slice(0, MAX_SLUG_LENGTH);
  }
  const full = compact(agency.name);
  if (full.length <= MAX_SLUG_LENGTH) {
    return full;
  }
  const abbreviation = agency.aliases.find(
    (a) => (a.kind === 'short-name' || a.kind === 'abbreviation') && /^[A-ZĐ&]{2,12}$/.test(a.alias),
  );
  return abbreviation ? compact(abbreviation.alias) : full.slice(0, MAX_SLUG_LENGTH);
}

export type PlannedAccount = { loginName: string; role: Role; displayName: string; exists: boolean };
export type PlannedRow = BulkPreviewRow & { planned: PlannedAccount[] };

/**
 * Works out, row by row, which agency each name denotes today and which two accounts it gets. Old names roll up
 * to today's agency (an account is for an agency that still exists); collective expressions, unknown names and
 * repeats are reported and skipped. `existing` maps login names already taken to their agency: the same name for
 * the same agency is "already there", for another agency it gets a number ("baocao.tanphu2").
 */
export function planBulkAccounts(
  rows: SheetAgencyRow[],
  resolver: AgencyResolver,
  today: string,
  existing: Map<string, string>,
): PlannedRow[] {
  const seenAgencies = new Set<string>();
  const taken = new Set(existing.keys());
  const result: PlannedRow[] = [];
  for (const { row, text } of rows) {
    const base = { row, input: text, accounts: [], planned: [] };
    const resolution = resolver.resolve(text, today);
    if (!resolution.agency) {
      const message =
        resolution.status === 'group' || resolution.status === 'open-group'
          ? 'Là một nhóm cơ quan, không phải một cơ quan.'
          : resolution.status === 'ambiguous'
            ? 'Nhiều cơ quan cùng tên; ghi rõ tỉnh, thành phố.'
            : 'Không tìm thấy cơ quan trong danh mục.';
      const status = resolution.status === 'ambiguous' ? 'ambiguous-agency' : 'unknown-agency';
      result.push({ ...base, agency: null, status, message });
      continue;
    }
    const current = resolver.rollUp(resolution.agency.id, today);
    if (current.length !== 1 || !current[0]) {
      result.push({
        ...base,
        agency: null,
        status: 'ambiguous-agency',
        message: `Cơ quan đã chia tách thành ${current.map((a) => a.name).join(', ')}; ghi rõ cơ quan hiện nay.`,
      });
      continue;
    }
    const target = current[0];
    const agency = resolver.getAgency(target.id);
    const rolledUp = target.id !== resolution.agency.id ? `Nay là ${target.name}.` : null;
    if (!agency || seenAgencies.has(target.id)) {
      result.push({
        ...base,
        agency: { id: target.id, name: target.name },
        status: 'duplicate',
        message: 'Cơ quan đã có ở dòng trên.',
      });
      continue;
    }
    seenAgencies.add(target.id);
    const slug = agencyLoginSlug(agency);
    const planned: PlannedAccount[] = BULK_ROLES.map(({ role, prefix, title }) => {
      let loginName = `${prefix}.${slug}`;
      const exists = existing.get(loginName) === target.id;
      if (!exists) {
        for (let n = 2; taken.has(loginName); n++) {
          loginName = `${prefix}.${slug}${n}`;
        }
      }
      taken.add(loginName);
      return { loginName, role, displayName: `${title} — ${agency.name}`, exists };
    });
    const allExist = planned.every((p) => p.exists);
    result.push({
      row,
      input: text,
      agency: { id: target.id, name: target.name },
      status: allExist ? 'exists' : 'create',
      accounts: planned.map((p) => ({ loginName: p.loginName, role: p.role, exists: p.exists })),
      message: allExist ? 'Tài khoản đã có.' : rolledUp,
      planned,
    });
  }
  return result;
}

export type IssuedCredential = { agencyName: string; role: Role; loginName: string; password: string };

/**
 * The one-time password sheet the administrator downloads once: one row per new account, plus the skipped rows
 * with the reason. The passwords exist nowhere else (only their hashes are stored).
 */
export async function buildCredentialsWorkbook(
  credentials: IssuedCredential[],
  skipped: Array<{ row: number; input: string; message: string | null }>,
  createdAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  workbook.created = createdAt;
  const sheet = workbook.addWorksheet('Tài khoản');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Cơ quan', key: 'agency', width: 48 },
    { header: 'Vai trò', key: 'role', width: 36 },
    { header: 'Tên đăng nhập', key: 'login', width: 28 },
    { header: 'Mật khẩu dùng một lần', key: 'password', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  credentials.forEach((c, i) => {
    sheet.addRow({
      n: i + 1,
      agency: c.agencyName,
      role: ROLE_LABELS[c.role],
      login: c.loginName,
      password: c.password,
    });
  });
  sheet.addRow([]);
  sheet.addRow(['', 'Mật khẩu chỉ dùng cho lần đăng nhập đầu tiên; hệ thống sẽ yêu cầu đổi mật khẩu ngay.']);
  if (skipped.length > 0) {
    const other = workbook.addWorksheet('Không tạo');
    other.columns = [
      { header: 'Dòng', key: 'row', width: 8 },
      { header: 'Tên trong tệp', key: 'input', width: 48 },
      { header: 'Lý do', key: 'reason', width: 60 },
    ];
    other.getRow(1).font = { bold: true };
    for (const s of skipped) {
      other.addRow({ row: s.row, input: s.input, reason: s.message ?? '' });
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

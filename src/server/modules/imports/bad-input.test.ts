import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, readSourceFile, sniffFormat } from './detect-format';
import { ImportReadError, type ImportReadErrorCode } from './import-errors';
import { readDocxDocument } from './read-docx';
import { readXlsxDocument } from './read-xlsx';
import type { SourceTable } from './source-document';

const HEADERS = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Hạn hoàn thành'];

/** Deterministic pseudo-random bytes (xorshift), so a failure is reproducible. */
function randomBytes(length: number, seed = 42): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function readError(promise: Promise<unknown>): Promise<ImportReadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportReadError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ImportReadError');
}

async function expectCode(promise: Promise<unknown>, code: ImportReadErrorCode): Promise<ImportReadError> {
  const error = await readError(promise);
  expect(error.code).toBe(code);
  return error;
}

const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...options });

async function docxWithTable(rows: TableRow[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph('PHỤ LỤC NHIỆM VỤ'), new Table({ rows })] }],
  });
  return Packer.toBuffer(doc);
}

function firstTable(blocks: Array<{ kind: string }>): SourceTable {
  const table = blocks.find((b): b is SourceTable => b.kind === 'table');
  if (!table) {
    throw new Error('no table');
  }
  return table;
}

describe('bad input', () => {
  it('an empty file gives EMPTY_FILE, whatever its name', async () => {
    const error = await expectCode(readSourceFile('rong.txt', Buffer.alloc(0)), 'EMPTY_FILE');
    expect(error.message).toBe('rong.txt: Tệp rỗng: không có nội dung để nhập.');
    expect(error.toProblem()).toEqual({
      file: 'rong.txt',
      line: null,
      code: 'EMPTY_FILE',
      message: 'rong.txt: Tệp rỗng: không có nội dung để nhập.',
      severity: 'error',
    });
    await expectCode(readSourceFile('rong.docx', Buffer.alloc(0)), 'EMPTY_FILE');
    await expectCode(readSourceFile('trang.txt', Buffer.from(' \n\t\n  ')), 'EMPTY_FILE');
    await expectCode(readDocxDocument('rong.docx', Buffer.alloc(0)), 'EMPTY_FILE');
    await expectCode(readXlsxDocument('rong.xlsx', Buffer.alloc(0)), 'EMPTY_FILE');
  });

  it('binary bytes renamed .docx give NOT_A_DOCX within a second', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const started = performance.now();
    const error = await expectCode(readSourceFile('ke-hoach.docx', bytes), 'NOT_A_DOCX');
    await expectCode(readDocxDocument('ke-hoach.docx', bytes), 'NOT_A_DOCX');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toContain('không phải là tài liệu Word .docx hợp lệ');
  });

  it('binary bytes with another name give UNSUPPORTED_FORMAT; renamed .xlsx gives NOT_AN_XLSX', async () => {
    await expectCode(readSourceFile('du-lieu.bin', randomBytes(4096)), 'UNSUPPORTED_FORMAT');
    await expectCode(readSourceFile('bang.xlsx', randomBytes(4096)), 'NOT_AN_XLSX');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
    const error = await expectCode(readSourceFile('thong-bao.txt', pdf), 'UNSUPPORTED_FORMAT');
    expect(error.message).toContain('PDF');
    const oldWord = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]);
    expect((await readError(readSourceFile('cu.doc', oldWord))).message).toContain('.doc/.xls');
  });

  it('a text file renamed .docx gives NOT_A_DOCX', async () => {
    const text = Buffer.from('STT\tNội dung nhiệm vụ\n1.\tViệc một\n');
    await expectCode(readDocxDocument('that-ra-la-van-ban.docx', text), 'NOT_A_DOCX');
    await expectCode(readSourceFile('that-ra-la-van-ban.docx', text), 'NOT_A_DOCX');
  });

  it('a damaged .docx (cut in half) gives NOT_A_DOCX, not a crash', async () => {
    const bytes = await docxWithTable([new TableRow({ children: HEADERS.map((h) => cell(h)) })]);
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expectCode(readDocxDocument('hong.docx', cut), 'NOT_A_DOCX');
  });

  it('reads by content: a workbook named .docx is read as a workbook, a ZIP of other files is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Nhiệm vụ').addRow(HEADERS);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(sniffFormat('nham-ten.docx', bytes)).toBe('xlsx');
    const doc = await readSourceFile('nham-ten.docx', bytes);
    expect(doc.format).toBe('xlsx');
    await expectCode(readDocxDocument('nham-ten.docx', bytes), 'NOT_A_DOCX');
    // A ZIP holding only a text file: an empty-archive record plus one stored entry.
    const zip = storedZip('ghi-chu.txt', 'xin chào');
    await expectCode(readSourceFile('goi.zip', zip), 'UNSUPPORTED_FORMAT');
    await expectCode(readSourceFile('goi.docx', zip), 'NOT_A_DOCX');
  });

  it('a file over the size limit gives FILE_TOO_LARGE', async () => {
    const error = await expectCode(
      readSourceFile('lon.txt', Buffer.from('a'.repeat(2048)), { maxBytes: 1024 }),
      'FILE_TOO_LARGE',
    );
    expect(error.message).toContain('tối đa 0,0 MB');
  });

  it('decodes UTF-8 with a BOM and UTF-16 with or without a BOM; other 8-bit text gives ENCODING', () => {
    const text = 'Bộ Khoa học và Công nghệ\tTháng 6/2025';
    expect(decodeText('a.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeText('b.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeText('c.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
    expect(decodeText('d.txt', Buffer.from('STT\tNoi dung nhiem vu\n', 'utf16le'))).toBe('STT\tNoi dung nhiem vu\n');
    // "Bộ" in Windows-1258 is 0x42 0xF4 0xF2: not UTF-8.
    expect(() => decodeText('e.txt', Buffer.from([0x42, 0xf4, 0xf2, 0x20, 0x4e, 0xe9]))).toThrow(
      expect.objectContaining({ code: 'ENCODING' }),
    );
  });

  it('reads a real .docx task table with merged cells and Vietnamese headers', async () => {
    const bytes = await docxWithTable([
      new TableRow({ tableHeader: true, children: HEADERS.map((h) => cell(h)) }),
      new TableRow({ children: [cell('I'), cell('HOÀN THIỆN THỂ CHẾ', { columnSpan: 3 })] }),
      new TableRow({
        children: [
          cell('1'),
          cell('Xây dựng Nghị định quy định chi tiết Luật Dữ liệu'),
          cell('Bộ Công an', { rowSpan: 2 }),
          cell('Tháng 6/2025', { rowSpan: 2 }),
        ],
      }),
      new TableRow({ children: [cell('2'), cell('Trình Quyết định định danh địa điểm\n(bổ sung)')] }),
      new TableRow({ children: [cell('3'), cell('Số hóa dữ liệu hộ tịch'), cell('Bộ Tư pháp'), cell('Quý II/2025')] }),
    ]);
    const doc = await readSourceFile('phu-luc.docx', bytes);
    expect(doc.format).toBe('docx');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: 'PHỤ LỤC NHIỆM VỤ', line: 1 });
    const table = firstTable(doc.blocks);
    expect(table.rows.map((r) => r.cells)).toEqual([
      HEADERS,
      ['I', 'HOÀN THIỆN THỂ CHẾ', 'HOÀN THIỆN THỂ CHẾ', 'HOÀN THIỆN THỂ CHẾ'],
      ['1', 'Xây dựng Nghị định quy định chi tiết Luật Dữ liệu', 'Bộ Công an', 'Tháng 6/2025'],
      ['2', 'Trình Quyết định định danh địa điểm\n(bổ sung)', 'Bộ Công an', 'Tháng 6/2025'],
      ['3', 'Số hóa dữ liệu hộ tịch', 'Bộ Tư pháp', 'Quý II/2025'],
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('reads a 10,000-row .xlsx with the same columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh mục');
    sheet.addRow(['DANH MỤC NHIỆM VỤ NĂM 2025']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(HEADERS);
    for (let i = 1; i <= 10_000; i++) {
      sheet.addRow([
        i,
        `Nhiệm vụ số ${i}: rà soát, cập nhật cơ sở dữ liệu`,
        'Bộ Khoa học và Công nghệ',
        'Tháng 12/2025',
      ]);
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const doc = await readSourceFile('10000-dong.xlsx', bytes);
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: 'DANH MỤC NHIỆM VỤ NĂM 2025', line: 1 });
    const table = firstTable(doc.blocks);
    expect(table.rows).toHaveLength(10_001);
    expect(table.rows[0]?.cells).toEqual(HEADERS);
    expect(table.rows[10_000]).toEqual({
      line: 10_002,
      cells: [
        '10000',
        'Nhiệm vụ số 10000: rà soát, cập nhật cơ sở dữ liệu',
        'Bộ Khoa học và Công nghệ',
        'Tháng 12/2025',
      ],
    });
  });

  it('keeps a table that lacks its task column as it is (the interpreter reports it)', async () => {
    const bytes = await docxWithTable([
      new TableRow({ children: [cell('STT'), cell('Đơn vị chủ trì'), cell('Hạn hoàn thành')] }),
      new TableRow({ children: [cell('1'), cell('Bộ Nội vụ'), cell('Tháng 10/2025')] }),
    ]);
    const table = firstTable((await readSourceFile('thieu-cot.docx', bytes)).blocks);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Đơn vị chủ trì', 'Hạn hoàn thành'],
      ['1', 'Bộ Nội vụ', 'Tháng 10/2025'],
    ]);
  });
});

/** A minimal ZIP archive with one stored (uncompressed) entry; CRC left at zero, which a sniffer never checks. */
function storedZip(name: string, content: string): Buffer {
  const nameBytes = Buffer.from(name);
  const data = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const localSize = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { expandGrid, htmlToBlocks } from './html-blocks';
import { readDocxDocument } from './read-docx';
import { readXlsxDocument } from './read-xlsx';
import type { SourceBlock, SourceTable } from './source-document';

const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...options });

function tables(blocks: SourceBlock[]): SourceTable[] {
  return blocks.filter((b): b is SourceTable => b.kind === 'table');
}

describe('htmlToBlocks', () => {
  it('reads headings, paragraphs, breaks, lists and entities', () => {
    const blocks = htmlToBlocks(
      '<h2>I. NHIỆM VỤ</h2><p>Bộ Tài chính &amp; Bộ Nội vụ<br />dòng hai &#7879; &#x1EC7; &nbsp;x</p>' +
        '<ul><li>Việc một<ul><li>Việc con</li></ul></li><li>Việc hai</li></ul><ol><li>Số một</li></ol>' +
        '<p><sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><p>Có chú thích<sup><a href="#footnote-2">[2]</a></sup>.</p>',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'I. NHIỆM VỤ', line: 1, headingLevel: 2 },
      { kind: 'paragraph', text: 'Bộ Tài chính & Bộ Nội vụ\ndòng hai ệ ệ x', line: 2 },
      { kind: 'paragraph', text: '- Việc một', line: 3 },
      { kind: 'paragraph', text: '- Việc con', line: 4 },
      { kind: 'paragraph', text: '- Việc hai', line: 5 },
      { kind: 'paragraph', text: '1. Số một', line: 6 },
      { kind: 'paragraph', text: 'Có chú thích.', line: 7 },
    ]);
  });

  it('expands colspan and rowspan by repeating the text', () => {
    const blocks = htmlToBlocks(
      '<table><tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th></tr>' +
        '<tr><td>I</td><td colspan="2">Nhóm</td></tr>' +
        '<tr><td>1</td><td>A</td><td rowspan="2">Bộ Công an</td></tr>' +
        '<tr><td>2</td><td>B</td></tr><tr><td></td><td></td><td></td></tr></table>',
    );
    expect(tables(blocks)[0]?.rows).toEqual([
      { cells: ['TT', 'Nội dung', 'Chủ trì'], line: 1 },
      { cells: ['I', 'Nhóm', 'Nhóm'], line: 2 },
      { cells: ['1', 'A', 'Bộ Công an'], line: 3 },
      { cells: ['2', 'B', 'Bộ Công an'], line: 4 },
    ]);
  });

  it('fills a rowspan in the first column and pads short rows', () => {
    expect(
      expandGrid([
        [
          { text: 'a', colspan: 1, rowspan: 3 },
          { text: 'b', colspan: 1, rowspan: 1 },
          { text: 'c', colspan: 1, rowspan: 1 },
        ],
        [{ text: 'd', colspan: 1, rowspan: 1 }],
        [],
      ]),
    ).toEqual([
      ['a', 'b', 'c'],
      ['a', 'd', ''],
      ['a', '', ''],
    ]);
  });

  it('flattens a nested table into lines of its cell, and unwraps a one-column layout table', () => {
    const nested = htmlToBlocks(
      '<table><tr><td>1</td><td><p>Gồm:</p><table><tr><td>Sở Y tế</td><td>CSDL y tế</td></tr>' +
        '<tr><td colspan="2">Sở Tư pháp</td></tr></table></td></tr></table>',
    );
    expect(tables(nested)[0]?.rows[0]?.cells).toEqual(['1', 'Gồm:\nSở Y tế | CSDL y tế\nSở Tư pháp']);
    const wrapped = htmlToBlocks(
      '<table><tr><td><p>PHỤ LỤC</p><table><tr><td>TT</td><td>Nội dung</td></tr></table></td></tr></table>',
    );
    expect(wrapped).toEqual([
      { kind: 'paragraph', text: 'PHỤ LỤC', line: 1 },
      { kind: 'table', line: 2, rows: [{ cells: ['TT', 'Nội dung'], line: 2 }] },
    ]);
  });

  it('survives broken markup', () => {
    const blocks = htmlToBlocks('<p>một <b>hai</p><p>ba</i> & bốn < năm<table><tr><td>x<td>y</table>');
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells)))).toEqual([
      'một hai',
      'ba & bốn < năm',
      [['x', 'y']],
    ]);
  });
});

describe('readDocxDocument', () => {
  it('reads a Word task table with merged cells and Vietnamese headers', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'KẾ HOẠCH THỰC HIỆN', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: 'Phụ lục I', bold: true }), new TextRun({ text: 'kèm theo', break: 1 })],
            }),
            new Table({
              rows: [
                new TableRow({
                  tableHeader: true,
                  children: [cell('STT'), cell('Nội dung nhiệm vụ'), cell('Đơn vị chủ trì'), cell('Hạn hoàn thành')],
                }),
                new TableRow({ children: [cell('I'), cell('Hoàn thiện thể chế', { columnSpan: 3 })] }),
                new TableRow({
                  children: [
                    cell('1'),
                    cell('Xây dựng Nghị định'),
                    cell('Bộ Công an', { rowSpan: 2 }),
                    cell('Tháng 6/2025'),
                  ],
                }),
                new TableRow({ children: [cell('2'), cell('Trình Quyết định'), cell('Quý II/2025')] }),
              ],
            }),
          ],
        },
      ],
    });
    const bytes = await Packer.toBuffer(doc);
    const result = await readDocxDocument('ke-hoach.docx', bytes);
    expect(result.format).toBe('docx');
    expect(result.blocks.slice(0, 2)).toEqual([
      { kind: 'paragraph', text: 'KẾ HOẠCH THỰC HIỆN', line: 1, headingLevel: 1 },
      { kind: 'paragraph', text: 'Phụ lục I\nkèm theo', line: 2 },
    ]);
    expect(tables(result.blocks)[0]?.rows.map((r) => r.cells)).toEqual([
      ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Hạn hoàn thành'],
      ['I', 'Hoàn thiện thể chế', 'Hoàn thiện thể chế', 'Hoàn thiện thể chế'],
      ['1', 'Xây dựng Nghị định', 'Bộ Công an', 'Tháng 6/2025'],
      ['2', 'Trình Quyết định', 'Bộ Công an', 'Quý II/2025'],
    ]);
  });
});

describe('readXlsxDocument', () => {
  it('keeps sheet names, row numbers, title rows, merged cells, rich text, formulas and dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục 01');
    sheet.getCell('A1').value = 'PHỤ LỤC 01: DANH MỤC NHIỆM VỤ';
    sheet.mergeCells('A1:E1');
    sheet.addRow([]);
    sheet.getRow(3).values = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Hạn hoàn thành', 'Tỷ lệ'];
    sheet.getRow(4).values = ['I', 'Nhóm một'];
    sheet.mergeCells('B4:E4');
    sheet.getRow(5).values = [
      1,
      { richText: [{ text: 'Xây dựng ' }, { font: { bold: true }, text: 'Nghị định' }] },
      'Bộ Công an\r\nBộ Tư pháp',
      new Date(Date.UTC(2025, 5, 30)),
      { formula: 'B1*2', result: 0.4979 },
    ];
    sheet.getCell('E5').numFmt = '0.00%';
    sheet.getRow(6).values = [2, 'Việc hai', 'Bộ Tài chính', 'Quý II/2025', 0.1 + 0.2];
    workbook.addWorksheet('Trống');
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await readXlsxDocument('danh-muc.xlsx', bytes);
    expect(result.blocks[0]).toEqual({ kind: 'paragraph', text: 'PHỤ LỤC 01: DANH MỤC NHIỆM VỤ', line: 1 });
    const table = tables(result.blocks)[0];
    expect(table?.sheet).toBe('Phụ lục 01');
    expect(table?.line).toBe(3);
    expect(table?.rows).toEqual([
      { line: 3, cells: ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Hạn hoàn thành', 'Tỷ lệ'] },
      { line: 4, cells: ['I', 'Nhóm một', 'Nhóm một', 'Nhóm một', 'Nhóm một'] },
      { line: 5, cells: ['1', 'Xây dựng Nghị định', 'Bộ Công an\nBộ Tư pháp', '30/6/2025', '49.79%'] },
      { line: 6, cells: ['2', 'Việc hai', 'Bộ Tài chính', 'Quý II/2025', '0.3'] },
    ]);
    expect(tables(result.blocks)).toHaveLength(1);
  });
});

import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { Synthesis, SynthesisSection } from './synthesis';

const FONT = 'Times New Roman';
/** Column widths in percent of the table: TT | agency | comment | answer. */
const COLUMN_PERCENT = [6, 16, 42, 36] as const;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

const cell = (
  paragraphs: string[],
  percent: number,
  options: { bold?: boolean; center?: boolean; left?: boolean } = {},
) =>
  new TableCell({
    width: { size: percent, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    children: (paragraphs.length > 0 ? paragraphs : ['']).map(
      (text) =>
        new Paragraph({
          alignment: options.center
            ? AlignmentType.CENTER
            : options.left
              ? AlignmentType.LEFT
              : AlignmentType.JUSTIFIED,
          children: [new TextRun({ text, bold: options.bold ?? false, font: FONT, size: 26 })],
        }),
    ),
  });

function sectionTable(section: SynthesisSection): Table {
  const header = new TableRow({
    tableHeader: true,
    children: ['TT', section.agencyHeader, 'Nội dung góp ý', section.answerHeader].map((h, i) =>
      cell([h], COLUMN_PERCENT[i] ?? 25, { bold: true, center: true }),
    ),
  });
  const rows = section.rows.map(
    (r) =>
      new TableRow({
        children: [
          cell([r.tt], COLUMN_PERCENT[0], { center: true }),
          cell([r.agency], COLUMN_PERCENT[1], { left: true }),
          cell(r.comment, COLUMN_PERCENT[2]),
          cell(r.answer, COLUMN_PERCENT[3]),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

/** The synthesis table as a Word document: Times New Roman 13, A4 landscape, one real table per section. */
export async function synthesisToDocx(synthesis: Synthesis): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: 'BẢNG TỔNG HỢP Ý KIẾN GÓP Ý', bold: true, font: FONT, size: 28 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: synthesis.title, italics: true, font: FONT, size: 26 })],
    }),
  ];
  for (const section of synthesis.sections) {
    children.push(
      new Paragraph({
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: section.heading, bold: true, font: FONT, size: 26 })],
      }),
      sectionTable(section),
    );
  }
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 given portrait-wise; the orientation flag makes Word swap it to landscape.
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The synthesis table as an Excel workbook: same columns, section headings as merged rows, A4 landscape. */
export async function synthesisToXlsx(synthesis: Synthesis): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tổng hợp ý kiến', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 6 }, { width: 28 }, { width: 80 }, { width: 60 }];
  const font = { name: FONT, size: 12 };
  const border = { style: 'thin' as const };
  const borders = { top: border, bottom: border, left: border, right: border };
  const title = sheet.addRow(['BẢNG TỔNG HỢP Ý KIẾN GÓP Ý']);
  sheet.mergeCells(title.number, 1, title.number, 4);
  title.font = { ...font, bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const sub = sheet.addRow([synthesis.title]);
  sheet.mergeCells(sub.number, 1, sub.number, 4);
  sub.font = { ...font, italic: true };
  sub.alignment = { horizontal: 'center', wrapText: true };
  for (const section of synthesis.sections) {
    const heading = sheet.addRow([section.heading]);
    sheet.mergeCells(heading.number, 1, heading.number, 4);
    heading.font = { ...font, bold: true };
    const header = sheet.addRow(['TT', section.agencyHeader, 'Nội dung góp ý', section.answerHeader]);
    header.eachCell((c) => {
      c.font = { ...font, bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = borders;
    });
    for (const r of section.rows) {
      const row = sheet.addRow([r.tt, r.agency, r.comment.join('\n'), r.answer.join('\n')]);
      row.eachCell({ includeEmpty: true }, (c) => {
        c.font = font;
        c.alignment = { vertical: 'top', wrapText: true };
        c.border = borders;
      });
    }
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}

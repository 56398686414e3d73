import { formatIsoDate, formatNumber } from '@shared/lib/vn-format';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  type ISectionOptions,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Appendix, CellValue, ReportColumn, ReportModel } from './report-model';

/**
 * Word rendering per Decree 30/2020/NĐ-CP (Phụ lục I): A4; margins top/bottom 20 mm, left 30 mm, right 20 mm; Times
 * New Roman 14 for the body; the header block (issuing body and national motto) as a borderless two-column table;
 * page numbers centred in the footer from page 2; appendices in landscape sections. Everything is a real paragraph
 * with a named style or a real table (header rows repeat on every page), so officials can edit the file.
 */

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const MM = 56.7;
const PORTRAIT_MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(30 * MM),
  right: Math.round(20 * MM),
};
const LANDSCAPE_MARGIN = {
  top: Math.round(20 * MM),
  bottom: Math.round(20 * MM),
  left: Math.round(20 * MM),
  right: Math.round(15 * MM),
};
const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
const BODY_SIZE = 28;
const TABLE_SIZE = 24;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

function run(text: string, options: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) {
  return new TextRun({
    text,
    font: FONT,
    size: options.size ?? BODY_SIZE,
    bold: options.bold ?? false,
    italics: options.italics ?? false,
    ...(options.underline ? { underline: {} } : {}),
  });
}

function centered(children: TextRun[], spacing = { before: 0, after: 0 }) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children });
}

/** A short horizontal rule under a centred line (underlined non-breaking spaces: editable, no drawing object). */
function shortRule(chars: number) {
  return centered([run('\u00A0'.repeat(chars), { underline: true, size: 12 })], { before: 0, after: 60 });
}

function headerBlock(model: ReportModel): Table {
  const [d, m, y] = formatIsoDate(model.asOf).split('/');
  const left = [
    centered([run(model.issuer, { bold: true, size: 24 })]),
    shortRule(22),
    centered([run(model.numberLine, { size: 26 })], { before: 60, after: 0 }),
  ];
  const right = [
    centered([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 })]),
    centered([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: 26 })], {
      before: 0,
      after: 120,
    }),
    centered([run(`${model.place}, ngày ${d} tháng ${m} năm ${y}`, { italics: true })]),
  ];
  // The block may run 5 mm into each margin, as printed forms do, so that the motto fits on one line.
  const total = PORTRAIT_WIDTH + 560;
  const leftWidth = Math.round(total * 0.4);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    indent: { size: -280, type: WidthType.DXA },
    columnWidths: [leftWidth, total - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({
            width: { size: total - leftWidth, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: right,
          }),
        ],
      }),
    ],
  });
}

function cellText(value: CellValue, column: ReportColumn): string {
  if (value === null) {
    return '';
  }
  if (typeof value === 'number') {
    return column.kind === 'number' && !Number.isInteger(value) ? formatNumber(value, 2) : formatNumber(value);
  }
  if (typeof value === 'object') {
    return formatIsoDate(value.date);
  }
  return value;
}

function cellParagraphs(text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType], bold: boolean) {
  const lines = text.split(/\n+/);
  return lines.map(
    (line) =>
      new Paragraph({
        alignment: align,
        spacing: { before: 20, after: 20 },
        children: [run(line, { bold, size: TABLE_SIZE })],
      }),
  );
}

function dataTable(columns: ReportColumn[], rows: CellValue[][], totalWidth: number, boldLastRow = false): Table {
  const sum = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / sum) * totalWidth));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          children: cellParagraphs(c.header, AlignmentType.CENTER, true),
        }),
    ),
  });
  const body = rows.map(
    (row, r) =>
      new TableRow({
        children: columns.map((c, i) => {
          const align =
            c.kind === 'index' || c.kind === 'date'
              ? AlignmentType.CENTER
              : c.kind === 'number'
                ? AlignmentType.RIGHT
                : AlignmentType.LEFT;
          return new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            children: cellParagraphs(cellText(row[i] ?? null, c), align, boldLastRow && r === rows.length - 1),
          });
        }),
      }),
  );
  return new Table({
    width: { size: totalWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    margins: { top: 30, bottom: 30, left: 70, right: 70 },
    rows: [header, ...body],
  });
}

function bodyParagraph(text: string) {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 567 },
    spacing: { before: 120, after: 0, line: 312 },
    children: [run(text)],
  });
}

function signatureBlock(): Table {
  const leftWidth = Math.round(PORTRAIT_WIDTH * 0.5);
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 24 })] }),
    new Paragraph({ children: [run('- Thủ tướng Chính phủ (để b/c);', { size: 22 })] }),
    new Paragraph({ children: [run('- Văn phòng Chính phủ;', { size: 22 })] }),
    new Paragraph({ children: [run('- Lưu: VT.', { size: 22 })] }),
  ];
  const right = [
    centered([run('BỘ TRƯỞNG', { bold: true })]),
    centered([run('(Chữ ký, dấu)', { italics: true, size: 24 })], { before: 0, after: 1200 }),
    centered([run('Họ và tên', { bold: true })]),
  ];
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, PORTRAIT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        // The signature block never breaks across pages.
        cantSplit: true,
        children: [
          new TableCell({ width: { size: leftWidth, type: WidthType.DXA }, borders: NO_BORDERS, children: left }),
          new TableCell({
            width: { size: PORTRAIT_WIDTH - leftWidth, type: WidthType.DXA },
            borders: NO_BORDERS,
            children: right,
          }),
        ],
      }),
    ],
  });
}

function pageNumberFooter() {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 26 })],
      }),
    ],
  });
}

function appendixSection(model: ReportModel, appendix: Appendix): ISectionOptions {
  const width = appendix.landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH;
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      alignment: AlignmentType.CENTER,
      children: [run(`PHỤ LỤC ${appendix.code}`, { bold: true })],
    }),
    new Paragraph({
      heading: HeadingLevel.HEADING_3,
      alignment: AlignmentType.CENTER,
      children: [run(appendix.title, { bold: true })],
    }),
    centered([run(model.attachedTo, { italics: true })], { before: 0, after: 200 }),
  ];
  if (appendix.caption) {
    children.push(
      new Paragraph({ spacing: { before: 60, after: 120 }, children: [run(appendix.caption, { bold: true })] }),
    );
  }
  if (appendix.rows.length === 0) {
    children.push(bodyParagraph(appendix.emptyText));
  } else {
    children.push(dataTable(appendix.columns, appendix.rows, width));
  }
  return {
    properties: {
      page: {
        size: { ...A4, orientation: appendix.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: appendix.landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN,
      },
    },
    footers: { default: pageNumberFooter() },
    children,
  };
}

/** Renders the report model to a .docx file (bytes). */
export async function renderReportDocx(model: ReportModel): Promise<Buffer> {
  const main: (Paragraph | Table)[] = [
    headerBlock(model),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [run(model.title, { bold: true })],
    }),
    centered([run(model.subject, { bold: true })], { before: 0, after: 60 }),
    shortRule(30),
  ];
  for (const section of model.sections) {
    main.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 200, after: 60 },
        children: [run(section.heading, { bold: true })],
      }),
    );
    for (const p of section.paragraphs) {
      main.push(bodyParagraph(p));
    }
    if (section.table) {
      main.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 120, after: 60 },
          children: [run(section.table.caption, { italics: true, size: 26 })],
        }),
      );
      main.push(dataTable(section.table.columns, section.table.rows, PORTRAIT_WIDTH, true));
    }
  }
  main.push(new Paragraph({ spacing: { before: 240 }, children: [] }), signatureBlock());
  const doc = new Document({
    creator: 'Tiến Độ',
    title: `${model.title} ${model.subject}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE } },
        title: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' } },
        heading1: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' }, paragraph: { keepNext: true } },
        heading2: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' }, paragraph: { keepNext: true } },
        heading3: { run: { font: FONT, size: BODY_SIZE, bold: true, color: '000000' }, paragraph: { keepNext: true } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN },
        },
        footers: { default: pageNumberFooter(), first: new Footer({ children: [new Paragraph({ children: [] })] }) },
        children: main,
      },
      ...model.appendices.map((a) => appendixSection(model, a)),
    ],
  });
  return Packer.toBuffer(doc);
}

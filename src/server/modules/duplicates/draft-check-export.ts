import type { DraftCheckItem, DraftCheckReport, ExportFormat } from '@shared/contracts/duplicates';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
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

/**
 * The "check draft" report as a Word table (for the consultation file) or an Excel sheet: one row per (draft task,
 * stored task it repeats), with the score, the kind and the reasons.
 */

const KIND_LABEL = { duplicate: 'Trùng', overlap: 'Chồng lấn một phần' } as const;

function formatDate(iso: string | null): string {
  if (!iso) {
    return '';
  }
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function deadlineText(d: { raw: string | null; due: string | null }): string {
  return d.raw && d.raw.length > 0 ? d.raw : formatDate(d.due);
}

type Row = {
  no: string;
  draft: string;
  draftLead: string;
  draftDeadline: string;
  stored: string;
  directive: string;
  storedLead: string;
  storedDeadline: string;
  score: string;
  kind: string;
  reasons: string;
};

function rowsOf(items: DraftCheckItem[]): Row[] {
  const rows: Row[] = [];
  let n = 0;
  for (const item of items) {
    if (item.candidates.length === 0) {
      continue;
    }
    n++;
    item.candidates.forEach((c, i) => {
      rows.push({
        no: i === 0 ? String(n) : '',
        draft: i === 0 ? item.task.text : '',
        draftLead: i === 0 ? item.task.lead.join('; ') : '',
        draftDeadline: i === 0 ? deadlineText(item.task.deadline) : '',
        stored: c.text,
        directive: c.directive,
        storedLead: c.lead.join('; '),
        storedDeadline: deadlineText(c.deadline),
        score: `${Math.round(c.score * 100)}%`,
        kind: KIND_LABEL[c.kind],
        reasons: c.reasons.join('; '),
      });
    });
  }
  return rows;
}

const HEADERS: Array<[keyof Row, string, number]> = [
  ['no', 'STT', 5],
  ['draft', 'Nhiệm vụ trong dự thảo', 45],
  ['draftLead', 'Cơ quan chủ trì (dự thảo)', 20],
  ['draftDeadline', 'Thời hạn (dự thảo)', 14],
  ['stored', 'Nhiệm vụ đã được giao', 45],
  ['directive', 'Văn bản giao', 16],
  ['storedLead', 'Cơ quan chủ trì', 20],
  ['storedDeadline', 'Thời hạn', 14],
  ['score', 'Mức giống', 9],
  ['kind', 'Đánh giá', 14],
  ['reasons', 'Lý do', 40],
];

function summaryLine(report: DraftCheckReport): string {
  return (
    `Tệp ${report.fileName}: ${report.items.length} nhiệm vụ, ${report.tasksWithCandidates} nhiệm vụ trùng hoặc chồng lấn ` +
    `với nhiệm vụ đã giao (so với ${report.storedTasks} nhiệm vụ trong hệ thống, ngưỡng ${Math.round(report.threshold * 100)}%).`
  );
}

async function toXlsx(report: DraftCheckReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet('Nhiệm vụ trùng lặp');
  sheet.addRow(['KẾT QUẢ KIỂM TRA TRÙNG LẶP NHIỆM VỤ CỦA DỰ THẢO']).font = { bold: true, size: 13 };
  sheet.addRow([summaryLine(report)]);
  sheet.addRow([]);
  const header = sheet.addRow(HEADERS.map(([, label]) => label));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  HEADERS.forEach(([, , width], i) => {
    sheet.getColumn(i + 1).width = width;
  });
  for (const r of rowsOf(report.items)) {
    const row = sheet.addRow(HEADERS.map(([key]) => r[key]));
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cell(text: string, bold = false): TableCell {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  return new TableCell({
    borders: { top: border, bottom: border, left: border, right: border },
    children: text
      .split('\n')
      .map(
        (line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: 'Times New Roman', size: 22 })] }),
      ),
  });
}

async function toDocx(report: DraftCheckReport): Promise<Buffer> {
  const columns: Array<keyof Row> = ['no', 'draft', 'stored', 'directive', 'score', 'kind', 'reasons'];
  const labels = new Map(HEADERS.map(([k, label]) => [k, label]));
  const rows = rowsOf(report.items);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(labels.get(c) ?? c, true)) }),
      ...rows.map((r) => new TableRow({ children: columns.map((c) => cell(r[c])) })),
    ],
  });
  const doc = new Document({
    creator: 'Tiến Độ',
    title: 'Kết quả kiểm tra trùng lặp nhiệm vụ',
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: 'KẾT QUẢ KIỂM TRA TRÙNG LẶP NHIỆM VỤ CỦA DỰ THẢO', bold: true })],
          }),
          new Paragraph({ children: [new TextRun({ text: summaryLine(report), font: 'Times New Roman', size: 24 })] }),
          rows.length > 0
            ? table
            : new Paragraph({ children: [new TextRun('Không có nhiệm vụ nào trùng với nhiệm vụ đã giao.')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The report as a .docx or .xlsx file. */
export async function exportDraftCheck(report: DraftCheckReport, format: ExportFormat): Promise<Buffer> {
  return format === 'docx' ? toDocx(report) : toXlsx(report);
}

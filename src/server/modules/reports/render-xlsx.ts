import ExcelJS from 'exceljs';
import type { Appendix, CellValue, ReportModel } from './report-model';

/**
 * Excel rendering: one sheet per appendix with the same columns as the Word file, the title in row 1, the header in
 * row 3 (frozen, with an auto-filter), numbers as numbers (`#,##0.0`, shown with the Vietnamese separators by a
 * vi-VN Excel) and dates as real dates shown dd/mm/yyyy.
 */

const HEADER_ROW = 3;

function toExcel(value: CellValue): ExcelJS.CellValue {
  if (value === null) {
    return null;
  }
  if (typeof value === 'object') {
    return new Date(`${value.date}T00:00:00Z`);
  }
  return value;
}

function addAppendixSheet(workbook: ExcelJS.Workbook, model: ReportModel, appendix: Appendix) {
  const sheet = workbook.addWorksheet(appendix.sheet.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: appendix.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const last = appendix.columns.length;
  sheet.getCell(1, 1).value = `PHỤ LỤC ${appendix.code}: ${appendix.title}`;
  sheet.getCell(1, 1).font = { name: 'Times New Roman', bold: true, size: 12 };
  sheet.mergeCells(1, 1, 1, last);
  sheet.getCell(2, 1).value = model.attachedTo;
  sheet.getCell(2, 1).font = { name: 'Times New Roman', italic: true, size: 11 };
  sheet.mergeCells(2, 1, 2, last);
  appendix.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(6, Math.round(c.width * 1.6));
    if (c.kind === 'number') {
      column.numFmt = '#,##0.0';
    } else if (c.kind === 'date') {
      column.numFmt = 'dd/mm/yyyy';
    }
  });
  const header = sheet.getRow(HEADER_ROW);
  header.values = appendix.columns.map((c) => c.header);
  header.font = { name: 'Times New Roman', bold: true, size: 11 };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (const row of appendix.rows) {
    const added = sheet.addRow(row.map(toExcel));
    added.alignment = { vertical: 'top', wrapText: true };
    added.font = { name: 'Times New Roman', size: 11 };
  }
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: last } };
}

/** Renders the appendices of the report model to an .xlsx workbook (bytes). */
export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  workbook.created = new Date(`${model.asOf}T00:00:00Z`);
  for (const appendix of model.appendices) {
    addAppendixSheet(workbook, model, appendix);
  }
  const summary = model.sections.find((s) => s.table);
  if (summary?.table) {
    const sheet = workbook.addWorksheet('Tổng hợp', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(summary.table.columns.map((c) => c.header)).font = { bold: true };
    for (const row of summary.table.rows) {
      sheet.addRow(row.map(toExcel));
    }
    sheet.getColumn(2).width = 50;
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: summary.table.columns.length } };
  }
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

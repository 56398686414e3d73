import { foldText } from '@shared/lib/vn-text';

/**
 * A sentence in a report's body that states totals for an appendix as of a date, e.g. seed 003 line 76:
 * "Đến hết 24/5/2025, có 22 nhiệm vụ hoàn thành; 13 nhiệm vụ đang thực hiện trong hạn …; 02 nhiệm vụ đang thực
 * hiện quá hạn (Chi tiết tại Phụ lục 1)."
 */
export type StatusStatement = {
  /** Appendix the sentence points to ("1" for "Phụ lục 1"), folded. */
  appendix: string;
  asOf: string | null;
  completed: number | null;
  inProgress: number | null;
  overdue: number | null;
  line: number;
  text: string;
};

const pad = (n: string) => n.padStart(2, '0');

/** Finds the statements in the paragraphs of a document (in order). Pure. */
export function findStatusStatements(paragraphs: { text: string; line: number }[]): StatusStatement[] {
  const found: StatusStatement[] = [];
  for (const p of paragraphs) {
    const folded = foldText(p.text);
    const appendix = /\bchi tiet tai phu luc (\w+)\b/.exec(folded)?.[1];
    if (!appendix) {
      continue;
    }
    const num = (re: RegExp) => {
      const m = re.exec(folded);
      return m ? Number(m[1]) : null;
    };
    const completed = num(/\b(\d+) nhiem vu (?:da )?hoan thanh\b/);
    const inProgress = num(/\b(\d+) nhiem vu dang thuc hien trong han\b/);
    const overdue = num(/\b(\d+) nhiem vu (?:dang thuc hien )?qua han\b/);
    if ([completed, inProgress, overdue].filter((n) => n !== null).length < 2) {
      continue;
    }
    const date = /\b(?:den het|tinh den het|tinh den|den) (?:ngay )?(\d{1,2}) (\d{1,2}) (\d{4})\b/.exec(folded);
    found.push({
      appendix,
      asOf: date ? `${date[3]}-${pad(date[2] as string)}-${pad(date[1] as string)}` : null,
      completed,
      inProgress,
      overdue,
      line: p.line,
      text: p.text,
    });
  }
  return found;
}

/** True when a list caption is the appendix a statement points to ("Phụ lục 1: …" for "1", not "Phụ lục 10"). */
export function isAppendix(listTitle: string, appendix: string): boolean {
  const folded = foldText(listTitle);
  const m = /^phu luc (?:so )?0*(\w+)\b/.exec(folded);
  return !!m && m[1] === appendix.replace(/^0+/, '');
}

import type { ConsultationSectionInfo } from '@server/db/schema/consultations';

export type SynthesisRow = { tt: string; agency: string; comment: string[]; answer: string[] };
export type SynthesisSection = {
  heading: string;
  agencyHeader: string;
  answerHeader: string;
  rows: SynthesisRow[];
};
export type Synthesis = { title: string; sections: SynthesisSection[] };

export type SynthesisInput = {
  title: string;
  drafter: string | null;
  sections: ConsultationSectionInfo[];
  consultees: { id: string; agencyRaw: string; group: string; row: number; rowLabel: string | null; stance: string }[];
  comments: {
    consulteeId: string;
    point: number;
    text: string;
    answerText: string;
    answerParagraphs: { text: string }[];
  }[];
};

const DEFAULT_SECTIONS: Record<'ministries' | 'localities', { label: string; title: string; agencyHeader: string }> = {
  ministries: { label: 'I', title: 'CÁC BỘ, CƠ QUAN NGANG BỘ, CƠ QUAN THUỘC CHÍNH PHỦ', agencyHeader: 'Bộ, ngành' },
  localities: { label: 'II', title: 'CÁC TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG', agencyHeader: 'Tỉnh/thành phố' },
};

const paragraphsOf = (text: string) =>
  text
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

/**
 * The synthesis table (bảng tổng hợp ý kiến) in the layout of seed 000: one section per kind of agency (I. ministries
 * and agencies, II. provinces), one row per consultee with its comment points and the drafter's answer paragraphs.
 * Sections without consultees are left out; a consultee that has not answered shows an empty comment.
 */
export function buildSynthesis(input: SynthesisInput): Synthesis {
  const sections: SynthesisSection[] = [];
  for (const group of ['ministries', 'localities'] as const) {
    const consultees = input.consultees.filter((c) => c.group === group).sort((a, b) => a.row - b.row);
    if (consultees.length === 0) {
      continue;
    }
    const info = input.sections.find((s) => s.group === group);
    const defaults = DEFAULT_SECTIONS[group];
    const drafter = info?.drafterRaw ?? info?.drafter ?? input.drafter;
    const rows = consultees.map((c) => {
      const points = input.comments.filter((m) => m.consulteeId === c.id).sort((a, b) => a.point - b.point);
      const comment = points.flatMap((p) => paragraphsOf(p.text));
      const answer = points.flatMap((p) =>
        p.answerParagraphs.length > 0 ? p.answerParagraphs.map((a) => a.text) : paragraphsOf(p.answerText),
      );
      return { tt: c.rowLabel ?? String(c.row), agency: c.agencyRaw, comment, answer };
    });
    sections.push({
      heading: `${info?.label ?? defaults.label}. ${info?.title ?? defaults.title}`,
      agencyHeader: defaults.agencyHeader,
      answerHeader: drafter ? `Ý kiến tiếp thu/giải trình của ${drafter}` : 'Ý kiến tiếp thu/giải trình',
      rows,
    });
  }
  return { title: input.title, sections };
}

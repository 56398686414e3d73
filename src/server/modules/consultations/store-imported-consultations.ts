import type { DbOrTx } from '@server/db/client';
import { consultationComments, consultationConsultees, consultations } from '@server/db/schema/index';
import { stableId } from '@server/lib/ids';
import type { Consultation } from '@shared/contracts/consultations';
import { eq } from 'drizzle-orm';

export type StoreImportedOptions = {
  /** sha256 of the source file a consultation was read from (by file name). */
  sha256Of: (fileName: string) => string | null;
  agencyIdOf: (name: string) => string | null;
  now: Date;
};

/**
 * Stores the consultations read from synthesis tables (seed 000) with their consultees, comments and answers. The key
 * is the source file's hash, so importing the same file again changes nothing (the first import wins). Returns how
 * many consultations were created.
 */
export async function storeImportedConsultations(
  tx: DbOrTx,
  items: Consultation[],
  options: StoreImportedOptions,
): Promise<number> {
  let created = 0;
  const perFile = new Map<string, number>();
  for (const item of items) {
    const sha = options.sha256Of(item.file);
    // Numbered within its file, so that importing the file alone or with others gives the same key.
    const index = perFile.get(item.file) ?? 0;
    perFile.set(item.file, index + 1);
    const key = `import:${sha ?? item.file}:${index}`;
    const [existing] = await tx
      .select({ id: consultations.id })
      .from(consultations)
      .where(eq(consultations.key, key))
      .limit(1);
    if (existing) {
      continue;
    }
    const id = stableId('consultation', key);
    await tx.insert(consultations).values({
      id,
      key,
      directiveId: null,
      title: item.title,
      drafter: item.drafter,
      drafterAgencyId: item.drafter ? options.agencyIdOf(item.drafter) : null,
      status: 'imported',
      deadline: null,
      sourceFileId: sha ? stableId('source-file', sha) : null,
      sections: item.sections.map((s) => ({
        label: s.label,
        title: s.title,
        group: s.group,
        drafter: s.drafter,
        drafterRaw: s.drafterRaw,
      })),
      createdAt: options.now,
      updatedAt: options.now,
    });
    const consulteeIds = new Map<string, string>();
    for (const c of item.comments) {
      const consulteeKey = `${c.group}|${c.row}`;
      let consulteeId = consulteeIds.get(consulteeKey);
      if (!consulteeId) {
        consulteeId = stableId('consultee', `${id}|${consulteeKey}`);
        consulteeIds.set(consulteeKey, consulteeId);
        await tx.insert(consultationConsultees).values({
          id: consulteeId,
          consultationId: id,
          agencyId: c.agency ? options.agencyIdOf(c.agency) : null,
          agencyName: c.agency ?? c.agencyRaw,
          agencyRaw: c.agencyRaw,
          groupKind: c.group,
          row: c.row,
          rowLabel: c.rowLabel,
          line: c.line,
          stance: c.stance,
          respondedAt: null,
        });
      }
      await tx.insert(consultationComments).values({
        id: stableId('consultation-comment', `${consulteeId}|${c.point}`),
        consultationId: id,
        consulteeId,
        point: c.point,
        text: c.text,
        stance: c.stance,
        taskRefs: c.taskRefs,
        answerText: c.answer.text,
        answerStance: c.answer.stance,
        answerParagraphs: c.answer.paragraphs,
        createdAt: options.now,
      });
    }
    created += 1;
  }
  return created;
}

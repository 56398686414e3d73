import type { DbOrTx } from '@server/db/client';
import type { directives } from '@server/db/schema/index';
import { AppError } from '@server/lib/app-error';
import type { DirectiveDetail, DirectiveSummary, SectionNode } from '@shared/contracts/directives';
import type { ImportDirective } from '@shared/contracts/imports';
import {
  type DirectiveFilter,
  findDirectiveRow,
  listDirectiveRows,
  listSectionsWithCounts,
  listSourceFilesOfDirective,
} from './directives.repo';

function toSummary(row: { directive: typeof directives.$inferSelect; taskCount: number }): DirectiveSummary {
  const d = row.directive;
  return {
    id: d.id,
    stableKey: d.stableKey,
    kind: d.kind as ImportDirective['kind'],
    number: d.number,
    issuedOn: d.issuedOn,
    issuer: d.issuer,
    title: d.title,
    status: d.status as DirectiveSummary['status'],
    taskCount: row.taskCount,
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** Directive documents, newest first; `q` ignores diacritics and matches the title or the number. */
export async function listDirectives(db: DbOrTx, filter: DirectiveFilter): Promise<{ items: DirectiveSummary[] }> {
  const rows = await listDirectiveRows(db, filter);
  return { items: rows.map(toSummary) };
}

/** A directive with its sections as a tree (with task counts) and its source files. Throws NOT_FOUND. */
export async function getDirective(db: DbOrTx, directiveId: string): Promise<DirectiveDetail> {
  const row = await findDirectiveRow(db, directiveId);
  if (!row) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản.');
  }
  const sections = await listSectionsWithCounts(db, directiveId);
  const nodes = new Map<string, SectionNode>();
  for (const s of sections) {
    nodes.set(s.id, { id: s.id, label: s.label, title: s.title, taskCount: s.taskCount, children: [] });
  }
  const roots: SectionNode[] = [];
  for (const s of sections) {
    const node = nodes.get(s.id) as SectionNode;
    const parent = s.parentId ? nodes.get(s.parentId) : undefined;
    if (parent) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }
  const sources = await listSourceFilesOfDirective(db, directiveId, row.directive.sourceFileId);
  return {
    ...toSummary(row),
    sections: roots,
    sources: sources.map((s) => ({ id: s.id, fileName: s.fileName, createdAt: s.createdAt.toISOString() })),
  };
}

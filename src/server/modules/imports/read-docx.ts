import mammoth from 'mammoth';
import { htmlToBlocks } from './html-blocks';
import { ImportReadError } from './import-errors';
import type { SourceDocument } from './source-document';
import { hasZipMagic, listZipEntries } from './zip-entries';

// Word's built-in title styles are headings too; the rest of the default style map (Heading 1–6, lists,
// footnotes) is mammoth's own.
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='title'] => h1:fresh",
];

// Images carry no task text; converting them to data URIs would only cost time and memory.
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

/** True when the ZIP entries are those of a Word document package. */
export function isDocxPackage(entryNames: readonly string[]): boolean {
  return entryNames.includes('[Content_Types].xml') && entryNames.some((n) => /^word\/document\d*\.xml$/.test(n));
}

/**
 * Read a .docx into paragraphs (with heading levels from Word's heading styles) and tables (merged cells
 * expanded). The content is checked first: anything that is not a Word package gives `NOT_A_DOCX`, whatever
 * its name.
 */
export async function readDocxDocument(fileName: string, bytes: Buffer): Promise<SourceDocument> {
  if (bytes.length === 0) {
    throw new ImportReadError('EMPTY_FILE', fileName);
  }
  if (!hasZipMagic(bytes)) {
    throw new ImportReadError('NOT_A_DOCX', fileName);
  }
  const names = listZipEntries(bytes).map((e) => e.name);
  if (!isDocxPackage(names)) {
    throw new ImportReadError('NOT_A_DOCX', fileName, 'Gói tệp không có phần nội dung Word (word/document.xml).');
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES, ignoreEmptyParagraphs: true },
    );
    html = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportReadError('NOT_A_DOCX', fileName, `Không giải nén hoặc đọc được nội dung (${reason}).`);
  }
  return { fileName, format: 'docx', blocks: htmlToBlocks(html) };
}

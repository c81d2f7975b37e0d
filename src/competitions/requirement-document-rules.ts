import { inflateRawSync } from 'node:zlib';
import { ACCEPTED_DOCUMENT_TYPES, detectDocumentType, displayFileName, DocumentFileType } from '../documents/file-types';
import { IdentifierHit, scanForIdentifiers } from './identifier-scanner';
import type { RequirementDocumentKind } from './requirement-document.entity';

export const REQUIREMENT_DOCUMENT_KIND_LABELS: Record<RequirementDocumentKind, string> = {
  specification: 'Specification',
  assessment_extract: 'Redacted extract of the assessment',
  other: 'Another document',
};

/** A requirement's file is what compliance documents may be (checked by content), or plain UTF-8 text. */
export type RequirementFileType = DocumentFileType | 'txt';

export const REQUIREMENT_FILE_TYPES: Record<RequirementFileType, { mediaType: string; extension: string }> = {
  ...ACCEPTED_DOCUMENT_TYPES,
  txt: { mediaType: 'text/plain; charset=utf-8', extension: 'txt' },
};

/** Plain text: valid UTF-8 with no control characters other than tabs and line ends. */
function isPlainText(content: Buffer): boolean {
  if (!content.length) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(content);
  if (text.includes('\uFFFD')) return false;
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/** What the file really is, from its content: null for anything not accepted. */
export function detectRequirementFileType(content: Buffer): RequirementFileType | null {
  return detectDocumentType(content) ?? (isPlainText(content) ? 'txt' : null);
}

export function requirementFileName(original: string | undefined, type: RequirementFileType): string {
  if (type !== 'txt') return displayFileName(original, type);
  return displayFileName(original, 'pdf').replace(/\.pdf$/, '.txt');
}

/** At most this much text is read from a Word document's body, so a "zip bomb" cannot exhaust memory. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

/**
 * The body text of a Word document: word/document.xml, found through the
 * ZIP central directory and inflated, with its tags removed. Null when the
 * package cannot be read.
 */
export function docxText(content: Buffer): string | null {
  const end = content.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > content.length) return null;
  const entries = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  for (let index = 0; index < entries && offset + 46 <= content.length; index++) {
    if (content.readUInt32LE(offset) !== 0x02014b50) return null;
    const method = content.readUInt16LE(offset + 10);
    const compressedSize = content.readUInt32LE(offset + 20);
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    const localOffset = content.readUInt32LE(offset + 42);
    const name = content.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name !== 'word/document.xml') continue;
    if (localOffset + 30 > content.length || content.readUInt32LE(localOffset) !== 0x04034b50) return null;
    const start = localOffset + 30 + content.readUInt16LE(localOffset + 26) + content.readUInt16LE(localOffset + 28);
    const data = content.subarray(start, start + compressedSize);
    try {
      const xml = method === 0 ? data.subarray(0, MAX_TEXT_BYTES) : method === 8 ? inflateRawSync(data, { maxOutputLength: MAX_TEXT_BYTES }) : null;
      if (!xml) return null;
      return xml
        .toString('utf8')
        .replace(/<\/w:p>/g, '\n')
        .replace(/<w:tab\/>/g, ' ')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    } catch {
      return null;
    }
  }
  return null;
}

/** The text the scanner can read: all of a text file, a Word document's body; none from PDFs or images. */
export function readableText(content: Buffer, type: RequirementFileType): string | null {
  if (type === 'txt') return content.toString('utf8');
  if (type === 'docx') return docxText(content);
  return null;
}

/**
 * DESIGN.md §6 for attached files: the scanner reads the file name (with
 * separators as spaces, so "Jamie_Smith.pdf" reads as a name) and, for a
 * text or Word file, its text.
 */
export function scanDocument(fileName: string, content: Buffer, type: RequirementFileType): IdentifierHit[] {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/[_\-.]+/g, ' ');
  return scanForIdentifiers({ fileName: stem, fileText: readableText(content, type) });
}

export const ACCEPTED_DOCUMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  png: { mediaType: 'image/png', extension: 'png' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
} as const;
export type DocumentFileType = keyof typeof ACCEPTED_DOCUMENT_TYPES;

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((byte, index) => buffer[index] === byte);

/**
 * What a file really is, from its content rather than its name: PDF, PNG,
 * JPEG, or a Word document (a ZIP package holding word/document.xml).
 * Anything else is null.
 */
export function detectDocumentType(content: Buffer): DocumentFileType | null {
  if (content.length < 8) return null;
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(content, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) {
    // ZIP entry names are stored uncompressed, so the package's parts can be found by name.
    const text = content.toString('latin1');
    if (text.includes('[Content_Types].xml') && text.includes('word/document.xml')) return 'docx';
  }
  return null;
}

/**
 * The name shown for an uploaded file: its base name only (no folders, so
 * no "../" tricks), printable characters, at most 100 characters. The file
 * itself is stored under an id the server generates.
 */
export function displayFileName(original: string | undefined, type: DocumentFileType): string {
  const base = (original ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'document';
  return `${stem}.${ACCEPTED_DOCUMENT_TYPES[type].extension}`;
}

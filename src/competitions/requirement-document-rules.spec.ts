import { deflateRawSync } from 'node:zlib';
import { detectRequirementFileType, docxText, requirementFileName, scanDocument } from './requirement-document-rules';

describe('requirement documents (issue 22)', () => {
  it('accepts plain UTF-8 text as well as the compliance document types, by content', () => {
    expect(detectRequirementFileType(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectRequirementFileType(Buffer.from('Ten sessions of Theraplay.\nAt home.\n'))).toBe('txt');
    expect(detectRequirementFileType(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]))).toBeNull();
    expect(detectRequirementFileType(Buffer.from([0xc3, 0x28, 0x41, 0x42]))).toBeNull();
    expect(requirementFileName('../notes.exe', 'txt')).toBe('notes.txt');
  });

  it('reads no text from a package without word/document.xml, and never throws on a broken one', () => {
    expect(docxText(Buffer.from('PK\x03\x04 not really a zip'))).toBeNull();
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(9999, 16);
    expect(docxText(Buffer.concat([deflateRawSync(Buffer.from('x')), end]))).toBeNull();
  });

  it('scans the file name with separators as spaces, and a text file’s text', () => {
    expect(scanDocument('Jamie_Smith-assessment.pdf', Buffer.from('%PDF-1.7'), 'pdf').map((hit) => [hit.field, hit.match])).toEqual([
      ['fileName', 'Jamie Smith'],
    ]);
    expect(scanDocument('extract.txt', Buffer.from('Lives near TN24 8QQ'), 'txt').map((hit) => [hit.field, hit.kind])).toEqual([['fileText', 'postcode']]);
    expect(scanDocument('specification.pdf', Buffer.from('%PDF-1.7 Jamie Smith'), 'pdf')).toEqual([]);
  });
});

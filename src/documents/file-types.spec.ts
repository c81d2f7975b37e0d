import { detectDocumentType, displayFileName } from './file-types';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
const otherZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....xl/workbook.xml....')]);

describe('detectDocumentType', () => {
  it.each([
    ['a PDF', pdf, 'pdf'],
    ['a PNG', png, 'png'],
    ['a JPEG', jpeg, 'jpeg'],
    ['a Word document', docx, 'docx'],
    ['a spreadsheet', otherZip, null],
    ['an executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'), null],
    ['HTML pretending to be a PDF', Buffer.from('<html><script>alert(1)</script></html>'), null],
    ['an empty file', Buffer.alloc(0), null],
  ])('recognises %s', (_name, content, expected) => expect(detectDocumentType(content)).toBe(expected));
});

describe('displayFileName', () => {
  it.each([
    ['insurance.pdf', 'pdf', 'insurance.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['..\\..\\windows\\win.ini', 'docx', 'win.docx'],
    ['certificate.exe', 'pdf', 'certificate.pdf'],
    ['  "<bad>".png  ', 'png', 'bad.png'],
    ['...', 'jpeg', 'document.jpg'],
    [undefined, 'pdf', 'document.pdf'],
  ] as const)('%p as %s → %p', (input, type, expected) => expect(displayFileName(input, type)).toBe(expected));
});

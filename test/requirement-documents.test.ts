import { crc32, deflateRawSync } from 'node:zlib';
import { openRequirementWithBids } from './factories/competitions';
import { TEST_PDF } from './factories/frameworks';
import { createSecondPartnership } from './factories/partnerships';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** A minimal Word package: its content types and a deflated word/document.xml saying `text`. */
function wordDocument(text: string): Buffer {
  const files: Array<[string, Buffer]> = [
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ['word/document.xml', Buffer.from(`<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`)],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Issue 22: files on a requirement, for its invitees only, checked by content and for identifiers. */
describe('documents on a requirement', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let open: Awaited<ReturnType<typeof openRequirementWithBids>>;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const newPath = () => `/requirements/${open.requirementId}/documents/new`;
  const documentCount = async () => (await sql(`SELECT count(*)::int AS n FROM requirement_documents WHERE requirement_id = $1`, [open.requirementId]))[0].n;

  beforeAll(async () => {
    testApp = await createTestApp();
    open = await openRequirementWithBids(testApp, [['Elm Therapy', '95']]);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
  });
  afterAll(() => testApp.close());

  it('refuses bad input with GOV.UK errors and saves nothing', async () => {
    const empty = await commissioner.upload(newPath(), {});
    expect(empty.status).toBe(400);
    expect(empty.title).toMatch(/^Error: /);
    expect(empty.errorSummary.map((error) => error.text)).toEqual(['Select what the document is', 'Select a file']);

    const program = await commissioner.upload(
      newPath(),
      { kind: 'specification', reason: 'The full specification' },
      { name: 'spec.pdf', content: Buffer.from('MZ\x90\x00\x03\x00 a program, not a PDF') },
    );
    expect(program.status).toBe(400);
    expect(program.errorSummary.map((error) => error.text)).toEqual(['The selected file must be a PDF, PNG, JPEG, Word document (DOCX) or plain text file']);

    const noReason = await commissioner.upload(newPath(), { kind: 'specification' }, { name: 'spec.pdf', content: TEST_PDF });
    expect(noReason.status).toBe(400);
    expect(noReason.errorSummary.map((error) => error.text)).toEqual(['Enter why you are adding this document']);
    expect(await documentCount()).toBe(0);
  });

  it('warns on an identifier in the file name or a text file’s text, until the commissioner confirms', async () => {
    const named = await commissioner.upload(
      newPath(),
      { kind: 'assessment_extract', reason: 'Assessment extract' },
      { name: 'Jamie_Smith_assessment.pdf', content: TEST_PDF },
    );
    expect(named.status).toBe(400);
    expect(named.errorSummary[0].text).toMatch(/^This file may identify the child: “Jamie Smith” in the file name/);

    const text = await commissioner.upload(
      newPath(),
      { kind: 'assessment_extract', reason: 'Assessment extract' },
      { name: 'extract.txt', content: Buffer.from('Lives at 14 Acacia Avenue, TN24 8QQ. Needs help with transitions.') },
    );
    expect(text.status).toBe(400);
    expect(text.errorSummary[0].text).toMatch(/“TN24 8QQ” in the file/);

    const word = await commissioner.upload(
      newPath(),
      { kind: 'specification', reason: 'Specification' },
      { name: 'specification.docx', content: wordDocument('The therapist will meet Jamie Smith weekly.') },
    );
    expect(word.status).toBe(400);
    expect(word.errorSummary[0].text).toMatch(/“Jamie Smith” in the file/);
    expect(await documentCount()).toBe(0);

    const clean = wordDocument('Ten sessions of Theraplay at home, with the adoptive parents.');
    const checked = await commissioner.upload(newPath(), { kind: 'specification', reason: 'Specification' }, { name: 'specification.docx', content: clean });
    expect(checked.status).toBe(303);
    const confirmed = await commissioner.upload(
      newPath(),
      { kind: 'assessment_extract', reason: 'Redacted assessment', confirmNoIdentifiers: 'confirmed' },
      { name: 'extract.txt', content: Buffer.from('Seen at TN24 8QQ clinic: the agency’s own address.') },
    );
    expect(confirmed.status).toBe(303);
    expect(await documentCount()).toBe(2);
  });

  it('lets the invitee download it and lists it in the change history, but refuses a provider who was not invited', async () => {
    const added = await commissioner.upload(
      newPath(),
      { kind: 'specification', reason: 'The full specification' },
      { name: 'service spec.pdf', content: TEST_PDF },
    );
    expect(added.status).toBe(303);
    const [document] = await sql(`SELECT id FROM requirement_documents WHERE requirement_id = $1 AND file_name = 'service spec.pdf'`, [open.requirementId]);

    const elm = open.sessions['Elm Therapy'];
    const page = await elm.get(`/provider/opportunities/${open.requirementId}`);
    expect(
      page
        .$('#documents')
        .parent()
        .find('a[download]')
        .map((_, link) => page.$(link).text())
        .get(),
    ).toEqual(['specification.docx', 'extract.txt', 'service spec.pdf']);
    expect(page.html).toContain('The full specification');
    expect(page.$('#changes').parent().text()).toMatch(/Document added\s*service spec\.pdf/);
    const file = await elm.agent.get(`/provider/opportunities/${open.requirementId}/documents/${document.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(Buffer.from(file.body as Buffer).equals(TEST_PDF)).toBe(true);

    // Oakleaf is a demo provider, not a member of this lot, so not invited.
    const oakleaf = new WebSession(testApp.server);
    await oakleaf.signIn(DEMO.provider);
    expect((await oakleaf.get(`/provider/opportunities/${open.requirementId}/documents/${document.id}/file`)).status).toBe(404);

    const second = await createSecondPartnership(testApp.dataSource);
    const outsider = new WebSession(testApp.server);
    await outsider.signIn(second.commissioner, second.password);
    expect((await outsider.get(`/requirements/${open.requirementId}/documents/${document.id}/file`)).status).toBe(404);
    expect((await outsider.get(newPath())).status).toBe(404);
    expect((await commissioner.agent.get(`/requirements/${open.requirementId}/documents/${document.id}/file`)).status).toBe(200);

    const [emails] = await sql(
      `SELECT count(*)::int AS n FROM notifications WHERE template = 'requirement-amended' AND text_body LIKE '%Document added: service spec.pdf%'`,
    );
    expect(emails.n).toBe(1);
  });
});

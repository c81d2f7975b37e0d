import request from 'supertest';
import { createOpenFramework, referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const insurance = { type: 'professional_indemnity', coverAmount: '£5,000,000', 'expiresOn[day]': '31', 'expiresOn[month]': '3', 'expiresOn[year]': '2030' };

describe('compliance documents', () => {
  let testApp: TestApp;
  let oakleaf: WebSession;
  beforeAll(async () => {
    testApp = await createTestApp();
    oakleaf = new WebSession(testApp.server);
    await oakleaf.signIn(DEMO.provider);
  });
  afterAll(() => testApp.close());

  const documentCount = async () => (await testApp.dataSource.query('SELECT count(*)::int AS n FROM compliance_documents'))[0].n as number;

  it('asks for the type and a file', async () => {
    const page = await oakleaf.upload('/provider/documents/new', {});
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([
      { text: 'Select the type of document', href: '#type' },
      { text: 'Select a file', href: '#file' },
    ]);
  });

  it('explains insurance details that are missing or wrong', async () => {
    const page = await oakleaf.upload('/provider/documents/new', { type: 'public_liability', coverAmount: 'plenty' }, { name: 'cert.pdf', content: PDF });
    expect(page.fieldErrors).toEqual({
      coverAmount: 'Enter the cover as an amount in pounds, like £5,000,000',
      expiresOn: 'Enter the date the insurance expires',
    });
    expect(page.$('#coverAmount').val()).toBe('plenty');
    expect(await documentCount()).toBe(0);
  });

  it('refuses a file whose content does not match its name', async () => {
    const page = await oakleaf.upload('/provider/documents/new', insurance, {
      name: 'insurance.pdf',
      content: Buffer.from('MZ\x90\x00 this is really a program'),
    });
    expect(page.status).toBe(400);
    expect(page.fieldErrors).toEqual({ file: 'The selected file must be a PDF, PNG, JPEG or Word document (DOCX)' });
    expect(await documentCount()).toBe(0);
  });

  it('refuses a file over 10MB with a form error', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const page = await oakleaf.upload('/provider/documents/new', insurance, { name: 'big.pdf', content: big });
    expect(page.status).toBe(400);
    expect(page.errorSummary).toEqual([{ text: 'The selected file must be smaller than 10MB', href: '#file' }]);
    expect(await documentCount()).toBe(0);
  });

  it.each([
    ['an empty file', 'empty.pdf', Buffer.alloc(0), 'The selected file is empty'],
    [
      'a web page named as a PDF',
      'statement.pdf',
      Buffer.from('<html><script>alert(1)</script></html>'),
      'The selected file must be a PDF, PNG, JPEG or Word document (DOCX)',
    ],
    ['a program with a double extension', 'insurance.pdf.exe', Buffer.from('MZ\x90\x00'), 'The selected file must be a PDF, PNG, JPEG or Word document (DOCX)'],
  ])('refuses %s with a form error, storing nothing', async (_case, name, content, message) => {
    const filesBefore = (await testApp.dataSource.query('SELECT count(*)::int AS n FROM stored_files'))[0].n;
    const page = await oakleaf.upload('/provider/documents/new', insurance, { name, content });
    expect(page.status).toBe(400);
    expect(page.fieldErrors.file).toBe(message);
    expect(await documentCount()).toBe(0);
    expect((await testApp.dataSource.query('SELECT count(*)::int AS n FROM stored_files'))[0].n).toBe(filesBefore);
  });

  it('judges a file by its content, naming it for what it is', async () => {
    for (const name of ['setup.exe', 'insurance']) {
      const uploaded = await oakleaf.upload('/provider/documents/new', { ...insurance, type: 'public_liability' }, { name, content: PDF });
      expect(uploaded.status).toBe(303);
    }
    const rows = await testApp.dataSource.query(`SELECT id, file_name FROM compliance_documents WHERE type = 'public_liability' ORDER BY uploaded_at`);
    expect(rows.map((row: { file_name: string }) => row.file_name)).toEqual(['setup.pdf', 'insurance.pdf']);
    await testApp.dataSource.query(`DELETE FROM compliance_documents WHERE type = 'public_liability'`);
  });

  it('refuses two files in one upload, and a file in an unexpected field, cleanly', async () => {
    const form = await oakleaf.get('/provider/documents/new');
    const action = form.$('form[enctype="multipart/form-data"]').attr('action')!;
    const twoFiles = await oakleaf.agent
      .post(action)
      .field('type', 'safeguarding_policy')
      .attach('file', PDF, 'one.pdf')
      .attach('file', PDF, 'two.pdf')
      .redirects(0);
    const otherField = await oakleaf.agent.post(action).field('type', 'safeguarding_policy').attach('sneaky', PDF, 'one.pdf').redirects(0);
    for (const response of [twoFiles, otherField]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.text).toContain('govuk-');
    }
    expect(await documentCount()).toBe(0);
  });

  it('keeps hostile file names harmless in the page and the download header', async () => {
    const hostile = 'cert"\r\nSet-Cookie: evil=1; <img src=x onerror=alert(1)>.pdf';
    const uploaded = await oakleaf.upload('/provider/documents/new', { ...insurance, type: 'employers_liability' }, { name: hostile, content: PDF });
    expect(uploaded.status).toBe(303);
    const list = await oakleaf.get('/provider/documents');
    expect(list.html).not.toContain('<img src=x');
    const [document] = await testApp.dataSource.query(`SELECT id, file_name FROM compliance_documents WHERE type = 'employers_liability'`);
    const download = await oakleaf.agent.get(`/documents/${document.id}/file`);
    // The name stays inside the header's quotes: no new header, no cookie.
    expect(JSON.stringify(download.headers['set-cookie'] ?? [])).not.toContain('evil');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[^\s"]+$/);
    await testApp.dataSource.query('DELETE FROM compliance_documents WHERE id = $1', [document.id]);
  });

  it('refuses an upload without the CSRF token', async () => {
    const response = await oakleaf.agent.post('/provider/documents/new').field('type', 'safeguarding_policy').attach('file', PDF, 'policy.pdf').redirects(0);
    expect(response.status).toBe(403);
    expect(await documentCount()).toBe(0);
  });

  it('stores a file under its own id, keeps only the base name, and serves it as a download', async () => {
    const uploaded = await oakleaf.upload('/provider/documents/new', insurance, { name: '../../../etc/passwd.pdf', content: PDF });
    expect(uploaded.status).toBe(303);
    const list = await oakleaf.get('/provider/documents');
    expect(list.$('.govuk-notification-banner__heading').text()).toBe('passwd.pdf has been uploaded');
    expect(list.$('tbody').text()).toContain('£5,000,000.00');
    expect(list.$('tbody').text()).toContain('31 March 2030');

    const [document] = await testApp.dataSource.query('SELECT id, file_name, stored_file_id, cover_amount_pence FROM compliance_documents');
    expect(document.file_name).toBe('passwd.pdf');
    expect(document.stored_file_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(document.cover_amount_pence).toBe('500000000');

    const download = await oakleaf.agent
      .get(`/documents/${document.id}/file`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="passwd.pdf"; filename*=UTF-8''passwd.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
  });

  it('shows a newer document of the same type as current and the older one as replaced', async () => {
    await oakleaf.upload('/provider/documents/new', { ...insurance, 'expiresOn[year]': '2031' }, { name: 'renewed.pdf', content: PDF });
    const tags = (await oakleaf.get('/provider/documents'))
      .$('tbody .govuk-tag')
      .map((_, tag) => (tag as unknown as { children: Array<{ data: string }> }).children[0].data)
      .get();
    expect(tags).toEqual(['Current', 'Replaced']);
  });

  it('serves a document only to its provider and the framework managers of partnerships it deals with', async () => {
    const [{ id }] = await testApp.dataSource.query('SELECT id FROM compliance_documents LIMIT 1');
    const statusFor = async (email: string) => {
      const visitor = new WebSession(testApp.server);
      await visitor.signIn(email);
      return (await visitor.agent.get(`/documents/${id}/file`)).status;
    };
    expect(await statusFor(DEMO.otherProvider)).toBe(404);
    // Until Oakleaf applies to one of the partnership's frameworks, its documents are none of the manager's business.
    expect(await statusFor(DEMO.frameworkManager)).toBe(404);
    const manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, await referenceIds(testApp.dataSource));
    expect((await oakleaf.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`)).status).toBe(303);
    expect(await statusFor(DEMO.frameworkManager)).toBe(200);
    expect(await statusFor(DEMO.commissioner)).toBe(403);
    expect((await request(testApp.server).get(`/documents/${id}/file`)).status).toBe(303);
  });
});

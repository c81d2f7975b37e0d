import { activeContract, ActiveContract } from './factories/awards';
import { dateFields, draftRequirement } from './factories/competitions';
import { referenceIds } from './factories/frameworks';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** UK GDPR Article 15: the owning agency downloads everything the portal holds about one child. */
describe('subject access export', () => {
  let testApp: TestApp;
  let contract: ActiveContract;
  let commissioner: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp();
    contract = await activeContract(testApp, {
      winner: 'Subject Access Therapy',
      requirement: { childReference: 'KCC-SAR-1', needsDescription: 'Subject access needs text 9P' },
    });
    const logged = await contract.provider.submit(
      `/provider/contracts/${contract.contractId}/delivery`,
      { ...dateFields('deliveredOn', 0), sessions: '2' },
      `/provider/contracts/${contract.contractId}/sessions`,
    );
    expect(logged.status).toBe(303);
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const ids = await referenceIds(testApp.dataSource);
    const [framework] = await sql(`SELECT r.framework_id FROM requirements r WHERE r.id = $1`, [contract.requirementId]);
    await draftRequirement(commissioner, `${framework.framework_id}:${ids.theraplay}`, ids.ashford, {
      childReference: 'KCC-OTHER-2',
      needsDescription: 'Another child entirely 4K',
    });
  }, 240_000);
  afterAll(() => testApp.close());

  it('asks for the case reference and says when the agency holds nothing for it', async () => {
    const form = await commissioner.get('/subject-access');
    expect(form.status).toBe(200);
    const empty = await commissioner.submit('/subject-access', {});
    expect(empty.status).toBe(400);
    expect(empty.errorSummary).toEqual([{ text: 'Enter the child’s case reference', href: '#childReference' }]);
    const none = await commissioner.submit('/subject-access', { childReference: 'KCC-NONE' });
    expect(none.status).toBe(400);
    expect(none.fieldErrors).toEqual({ childReference: 'Kent County Council holds no records for the case reference KCC-NONE' });
    expect(none.$('#childReference').val()).toBe('KCC-NONE');
  });

  it('downloads every record about the child, and none about another, audited without the reference', async () => {
    const download = await commissioner.submit('/subject-access', { childReference: ' kcc-sar-1 ' });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('application/json');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = JSON.parse(download.html);
    expect(file).toMatchObject({ agency: 'Kent County Council', childReference: 'KCC-SAR-1' });
    expect(file.records.caseDetails).toEqual([expect.objectContaining({ child_name: 'Jamie Smith', date_of_birth: '2017-03-12' })]);
    expect(file.records.requirements).toEqual([expect.objectContaining({ id: contract.requirementId, needs_description: 'Subject access needs text 9P' })]);
    expect(file.records.contracts.map((row: { id: string }) => row.id)).toEqual([contract.contractId]);
    expect(file.records.sessionLogs).toEqual([expect.objectContaining({ sessions: 2 })]);
    expect(file.records.auditEvents.length).toBeGreaterThan(0);
    expect(download.html).not.toContain('Another child entirely 4K');
    expect(download.html).not.toContain('KCC-OTHER-2');
    expect(download.html).not.toMatch(/token_hash|password_hash/);

    const [event] = await sql(`SELECT after::text FROM audit_events WHERE action = 'subject_access.exported'`);
    expect(event.after).toContain(contract.requirementId);
    expect(event.after).not.toMatch(/KCC-SAR-1|Jamie/i);
  });

  it('gives another agency’s commissioner nothing for the same reference', async () => {
    const [medway] = await sql(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    const other = await createUser(testApp.dataSource, { agencyId: medway.id, roles: ['commissioner'] });
    const session = new WebSession(testApp.server);
    await session.signIn(other.email, FACTORY_PASSWORD);
    const refused = await session.submit('/subject-access', { childReference: 'KCC-SAR-1' });
    expect(refused.status).toBe(400);
    expect(refused.fieldErrors.childReference).toBe('Medway Council holds no records for the case reference KCC-SAR-1');
    expect((await contract.provider.get('/subject-access')).status).toBe(403);
  });
});

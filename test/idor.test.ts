import { activeContract } from './factories/awards';
import { dateFields } from './factories/competitions';
import { createOpenFramework, prepareProvider, referenceIds } from './factories/frameworks';
import { createUser, FACTORY_PASSWORD } from './factories/users';
import { listRoutes, RegisteredRoute, withIds } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Insecure direct object references: for every record type with an id in
 * its URLs, someone with the right role but the wrong owner puts a real id
 * of someone else's into every route that takes one. Each must answer 403
 * or 404, show none of the record, and change nothing.
 */
describe('another owner’s ids (IDOR)', () => {
  let testApp: TestApp;
  /** Route prefix → the record id to try there, who tries it, and text the record's pages would show. */
  let cases: Array<{
    recordType: string;
    prefix: string;
    id: string;
    outsider: WebSession;
    secrets: string[];
    /** Other ids in the path, by parameter name. */ params?: Record<string, string>;
  }>;

  async function signedIn(email: string, password?: string): Promise<WebSession> {
    const session = new WebSession(testApp.server);
    await session.signIn(email, password);
    return session;
  }

  beforeAll(async () => {
    testApp = await createTestApp();
    const db = testApp.dataSource;
    const ids = await referenceIds(db);

    // Oakleaf's application, practitioner and insurance document.
    const oakleaf = await signedIn(DEMO.provider);
    await prepareProvider(oakleaf, ids);
    const manager = await signedIn(DEMO.frameworkManager);
    const frameworkId = await createOpenFramework(manager, ids, 'IDOR Framework');
    const applicationId = (await oakleaf.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`)).location!.split('/').pop()!;
    const [practitioner] = await db.query(
      `SELECT p.id, p.full_name FROM practitioners p JOIN users u ON u.provider_id = p.provider_id WHERE u.email = $1 ORDER BY p.created_at DESC LIMIT 1`,
      [DEMO.provider],
    );
    const [document] = await db.query(
      `SELECT d.id, d.file_name FROM compliance_documents d JOIN users u ON u.provider_id = d.provider_id WHERE u.email = $1 LIMIT 1`,
      [DEMO.provider],
    );

    // A requirement with a bid, scores, an award, an assessment summary and a started contract.
    const contract = await activeContract(testApp, { winner: 'Wrenfield Play Therapy' });
    const [requirement] = await db.query(`SELECT title FROM requirements WHERE id = $1`, [contract.requirementId]);
    const [meeting] = await db.query(`SELECT id FROM panel_meetings ORDER BY created_at DESC LIMIT 1`);
    const [membership] = await db.query(`SELECT id FROM memberships WHERE provider_id = $1`, [contract.providerId]);
    // A notice due for the contract (issue 18), as a contract of £30,000 or more with VAT would have.
    const [notice] = await db.query(
      `INSERT INTO notices (type, requirement_id, award_id, contract_id, agency_id, provider_id, value_pence, value_including_vat_pence, due_on)
       SELECT 'below_threshold_contract_details_notice', c.requirement_id, c.award_id, c.id, c.agency_id, c.provider_id, c.value_pence, c.value_pence, current_date + 29 FROM contracts c WHERE c.id = $1 RETURNING id`,
      [contract.contractId],
    );
    // An invoice on the contract, for two delivered sessions.
    const providerContract = `/provider/contracts/${contract.contractId}`;
    await contract.provider.submit(`${providerContract}/delivery`, { ...dateFields('deliveredOn', -5), sessions: '2' }, `${providerContract}/sessions`);
    const invoiced = await contract.provider.submit(`${providerContract}/invoices`, {
      invoiceNumber: 'IDOR-INV-1',
      ...dateFields('invoiceDate', -1),
      ...dateFields('periodStart', -10),
      ...dateFields('periodEnd', -2),
      sessions: '2',
      amount: '50',
    });
    if (invoiced.status !== 303) throw new Error(`The invoice failed with ${invoiced.status}: ${invoiced.errorSummary.map((error) => error.text).join('; ')}`);
    const [invoice] = await db.query(`SELECT id FROM invoices WHERE invoice_number = 'IDOR-INV-1'`);
    const listed = await manager.submit('/debarment/new', {
      supplierName: 'IDOR Debarred Supplier Ltd',
      groundKind: 'mandatory',
      ground: 'Fraud',
      reference: 'IDOR reference',
      'addedOn[day]': '1',
      'addedOn[month]': '1',
      'addedOn[year]': '2026',
      'endsOn[day]': '1',
      'endsOn[month]': '1',
      'endsOn[year]': '2031',
    });
    const debarmentEntryId = listed.location!.split('/').pop()!;

    // Outsiders: same roles, other owners.
    const [medway] = await db.query(`SELECT id FROM agencies WHERE name = 'Medway Council'`);
    const medwayCommissioner = await createUser(db, { roles: ['commissioner'], agencyId: medway.id, email: 'commissioner@medway-idor.example' });
    const [elsewhere] = await db.query(`INSERT INTO partnerships (name) VALUES ('Northern Adoption Partnership') RETURNING id`);
    const [northAgency] = await db.query(`INSERT INTO agencies (name, partnership_id) VALUES ('Northshire Council', $1) RETURNING id`, [elsewhere.id]);
    const northManager = await createUser(db, { roles: ['framework_manager'], agencyId: northAgency.id, email: 'manager@north-idor.example' });
    const northPanel = await createUser(db, { roles: ['panel_member'], agencyId: northAgency.id, email: 'panel@north-idor.example' });
    await db.query(`INSERT INTO panel_members (user_id, partnership_id, agency_id, profession, is_chair) VALUES ($1, $2, $3, 'clinical_psychologist', true)`, [
      northPanel.id,
      elsewhere.id,
      northAgency.id,
    ]);
    const northCommissioner = await createUser(db, { roles: ['commissioner'], agencyId: northAgency.id, email: 'commissioner@north-idor.example' });

    const harbour = await signedIn(DEMO.otherProvider);
    const otherCommissioner = await signedIn(medwayCommissioner.email, FACTORY_PASSWORD);
    const otherManager = await signedIn(northManager.email, FACTORY_PASSWORD);
    const otherPanel = await signedIn(northPanel.email, FACTORY_PASSWORD);
    const otherPartnershipCommissioner = await signedIn(northCommissioner.email, FACTORY_PASSWORD);

    const winner = 'Wrenfield Play Therapy';
    const bidText = `${winner} answer one`;
    cases = [
      { recordType: 'applications', prefix: '/provider/applications/:id', id: applicationId, outsider: harbour, secrets: ['IDOR Framework'] },
      { recordType: 'applications', prefix: '/evaluation/:id', id: applicationId, outsider: otherManager, secrets: ['Oakleaf', 'IDOR Framework'] },
      { recordType: 'documents', prefix: '/documents/:id', id: document.id, outsider: harbour, secrets: ['%PDF'] },
      { recordType: 'documents', prefix: '/documents/:id', id: document.id, outsider: otherManager, secrets: ['%PDF'] },
      { recordType: 'practitioners', prefix: '/provider/practitioners/:id', id: practitioner.id, outsider: harbour, secrets: [practitioner.full_name] },
      { recordType: 'requirements', prefix: '/requirements/:id', id: contract.requirementId, outsider: otherCommissioner, secrets: [requirement.title] },
      {
        recordType: 'requirements',
        prefix: '/user-choice/:requirementId',
        id: contract.requirementId,
        outsider: otherCommissioner,
        secrets: [requirement.title],
      },
      {
        recordType: 'requirement approvals',
        prefix: '/requirements/approvals/:id',
        id: contract.requirementId,
        outsider: otherCommissioner,
        secrets: [requirement.title],
      },
      {
        recordType: 'requirement approvals',
        prefix: '/requirements/approvals/:id',
        id: contract.requirementId,
        outsider: otherPartnershipCommissioner,
        secrets: [requirement.title],
      },
      {
        recordType: 'requirement approvals',
        prefix: '/requirements/approvals/:id',
        id: contract.requirementId,
        outsider: otherManager,
        secrets: [requirement.title],
      },
      { recordType: 'requirements', prefix: '/provider/opportunities/:id', id: contract.requirementId, outsider: harbour, secrets: [requirement.title] },
      { recordType: 'bids', prefix: '/provider/opportunities/:id/bid', id: contract.requirementId, outsider: harbour, secrets: [bidText] },
      { recordType: 'bids', prefix: '/requirements/:id/bids', id: contract.requirementId, outsider: otherCommissioner, secrets: [bidText, winner] },
      { recordType: 'scores', prefix: '/panel/requirements/:id', id: contract.requirementId, outsider: otherPanel, secrets: [requirement.title, winner] },
      {
        recordType: 'conflicts',
        prefix: '/conflicts/requirements/:id',
        id: contract.requirementId,
        outsider: otherPanel,
        secrets: [requirement.title, winner],
      },
      {
        recordType: 'conflicts',
        prefix: '/conflicts/requirements/:id',
        id: contract.requirementId,
        outsider: otherCommissioner,
        secrets: [requirement.title, winner],
      },
      {
        recordType: 'conflicts',
        prefix: '/conflicts/requirements/:id',
        id: contract.requirementId,
        outsider: otherManager,
        secrets: [requirement.title, winner],
      },
      {
        recordType: 'assessment summaries',
        prefix: '/provider/opportunities/:id/outcome',
        id: contract.requirementId,
        outsider: harbour,
        secrets: [requirement.title],
      },
      {
        recordType: 'contracts',
        prefix: '/contracts/:id',
        id: contract.contractId,
        outsider: otherCommissioner,
        secrets: [winner, requirement.title, 'IDOR-INV-1'],
      },
      { recordType: 'contracts', prefix: '/provider/contracts/:id', id: contract.contractId, outsider: harbour, secrets: [requirement.title, 'IDOR-INV-1'] },
      // An invoice's own pages and actions, with its real id on its real contract.
      {
        recordType: 'invoices',
        prefix: '/contracts/:id/invoices/:invoiceId',
        id: contract.contractId,
        params: { invoiceId: invoice.id },
        outsider: otherCommissioner,
        secrets: [winner, 'IDOR-INV-1'],
      },
      { recordType: 'notices', prefix: '/notices/:id', id: notice.id, outsider: otherCommissioner, secrets: [winner, requirement.title] },
      // Reports and families' feedback are read through their contract's delivery pages.
      { recordType: 'reports', prefix: '/provider/contracts/:id/reports', id: contract.contractId, outsider: harbour, secrets: [requirement.title] },
      { recordType: 'feedback', prefix: '/contracts/:id/delivery', id: contract.contractId, outsider: otherCommissioner, secrets: [winner] },
      { recordType: 'quality', prefix: '/quality/providers/:providerId', id: contract.providerId, outsider: otherPartnershipCommissioner, secrets: [winner] },
      { recordType: 'frameworks', prefix: '/frameworks/:id', id: frameworkId, outsider: otherManager, secrets: ['IDOR Framework'] },
      { recordType: 'memberships', prefix: '/memberships/:id', id: membership.id, outsider: otherManager, secrets: [winner] },
      {
        recordType: 'debarment entries',
        prefix: '/debarment/:id',
        id: debarmentEntryId,
        outsider: otherManager,
        secrets: ['IDOR Debarred Supplier', 'IDOR reference'],
      },
      { recordType: 'panel meetings', prefix: '/panel/meetings/:id', id: meeting.id, outsider: otherPanel, secrets: [DEMO.panelMember] },
    ];
  });
  afterAll(() => testApp.close());

  const routesUnder = (routes: RegisteredRoute[], prefix: string) => routes.filter((route) => route.path === prefix || route.path.startsWith(`${prefix}/`));

  it('answers 403 or 404 to every route with someone else’s id, showing none of it and changing nothing', async () => {
    const routes = listRoutes(testApp);
    const before = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
    const leaks: string[] = [];
    const checkedTypes = new Set<string>();
    let checked = 0;
    for (const { recordType, prefix, id, outsider, secrets, params } of cases) {
      const under = routesUnder(routes, prefix);
      expect({ prefix, routes: under.length > 0 }).toEqual({ prefix, routes: true });
      const csrf = (await outsider.get('/dashboard').then((page) => outsider.follow(page.location ?? '/dashboard')))
        .$('meta[name=csrf-token]')
        .attr('content')!;
      for (const route of under) {
        const path = Object.entries(params ?? {})
          .reduce((partial, [name, value]) => partial.replace(`:${name}`, value), route.path)
          .replace(prefix.split('/').pop()!, id)
          .replace(':section', 'basics')
          .replace(':kind', 'progress-1')
          .replace(/:\w+/g, id);
        const page = route.method === 'GET' ? await outsider.get(path) : await outsider.post(path, { _csrf: csrf });
        const shown = secrets.filter((secret) => page.html.includes(secret));
        // A POST whose empty form fails validation is refused before any record is read, which is as safe as a 404.
        const refused = [403, 404].includes(page.status) || (route.method === 'POST' && page.status === 400);
        if (!refused || shown.length)
          leaks.push(`${recordType}: ${route.method} ${path} gave ${page.status}${shown.length ? `, showing ${shown.join(', ')}` : ''}`);
        checked++;
      }
      checkedTypes.add(recordType);
    }
    expect(leaks).toEqual([]);
    expect(await testApp.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
    expect([...checkedTypes].sort()).toEqual(
      [
        'applications',
        'assessment summaries',
        'bids',
        'conflicts',
        'contracts',
        'debarment entries',
        'documents',
        'feedback',
        'frameworks',
        'invoices',
        'memberships',
        'notices',
        'panel meetings',
        'practitioners',
        'quality',
        'reports',
        'requirement approvals',
        'requirements',
        'scores',
      ].sort(),
    );
    expect(checked).toBeGreaterThan(60);
  });

  it('still shows each record to its owner, so the refusals above are about ownership', async () => {
    for (const { prefix, id, secrets } of cases.filter((item) => item.recordType === 'contracts')) {
      const owner = prefix.startsWith('/provider') ? null : await signedIn(DEMO.commissioner);
      if (!owner) continue;
      const page = await owner.get(withIds(prefix, id));
      expect(page.status).toBe(200);
      expect(secrets.some((secret) => page.html.includes(secret))).toBe(true);
    }
  });
});

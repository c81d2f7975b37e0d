import { dateFields, admitMember, closedRequirementWithBids, draftRequirement } from './factories/competitions';
import { createOpenFramework, declareExclusions, prepareProvider, referenceIds } from './factories/frameworks';
import { createSecondPartnership } from './factories/partnerships';
import { quorateMeeting, scoreAndModerateAllThrees } from './factories/awards';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * BR-13, PA 2023 ss.57-58 and 62-64: the exclusion-grounds declaration in
 * the application, the partnership's copy of the debarment list, and the
 * checks at application, invitation and award.
 */
describe('exclusions and the debarment list', () => {
  let testApp: TestApp;
  let manager: WebSession;
  let provider: WebSession;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let chair: WebSession;
  let meetingId: string;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  const entry = (fields: Record<string, string> = {}) => ({
    supplierName: 'Oakleaf Family Therapy Ltd',
    companiesHouseNumber: '1234567',
    groundKind: 'mandatory',
    ground: 'Fraud (Schedule 6, Part 1)',
    ...dateFields('addedOn', -10),
    ...dateFields('endsOn', 365),
    reference: 'Debarment list entry 2026/014, checked 3 December 2026',
    ...fields,
  });
  const addEntry = async (fields: Record<string, string> = {}, session = manager) => {
    const added = await session.submit('/debarment/new', entry(fields));
    expect({ status: added.status, errors: added.errorSummary }).toEqual({ status: 303, errors: [] });
    return added.location!.split('/').pop()!;
  };
  const endEntry = (id: string, session = manager) =>
    session.submit(`/debarment/${id}`, { reason: 'Removed from the list by the Minister' }, `/debarment/${id}/end`);

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    provider = new WebSession(testApp.server);
    await provider.signIn(DEMO.provider);
    await prepareProvider(provider, ids);
    // The meeting is made before a second partnership (and its panel) exists.
    chair = new WebSession(testApp.server);
    await chair.signIn(DEMO.panelMember);
    meetingId = await quorateMeeting(testApp, chair);
  });
  afterAll(() => testApp.close());

  describe('the debarment list page', () => {
    it('refuses bad input with GOV.UK errors and saves nothing', async () => {
      const noDates = await manager.submit('/debarment/new', {
        ...entry(),
        'addedOn[day]': '',
        'addedOn[month]': '',
        'addedOn[year]': '',
        'endsOn[day]': '',
        'endsOn[month]': '',
        'endsOn[year]': '',
        groundKind: '',
      });
      expect(noDates.status).toBe(400);
      expect(noDates.title).toMatch(/^Error: /);
      expect(noDates.errorSummary).toEqual([
        { text: 'Select whether the exclusion ground is mandatory or discretionary', href: '#groundKind' },
        { text: 'Enter the date the supplier was added to the list', href: '#addedOn-day' },
        { text: 'Enter the end date', href: '#endsOn-day' },
      ]);
      expect(noDates.$('input[name=supplierName]').val()).toBe('Oakleaf Family Therapy Ltd');
      const backwards = await manager.submit('/debarment/new', entry({ ...dateFields('endsOn', -11) }));
      expect(backwards.status).toBe(400);
      expect(backwards.errorSummary).toEqual([{ text: 'The end date must be after the date the supplier was added to the list', href: '#endsOn-day' }]);
      const badNumber = await manager.submit('/debarment/new', entry({ companiesHouseNumber: 'not a number' }));
      expect(badNumber.errorSummary).toEqual([{ text: 'Enter a Companies House number like 01234567 or SC123456', href: '#companiesHouseNumber' }]);
      expect(await sql('SELECT count(*)::int AS n FROM debarment_entries')).toEqual([{ n: 0 }]);
    });

    it('adds an entry and ends it, each audited, keeping the entry', async () => {
      const id = await addEntry({ supplierName: 'Temporary Listing Ltd', companiesHouseNumber: '' });
      const list = await manager.get('/debarment');
      expect(list.$('main').text()).toContain('Temporary Listing Ltd');
      expect(list.$('main').text()).toContain('On the list');
      const empty = await manager.submit(`/debarment/${id}`, {}, `/debarment/${id}/end`);
      expect(empty.errorSummary).toEqual([{ text: 'Enter why the entry ends', href: '#reason' }]);
      expect((await endEntry(id)).status).toBe(303);
      expect((await manager.get(`/debarment/${id}`)).$('main').text()).toContain('Removed from the list by the Minister');
      expect((await endEntry(id)).status).toBe(409);
      const events = await sql(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`, [id]);
      expect(events.map((event: { action: string }) => event.action)).toEqual(['debarment.entry_added', 'debarment.entry_ended']);
    });

    it('is the framework managers’ own: a provider is refused, and another partnership’s manager sees none of it', async () => {
      const id = await addEntry({ supplierName: 'Partnership Only Ltd', companiesHouseNumber: '' });
      expect((await provider.get('/debarment')).status).toBe(403);
      expect((await provider.get(`/debarment/${id}`)).status).toBe(403);
      const north = await createSecondPartnership(testApp.dataSource);
      const outsider = new WebSession(testApp.server);
      await outsider.signIn(north.frameworkManager, north.password);
      const theirList = await outsider.get('/debarment');
      expect(theirList.status).toBe(200);
      expect(theirList.html).not.toContain('Partnership Only Ltd');
      expect((await outsider.get(`/debarment/${id}`)).status).toBe(404);
      const csrf = theirList.$('meta[name=csrf-token]').attr('content')!;
      expect((await outsider.post(`/debarment/${id}/end`, { _csrf: csrf, reason: 'Not mine' })).status).toBe(404);
      expect((await sql('SELECT ended_on FROM debarment_entries WHERE id = $1', [id]))[0].ended_on).toBeNull();
      // Their own entry for the same supplier is theirs alone: it does not reach this partnership's checks.
      await addEntry({ supplierName: 'Partnership Only Ltd', companiesHouseNumber: '' }, outsider);
      expect(
        (await sql('SELECT count(DISTINCT partnership_id)::int AS n FROM debarment_entries WHERE supplier_name = $1', ['Partnership Only Ltd']))[0].n,
      ).toBe(2);
      await endEntry(id);
    });
  });

  describe('an application', () => {
    let frameworkId: string;
    let applicationId: string;
    let conditions: Array<{ id: string }>;

    beforeAll(async () => {
      frameworkId = await createOpenFramework(manager, ids, 'Exclusion Services 2026');
      applicationId = (await provider.submit('/provider/frameworks', {}, `/provider/frameworks/${frameworkId}/apply`)).location!.split('/').pop()!;
      await provider.submit(`/provider/applications/${applicationId}/lots`, { therapyTypeIds: [ids.theraplay] });
      const practitionerIds = (await sql('SELECT id FROM practitioners')).map((row: { id: string }) => row.id);
      await provider.submit(`/provider/applications/${applicationId}/practitioners`, { practitionerIds });
      const documentIds = (await sql('SELECT id FROM compliance_documents')).map((row: { id: string }) => row.id);
      await provider.submit(`/provider/applications/${applicationId}/documents`, { documentIds });
      conditions = await sql('SELECT id FROM membership_conditions WHERE framework_id = $1 ORDER BY position', [frameworkId]);
      const saved = await provider.submit(`/provider/applications/${applicationId}/answers`, {
        [`answer-${conditions[0].id}`]: 'yes',
        [`answer-${conditions[1].id}`]: 'Monthly supervision with a Theraplay supervisor',
        [`answer-${conditions[3].id}[day]`]: '1',
        [`answer-${conditions[3].id}[month]`]: '6',
        [`answer-${conditions[3].id}[year]`]: '2026',
      });
      expect(saved.status).toBe(303);
    });

    it('asks the exclusion questions by ground, each yes revealing a details box, and saves all or nothing', async () => {
      const page = await provider.get(`/provider/applications/${applicationId}/exclusions`);
      expect(page.status).toBe(200);
      expect(page.$('fieldset legend').length).toBe(9);
      expect(page.$('.govuk-radios__conditional textarea').length).toBe(9);
      expect(page.$('main').text()).toContain('connected persons');
      expect(page.$('main').text()).toContain('subcontractor');
      const invalid = await declareExclusions(provider, applicationId, { 'exclusion-tax': 'yes', 'exclusion-insolvency': '' });
      expect(invalid.status).toBe(400);
      expect(invalid.errorSummary).toEqual([
        { text: 'Give details: tax offences and penalties', href: '#exclusion-tax-details' },
        { text: 'Select yes or no: insolvency', href: '#exclusion-insolvency' },
      ]);
      expect(invalid.$('#exclusion-tax').attr('checked')).toBeDefined();
      expect((await sql('SELECT exclusion_answers FROM applications WHERE id = $1', [applicationId]))[0].exclusion_answers).toBeNull();
      const overview = await provider.get(`/provider/applications/${applicationId}`);
      expect(overview.$('.govuk-task-list__item').eq(5).text()).toContain('Exclusion grounds');
      expect(overview.$('.govuk-task-list__item').eq(6).text()).toContain('Cannot start yet');
    });

    it('cannot be submitted while the provider is on the debarment list on a mandatory ground (by Companies House number)', async () => {
      expect((await declareExclusions(provider, applicationId)).status).toBe(303);
      const listed = await addEntry({ supplierName: 'A Former Name Ltd', companiesHouseNumber: '1234567' });
      const overview = await provider.get(`/provider/applications/${applicationId}`);
      expect(overview.$('.govuk-task-list__item').eq(5).text()).toContain('on the debarment list on a mandatory exclusion ground');
      const csrf = overview.$('meta[name=csrf-token]').attr('content')!;
      expect((await provider.post(`/provider/applications/${applicationId}/submit`, { _csrf: csrf, declaration: 'confirmed' })).status).toBe(409);
      expect((await sql('SELECT status FROM applications WHERE id = $1', [applicationId]))[0].status).toBe('draft');
      await endEntry(listed);
    });

    it('is submitted with a declared mandatory ground, and cannot then be changed', async () => {
      // A discretionary listing, matched by normalised name, flags the provider without stopping it applying.
      await addEntry({
        supplierName: 'THE OAKLEAF FAMILY THERAPY LIMITED',
        companiesHouseNumber: '',
        groundKind: 'discretionary',
        ground: 'Breach of contract (Schedule 7)',
      });
      expect(
        (
          await declareExclusions(provider, applicationId, {
            'exclusion-dishonesty': 'yes',
            'exclusion-dishonesty-details': 'A former director was convicted of fraud in 2023 and has left',
          })
        ).status,
      ).toBe(303);
      const [declared] = await sql(
        `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'application.exclusions_declared' ORDER BY occurred_at DESC LIMIT 1`,
        [applicationId],
      );
      expect(declared.after).toEqual({ yes: ['dishonesty'] });
      const check = await provider.get(`/provider/applications/${applicationId}/check`);
      expect(check.$('main').text()).toContain('Yes: A former director was convicted of fraud in 2023');
      expect(
        (await provider.submit(`/provider/applications/${applicationId}/check`, { declaration: 'confirmed' }, `/provider/applications/${applicationId}/submit`))
          .status,
      ).toBe(303);
      const csrf = check.$('meta[name=csrf-token]').attr('content')!;
      expect((await provider.post(`/provider/applications/${applicationId}/exclusions`, { _csrf: csrf, 'exclusion-dishonesty': 'no' })).status).toBe(409);
      const [row] = await sql('SELECT snapshot FROM applications WHERE id = $1', [applicationId]);
      expect(row.snapshot.exclusions.find((answer: { id: string }) => answer.id === 'dishonesty')).toMatchObject({
        kind: 'mandatory',
        answer: 'yes',
        details: 'A former director was convicted of fraud in 2023 and has left',
      });
    });

    it('cannot be admitted without a recorded exclusion assessment, nor after one that excludes (s.57, s.58)', async () => {
      const judged = await manager.submit(
        `/evaluation/${applicationId}`,
        {
          [`result-${conditions[0].id}`]: 'pass',
          [`score-${conditions[1].id}`]: '3',
          [`result-${conditions[3].id}`]: 'pass',
        },
        `/evaluation/${applicationId}/judgements`,
      );
      expect(judged.status).toBe(303);
      const page = await manager.get(`/evaluation/${applicationId}`);
      expect(page.$('main').text()).toContain('Yes (mandatory ground): A former director was convicted of fraud in 2023');
      expect(page.$('main').text()).toContain('On the debarment list (discretionary ground: Breach of contract (Schedule 7))');
      const admit = { [`decision-${ids.theraplay}`]: 'admitted', [`reason-${ids.theraplay}`]: 'Meets every condition' };
      const unassessed = await manager.submit(`/evaluation/${applicationId}`, admit, `/evaluation/${applicationId}/decision`);
      expect(unassessed.status).toBe(400);
      expect(unassessed.errorSummary).toEqual([{ text: 'Record your exclusion assessment before admitting this provider', href: '#exclusionAssessment' }]);

      const empty = await manager.submit(`/evaluation/${applicationId}`, {}, `/evaluation/${applicationId}/exclusions`);
      expect(empty.errorSummary).toEqual([
        { text: 'Select whether the provider is excluded', href: '#exclusionAssessment' },
        { text: 'Enter the reasons for your exclusion assessment', href: '#exclusionAssessmentReason' },
      ]);
      expect(
        (
          await manager.submit(
            `/evaluation/${applicationId}`,
            { exclusionAssessment: 'excluded', exclusionAssessmentReason: 'No evidence yet that the director has gone' },
            `/evaluation/${applicationId}/exclusions`,
          )
        ).status,
      ).toBe(303);
      const excluded = await manager.submit(`/evaluation/${applicationId}`, admit, `/evaluation/${applicationId}/decision`);
      expect(excluded.errorSummary).toEqual([{ text: 'You assessed the provider as excluded, so it cannot be admitted', href: '#exclusionAssessment' }]);
      expect(await sql('SELECT count(*)::int AS n FROM application_lot_decisions WHERE application_id = $1', [applicationId])).toEqual([{ n: 0 }]);

      expect(
        (
          await manager.submit(
            `/evaluation/${applicationId}`,
            {
              exclusionAssessment: 'not_excluded',
              exclusionAssessmentReason: 'Companies House shows the director resigned in 2024; new controls are in place, so it is not likely to occur again',
            },
            `/evaluation/${applicationId}/exclusions`,
          )
        ).status,
      ).toBe(303);
      const events = await sql(
        `SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'application.exclusion_assessed' ORDER BY occurred_at`,
        [applicationId],
      );
      expect(events.map((event: { after: { assessment: string } }) => event.after.assessment)).toEqual(['excluded', 'not_excluded']);
      expect(events[1].before.assessment).toBe('excluded');
      expect((await manager.submit(`/evaluation/${applicationId}`, admit, `/evaluation/${applicationId}/decision`)).status).toBe(303);
      expect(await sql(`SELECT count(*)::int AS n FROM memberships WHERE application_id = $1 AND status = 'active'`, [applicationId])).toEqual([{ n: 1 }]);
    });
  });

  it('does not invite a member on the debarment list on a mandatory ground, and invites one listed on a discretionary ground', async () => {
    const frameworkId = await createOpenFramework(manager, ids, 'Invitation Services 2026');
    const listed = await admitMember(testApp.dataSource, 'Listed Therapy Ltd', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] });
    const flagged = await admitMember(testApp.dataSource, 'Flagged Therapy Ltd', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] });
    const clear = await admitMember(testApp.dataSource, 'Clear Therapy Ltd', { frameworkId, therapyTypeId: ids.theraplay, areaIds: [ids.ashford] });
    await addEntry({ supplierName: 'Listed Therapy Limited', companiesHouseNumber: '' });
    await addEntry({ supplierName: 'Flagged Therapy', companiesHouseNumber: '', groundKind: 'discretionary', ground: 'Insolvency (Schedule 7)' });
    const commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    const requirementId = await draftRequirement(commissioner, `${frameworkId}:${ids.theraplay}`, ids.ashford);
    expect((await commissioner.submit(`/requirements/${requirementId}/check`, {}, `/requirements/${requirementId}/publish`)).status).toBe(303);
    const invited = (await sql('SELECT provider_id FROM invitations WHERE requirement_id = $1', [requirementId])).map(
      (row: { provider_id: string }) => row.provider_id,
    );
    expect(invited.sort()).toEqual([flagged.providerId, clear.providerId].sort());
    expect(invited).not.toContain(listed.providerId);
  });

  it('will not let the panel award to a supplier on the debarment list, and saves nothing', async () => {
    const { requirementId, bidIds, providerIds } = await closedRequirementWithBids(testApp, [
      ['Wren Debarred Play Ltd', '90'],
      ['Hazel Play Therapy', '95'],
    ]);
    const entryId = await addEntry({
      supplierName: 'Wren Debarred Play',
      companiesHouseNumber: '',
      groundKind: 'discretionary',
      ground: 'Professional misconduct (Schedule 7)',
    });
    await scoreAndModerateAllThrees(chair, requirementId, bidIds, providerIds);
    const refused = await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' });
    expect(refused.status).toBe(400);
    expect(refused.errorSummary).toEqual([
      {
        text: 'Wren Debarred Play Ltd is on the debarment list (discretionary exclusion ground: Professional misconduct (Schedule 7)), so the panel cannot award to it. Record no award',
        href: '#outcome',
      },
    ]);
    expect(await sql('SELECT count(*)::int AS n FROM awards WHERE requirement_id = $1', [requirementId])).toEqual([{ n: 0 }]);
    await endEntry(entryId);
    expect((await chair.submit(`/panel/requirements/${requirementId}/decision`, { meetingId, outcome: 'awarded', rationale: 'Best value' })).status).toBe(303);
  });
});

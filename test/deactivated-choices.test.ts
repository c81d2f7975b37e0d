import { draftRequirement } from './factories/competitions';
import { createOpenFramework, organisationFields, referenceIds } from './factories/frameworks';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/**
 * Issue 21: a deactivated district stays on the records that name it, but is
 * no longer offered for new work. A draft already in it keeps it.
 */
describe('a deactivated district', () => {
  let testApp: TestApp;
  let commissioner: WebSession;
  let lot: string;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let draftId: string;
  let manager: WebSession;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);
  const districtOptions = async (path: string) => {
    const page = await commissioner.get(path);
    return page
      .$('select[name=areaId] option')
      .map((_, option) => page.$(option).text().trim())
      .get();
  };

  beforeAll(async () => {
    testApp = await createTestApp();
    ids = await referenceIds(testApp.dataSource);
    manager = new WebSession(testApp.server);
    await manager.signIn(DEMO.frameworkManager);
    lot = `${await createOpenFramework(manager, ids, 'Deactivation Checks 2026')}:${ids.theraplay}`;
    commissioner = new WebSession(testApp.server);
    await commissioner.signIn(DEMO.commissioner);
    draftId = await draftRequirement(commissioner, lot, ids.ashford, { title: 'Drafted before Ashford closed' });
    await sql(`UPDATE areas SET active = false WHERE id = $1`, [ids.ashford]);
  });
  afterAll(() => testApp.close());

  it('is not offered for a new requirement, and is refused if posted', async () => {
    expect(await districtOptions('/requirements/new')).not.toContain('Ashford');
    const before = (await sql(`SELECT count(*)::int AS n FROM requirements`))[0].n;
    const refused = await commissioner.submit('/requirements/new', {
      title: 'After Ashford closed',
      lot,
      purchaseType: 'spot',
      areaId: ids.ashford,
      deliveryMode: 'in_person',
    });
    expect(refused.status).toBe(400);
    expect(refused.errorSummary.map((error) => error.text)).toEqual(['Ashford is no longer in use: select another of your agency’s districts']);
    expect((await sql(`SELECT count(*)::int AS n FROM requirements`))[0].n).toBe(before);
  });

  it('stays on a draft that already names it, which can still be saved', async () => {
    expect(await districtOptions(`/requirements/${draftId}/basics`)).toContain('Ashford');
    const saved = await commissioner.submit(`/requirements/${draftId}/basics`, {
      title: 'Drafted before Ashford closed, renamed',
      lot,
      purchaseType: 'spot',
      areaId: ids.ashford,
      deliveryMode: 'in_person',
    });
    expect(saved.status).toBe(303);
    expect((await sql(`SELECT title, area_id FROM requirements WHERE id = $1`, [draftId]))[0]).toEqual({
      title: 'Drafted before Ashford closed, renamed',
      area_id: ids.ashford,
    });
  });

  it('is not offered for a new framework, and is refused if posted', async () => {
    const page = await manager.get('/frameworks/new');
    const offered = page
      .$('input[name=areaIds]')
      .map((_, input) => page.$(input).attr('value'))
      .get();
    expect(offered).not.toContain(ids.ashford);
    const before = (await sql(`SELECT count(*)::int AS n FROM frameworks`))[0].n;
    const refused = await manager.submit('/frameworks/new', {
      name: 'After Ashford closed',
      route: 'dynamic_market',
      'opensOn[day]': '1',
      'opensOn[month]': '1',
      'opensOn[year]': '2027',
      'closesOn[day]': '31',
      'closesOn[month]': '12',
      'closesOn[year]': '2030',
      agencyIds: ids.kent,
      therapyTypeIds: [ids.theraplay],
      areaIds: ids.ashford,
    });
    expect(refused.status).toBe(400);
    expect(refused.errorSummary.map((error) => error.text)).toContain('Ashford is no longer in use: select areas that are');
    expect((await sql(`SELECT count(*)::int AS n FROM frameworks`))[0].n).toBe(before);
  });
  describe("on a provider's areas", () => {
    let provider: WebSession;
    let otherArea: { id: string; name: string };
    const offeredAreas = async () => {
      const page = await provider.get('/provider/organisation/edit');
      return page
        .$('input[name=areaIds]')
        .map((_, input) => page.$(input).attr('value'))
        .get();
    };

    beforeAll(async () => {
      provider = new WebSession(testApp.server);
      await provider.signIn(DEMO.provider);
      // The profile covered Ashford before it was deactivated; a second district is deactivated that it does not cover.
      await sql(`UPDATE areas SET active = true WHERE id = $1`, [ids.ashford]);
      expect((await provider.submit('/provider/organisation/edit', organisationFields(ids))).status).toBe(303);
      await sql(`UPDATE areas SET active = false WHERE id = $1`, [ids.ashford]);
      [otherArea] = await sql(`SELECT id, name FROM areas WHERE active AND id <> $1 ORDER BY name LIMIT 1`, [ids.ashford]);
      await sql(`UPDATE areas SET active = false WHERE id = $1`, [otherArea.id]);
    });

    it('offers only active areas for a new choice, keeping a deactivated one the profile already names', async () => {
      const offered = await offeredAreas();
      expect(offered).toContain(ids.ashford);
      expect(offered).not.toContain(otherArea.id);
      expect((await provider.submit('/provider/organisation/edit', { ...organisationFields(ids), contactName: 'Priya Shah-Jones' })).status).toBe(303);
      expect(await sql(`SELECT area_id FROM provider_areas pa JOIN users u ON u.provider_id = pa.provider_id WHERE u.email = $1`, [DEMO.provider])).toEqual([
        { area_id: ids.ashford },
      ]);
    });

    it('refuses a deactivated area the profile does not name, saving nothing', async () => {
      const refused = await provider.submit('/provider/organisation/edit', {
        ...organisationFields(ids),
        contactName: 'Not saved',
        areaIds: [ids.ashford, otherArea.id],
      });
      expect(refused.status).toBe(400);
      expect(refused.errorSummary.map((error) => error.text)).toEqual([`${otherArea.name} is no longer in use: select areas that are`]);
      expect(
        (await sql(`SELECT contact_name FROM provider_organisations p JOIN users u ON u.provider_id = p.id WHERE u.email = $1`, [DEMO.provider]))[0]
          .contact_name,
      ).toBe('Priya Shah-Jones');
    });

    it('is no longer offered once the profile stops naming it', async () => {
      const [active] = await sql(`SELECT id FROM areas WHERE active ORDER BY name LIMIT 1`);
      expect((await provider.submit('/provider/organisation/edit', { ...organisationFields(ids), areaIds: active.id })).status).toBe(303);
      expect(await offeredAreas()).not.toContain(ids.ashford);
    });
  });
});

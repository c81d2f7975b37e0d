import { ClosingService } from '../src/competitions/closing.service';
import { openRequirementWithBids } from './factories/competitions';
import { createTestApp, TestApp } from './support/test-app';

const COUNT = Number(process.env.CLOSING_BATCH_COUNT ?? 150);

/** The closing job in batches: many requirements falling due together each close once, with every bid re-checked. */
describe('closing many requirements due at once', () => {
  let testApp: TestApp;
  const sql = (query: string, params: unknown[] = []) => testApp.dataSource.query(query, params);

  beforeAll(async () => {
    testApp = await createTestApp({ smtp: true });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('closes each requirement once, flags the bids whose bidder has lapsed, and records and emails every close', async () => {
    const open = await openRequirementWithBids(testApp, [
      ['Batch One Ltd', '95'],
      ['Batch Two Ltd', '97'],
    ]);
    const [template] = await sql(`SELECT id, framework_id, therapy_type_id FROM requirements WHERE id = $1`, [open.requirementId]);
    const members = Object.values(open.providerIds).map((provider_id) => ({ provider_id }));
    const [outsider] = await sql(
      `SELECT id FROM provider_organisations p WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.provider_id = p.id AND m.framework_id = $1 AND m.therapy_type_id = $2 AND m.status = 'active') LIMIT 1`,
      [template.framework_id, template.therapy_type_id],
    );
    await sql(
      `INSERT INTO requirements (title, agency_id, framework_id, therapy_type_id, area_id, purchase_type, delivery_mode, created_by_user_id, age_band, presenting_needs,
                                needs_description, practitioner_gender, session_count, session_minutes, start_by, duration_weeks, ceiling_pence, asgsf_pence, top_up_pence,
                                financial_year, needs_assessed_on, criteria, price_weight, scale_max, scale_descriptors, clarification_deadline, bid_deadline, status, published_at)
       SELECT format('Batch close %s', n), agency_id, framework_id, therapy_type_id, area_id, purchase_type, delivery_mode, created_by_user_id, age_band, presenting_needs,
              needs_description, practitioner_gender, session_count, session_minutes, start_by, duration_weeks, ceiling_pence, asgsf_pence, top_up_pence,
              financial_year, needs_assessed_on, criteria, price_weight, scale_max, scale_descriptors, now() + interval '1 day', now() + interval '2 days', 'published', now()
         FROM requirements, generate_series(1, ${COUNT}) n WHERE id = $1`,
      [template.id],
    );
    // The members bid as they did on the open requirement; the outsider names another provider's practitioner.
    await sql(
      `INSERT INTO bids (requirement_id, provider_id, status, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, current_version, submitted_at)
       SELECT r.id, b.provider_id, 'submitted', b.rate_pence, b.total_pence, b.practitioner_ids, b.earliest_start_on, b.answers, 1, now()
         FROM requirements r CROSS JOIN bids b WHERE r.title LIKE 'Batch close %' AND b.requirement_id = $1
       UNION ALL
       SELECT r.id, $2, 'submitted', 9500, 95000, (SELECT b.practitioner_ids FROM bids b WHERE b.requirement_id = $1 LIMIT 1), current_date + 40, '["Our plan"]', 1, now()
         FROM requirements r WHERE r.title LIKE 'Batch close %'`,
      [open.requirementId, outsider.id],
    );
    await sql(
      `INSERT INTO bid_versions (bid_id, version, rate_pence, total_pence, practitioner_ids, earliest_start_on, answers, over_ceiling, submitted_at, submitted_by_user_id)
       SELECT b.id, 1, b.rate_pence, b.total_pence, b.practitioner_ids, b.earliest_start_on, b.answers, b.over_ceiling, b.submitted_at, r.created_by_user_id
         FROM bids b JOIN requirements r ON r.id = b.requirement_id WHERE r.title LIKE 'Batch close %'`,
    );
    await sql(
      `UPDATE requirements SET clarification_deadline = now() - interval '2 minutes', bid_deadline = now() - interval '1 minute' WHERE title LIKE 'Batch close %'`,
    );
    const emailsBefore = (await sql(`SELECT count(*)::int AS n FROM notifications`))[0].n;

    const closing = testApp.app.get(ClosingService);
    const started = performance.now();
    const [first, second] = await Promise.all([closing.closeDue(), closing.closeDue()]);
    console.log(`Closed ${first + second} requirements in ${Math.round(performance.now() - started)} ms`);

    expect(first + second).toBeGreaterThanOrEqual(COUNT);
    expect(
      (await sql(`SELECT count(*)::int AS n FROM requirements WHERE title LIKE 'Batch close %' AND status = 'closed' AND closed_at IS NOT NULL`))[0].n,
    ).toBe(COUNT);
    const [audit] = await sql(
      `SELECT count(*)::int AS n, count(DISTINCT entity_id)::int AS distinct_ids, min((after->>'bids')::int) AS min_bids, max((after->>'bids')::int) AS max_bids
         FROM audit_events WHERE action = 'requirement.closed' AND entity_id IN (SELECT id::text FROM requirements WHERE title LIKE 'Batch close %')`,
    );
    expect(audit).toEqual({ n: COUNT, distinct_ids: COUNT, min_bids: 3, max_bids: 3 });
    const outsiderBids: Array<{ validity_problems: string[] | null }> = await sql(
      `SELECT b.validity_problems FROM bids b JOIN requirements r ON r.id = b.requirement_id WHERE r.title LIKE 'Batch close %' AND b.provider_id = $1`,
      [outsider.id],
    );
    expect(outsiderBids).toHaveLength(COUNT);
    for (const bid of outsiderBids) {
      expect(bid.validity_problems).toContain('The provider’s membership of the lot is no longer active');
      expect(bid.validity_problems).toContain('A named practitioner is no longer registered with the provider');
    }
    // The members' bids stay valid: active, insured and with their own current practitioners.
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM bids b JOIN requirements r ON r.id = b.requirement_id WHERE r.title LIKE 'Batch close %' AND b.provider_id = ANY($1) AND b.validity_problems = '[]'`,
          [members.map((member) => member.provider_id)],
        )
      )[0].n,
    ).toBe(2 * COUNT);
    expect(
      (
        await sql(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'bid.flagged_at_deadline' AND entity_id IN (SELECT b.id::text FROM bids b WHERE b.provider_id = $1)`,
          [outsider.id],
        )
      )[0].n,
    ).toBe(COUNT);
    expect((await sql(`SELECT count(*)::int AS n FROM notifications`))[0].n).toBeGreaterThan(emailsBefore + COUNT - 1);
  });
});

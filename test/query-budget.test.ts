import { SQL_STATEMENTS_HEADER } from '../src/common/http/sql-statement-counter';
import { planForRows } from '../src/database/scale/scale-plan';
import { type KeyPage, KEY_PAGES } from './support/key-pages';
import { createScaleWorld, type ScaleWorld } from './support/scale-data';

/**
 * No N+1 anywhere: each list and detail page runs the same number of SQL
 * statements over a dataset with 5 of everything as over one with 50
 * (5 or 50 providers, bids on each requirement, requirements in each
 * status, contracts, meetings…), as the X-Sql-Statements header reports.
 */

describe('query budget: the same SQL statements over 5 rows as over 50', () => {
  let small: ScaleWorld;
  let large: ScaleWorld;

  beforeAll(async () => {
    [small, large] = await Promise.all([createScaleWorld(planForRows(5)), createScaleWorld(planForRows(50))]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([small?.testApp.close(), large?.testApp.close()]);
  });

  async function visit(world: ScaleWorld, page: KeyPage) {
    const response = await world.sessions.get(page.role)!.get(page.path(world.ids));
    expect({ page: page.name, status: response.status }).toEqual({ page: page.name, status: 200 });
    return { statements: Number(response.headers[SQL_STATEMENTS_HEADER.toLowerCase()]), rows: page.rows ? response.$(page.rows).length : 0 };
  }

  test.each(KEY_PAGES.map((page) => [page.name, page] as const))('%s', async (_name, page) => {
    // The first visit may warm caches (the session touch, the first-view status change); the second is what every visit costs.
    await visit(small, page);
    await visit(large, page);
    const few = await visit(small, page);
    const many = await visit(large, page);
    expect(few.statements).toBeGreaterThan(0);
    expect({ page: page.name, statements: many.statements }).toEqual({ page: page.name, statements: few.statements });
    // Lists are paginated, so a full first page in both worlds is fine; an empty one would prove nothing.
    if (page.rows) {
      expect(few.rows).toBeGreaterThan(0);
      expect(many.rows).toBeGreaterThanOrEqual(few.rows);
    }
  });
});

describe('opportunity tabs at scale', () => {
  let world: ScaleWorld;

  beforeAll(async () => {
    world = await createScaleWorld(planForRows(20));
  }, 120_000);

  afterAll(async () => {
    await world?.testApp.close();
  });

  it('counts each tab as the plain definition would, though Past is taken as the rest', async () => {
    // One open invitation closes tomorrow, and one live bid is withdrawn (Past, though the requirement is live).
    const live = `SELECT r.id FROM requirements r JOIN invitations i ON i.requirement_id = r.id AND i.provider_id = $1 LEFT JOIN bids b ON b.requirement_id = r.id AND b.provider_id = $1
                   WHERE r.status = 'published' AND r.bid_deadline > now()`;
    await world.testApp.dataSource.query(
      `UPDATE requirements SET clarification_deadline = now() + interval '12 hours', bid_deadline = now() + interval '1 day' WHERE id = (${live} AND coalesce(b.status, 'draft') = 'draft' ORDER BY r.id LIMIT 1)`,
      [world.ids.provider],
    );
    await world.testApp.dataSource.query(
      `UPDATE bids SET status = 'withdrawn' WHERE provider_id = $1 AND requirement_id = (${live} AND b.status = 'submitted' ORDER BY r.id LIMIT 1)`,
      [world.ids.provider],
    );
    const [expected] = await world.testApp.dataSource.query(
      `SELECT count(*) FILTER (WHERE live AND coalesce(b.status, 'draft') = 'draft')::int AS open,
              count(*) FILTER (WHERE live AND r.bid_deadline <= now() + interval '48 hours' AND coalesce(b.status, 'draft') = 'draft')::int AS "closing-soon",
              count(*) FILTER (WHERE live AND b.status = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE NOT live OR b.status = 'withdrawn')::int AS past
         FROM invitations i
         JOIN LATERAL (SELECT r.*, r.status = 'published' AND r.bid_deadline > now() AS live FROM requirements r WHERE r.id = i.requirement_id) r ON true
         LEFT JOIN bids b ON b.requirement_id = r.id AND b.provider_id = i.provider_id
        WHERE i.provider_id = $1`,
      [world.ids.provider],
    );
    const page = await world.sessions.get('provider')!.get('/provider/opportunities');
    const shown = Object.fromEntries(
      page
        .$('main ul li')
        .toArray()
        .map((item) =>
          page
            .$(item)
            .text()
            .match(/^(.+) \((\d+)\)$/),
        )
        .filter((match): match is RegExpMatchArray => match !== null)
        .map(([, label, count]) => [label.toLowerCase().replace(' ', '-'), Number(count)]),
    );
    expect(shown).toEqual(expected);
    // Every view is represented in the generated world, so no count is trivially zero.
    expect(Object.values(expected).every((count) => Number(count) > 0)).toBe(true);
  });
});

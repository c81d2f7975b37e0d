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

import { Client } from 'pg';
import {
  effectivelyClosedSql,
  effectiveStatus,
  effectiveStatusInSql,
  effectiveStatusSql,
  isOpenForBids,
  openForBidsSql,
  REQUIREMENT_STATUSES,
  RequirementStatus,
} from '../src/competitions/requirement-lifecycle';
import { adminUrl } from './support/test-database';

/**
 * The SQL fragments for "a published requirement past its deadline counts as
 * closed" against the pure functions they mirror, on the same rows in a real
 * PostgreSQL: every status × a deadline an hour ago, a second ago, an hour
 * ahead and none. The functions are judged at the database's `now()`.
 */
describe('requirement rules in SQL match their functions', () => {
  let client: Client;
  type Row = {
    status: RequirementStatus;
    bid_deadline: Date | null;
    now: Date;
    effective: string;
    closed: boolean | null;
    open: boolean | null;
    [key: string]: unknown;
  };
  let rows: Row[];
  const STATUS_SETS: RequirementStatus[][] = [
    ['closed'],
    ['published'],
    ['closed', 'evaluating'],
    ['closed', 'evaluating', 'awarded', 'no_award'],
    ['published', 'closed'],
    ['draft', 'cancelled'],
    [],
  ];

  beforeAll(async () => {
    client = new Client({ connectionString: adminUrl() });
    await client.connect();
    const offsets = [`'-1 hour'`, `'-1 second'`, `'1 hour'`, null];
    const values = REQUIREMENT_STATUSES.flatMap((status) =>
      offsets.map((offset) => `('${status}', ${offset === null ? 'NULL::timestamptz' : `now() + interval ${offset}`})`),
    );
    const sets = STATUS_SETS.map((set, index) => `${effectiveStatusInSql('r', set)} AS in_${index}`).join(', ');
    ({ rows } = await client.query<Row>(
      `SELECT r.status, r.bid_deadline, now() AS now, ${effectiveStatusSql('r')} AS effective,
              ${effectivelyClosedSql('r')} AS closed, ${openForBidsSql('r')} AS open, ${sets}
         FROM (VALUES ${values.join(', ')}) AS r(status, bid_deadline)`,
    ));
  });

  afterAll(() => client.end());

  it('covers every status with deadlines before, after and none', () => {
    expect(rows).toHaveLength(REQUIREMENT_STATUSES.length * 4);
    expect(rows.filter((row) => row.effective === 'closed' && row.status === 'published')).toHaveLength(2);
  });

  it('effectiveStatusSql is effectiveStatus', () => {
    for (const row of rows)
      expect([row.status, row.bid_deadline, row.effective]).toEqual([
        row.status,
        row.bid_deadline,
        effectiveStatus({ status: row.status, bidDeadline: row.bid_deadline }, row.now),
      ]);
  });

  it('effectivelyClosedSql is a published row that effectiveStatus calls closed', () => {
    for (const row of rows) {
      const expected = row.status === 'published' && effectiveStatus({ status: row.status, bidDeadline: row.bid_deadline }, row.now) === 'closed';
      expect([row.status, row.bid_deadline, row.closed === true]).toEqual([row.status, row.bid_deadline, expected]);
    }
  });

  it('openForBidsSql is isOpenForBids', () => {
    for (const row of rows)
      expect([row.status, row.bid_deadline, row.open === true]).toEqual([
        row.status,
        row.bid_deadline,
        isOpenForBids({ status: row.status, bidDeadline: row.bid_deadline }, row.now),
      ]);
  });

  it('effectiveStatusInSql is membership of effectiveStatus', () => {
    for (const row of rows) {
      const effective = effectiveStatus({ status: row.status, bidDeadline: row.bid_deadline }, row.now);
      STATUS_SETS.forEach((set, index) =>
        expect([set, row.status, row.bid_deadline, row[`in_${index}`] === true]).toEqual([set, row.status, row.bid_deadline, set.includes(effective)]),
      );
    }
  });
});

import { Client } from 'pg';
import { insuranceCoverExpiresOn, insuranceCoverExpiresOnSql } from '../src/compliance/insurance-cover';
import { ComplianceDocumentType, INSURANCE_TYPES } from '../src/documents/compliance-document.entity';
import { adminUrl } from './support/test-database';

type Document = { type: ComplianceDocumentType; expiresOn: string | null };

/**
 * insuranceCoverExpiresOnSql against insuranceCoverExpiresOn on the same
 * documents in a real PostgreSQL. A temporary compliance_documents table
 * shadows the real one for this connection, so each case is just its rows.
 */
describe('the insurance cover rule in SQL matches its function', () => {
  const [first, second, third] = INSURANCE_TYPES;
  const every = (expiresOn: string): Document[] => INSURANCE_TYPES.map((type) => ({ type, expiresOn }));
  const CASES: Record<string, Document[]> = {
    'nothing held': [],
    'every type, one date': every('2027-01-31'),
    'every type, the earliest latest expiry counts': [
      { type: first, expiresOn: '2027-03-01' },
      { type: second, expiresOn: '2026-06-01' },
      { type: second, expiresOn: '2027-01-01' },
      { type: third, expiresOn: '2027-02-01' },
    ],
    'one type missing': every('2027-01-31').filter((document) => document.type !== third),
    'one type with no expiry date': [...every('2027-01-31').filter((document) => document.type !== second), { type: second, expiresOn: null }],
    'a document that is not insurance does not count': [...every('2027-05-01'), { type: 'safeguarding_policy', expiresOn: '2026-01-01' }],
  };
  let client: Client;
  let fromSql: Map<string, string | null>;

  beforeAll(async () => {
    client = new Client({ connectionString: adminUrl() });
    await client.connect();
    await client.query(`CREATE TEMP TABLE compliance_documents (provider_id text NOT NULL, type text NOT NULL, expires_on date)`);
    for (const [name, documents] of Object.entries(CASES))
      for (const document of documents)
        await client.query(`INSERT INTO compliance_documents (provider_id, type, expires_on) VALUES ($1, $2, $3)`, [name, document.type, document.expiresOn]);
    const { rows } = await client.query<{ name: string; cover: string | null }>(
      `SELECT p.name, ${insuranceCoverExpiresOnSql('p.name')} AS cover FROM unnest($1::text[]) AS p(name)`,
      [Object.keys(CASES)],
    );
    fromSql = new Map(rows.map((row) => [row.name, row.cover]));
  });

  afterAll(() => client?.end());

  it.each(Object.keys(CASES))('%s', (name) => {
    expect(fromSql.get(name)).toBe(insuranceCoverExpiresOn(CASES[name]));
  });

  it('is tested on cases with and without cover', () => {
    const covers = Object.values(CASES).map((documents) => insuranceCoverExpiresOn(documents));
    expect(covers).toContain(null);
    expect(covers).toContain('2027-01-01');
  });
});

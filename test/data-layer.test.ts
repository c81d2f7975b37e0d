import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue 23, one data layer: SQL and TypeORM data access live only in
 * repositories (`*.repository.ts`), the sealed-bid gate (the one reader of bid
 * tables), the shared query helpers in common/database and the database
 * tooling (data source, seed, scale generator), and
 * in migrations outside src/. Services hold the rules and the transaction and
 * pass its manager to the repository. SQL fragments that mirror a pure rule
 * may sit beside that rule, in the files listed below.
 */
const DATA_LAYER = (path: string): boolean =>
  path.endsWith('.repository.ts') || path === 'bids/sealed-bid-gate.ts' || path.startsWith('database/') || path.startsWith('common/database/');

/** Rule files that keep a SQL fragment beside the pure function it mirrors, each checked against it by a test. */
const RULE_FRAGMENTS = ['competitions/requirement-lifecycle.ts', 'compliance/insurance-cover.ts', 'retention/retention-rules.ts'];

/** Files not yet moved onto a repository. This list only shrinks; a file that is clean must leave it. */
const NOT_YET_MOVED: string[] = [
  'applications/applications.service.ts',
  'applications/evaluation.service.ts',
  'auth/auth.service.ts',
  'bids/bids.service.ts',
  'competitions/amendments.service.ts',
  'competitions/closing.service.ts',
  'competitions/invitations.service.ts',
  'competitions/publish-gate-actions.service.ts',
  'competitions/publish-gates.service.ts',
  'competitions/requirement-documents.service.ts',
  'competitions/requirement-transition.ts',
  'competitions/requirements.service.ts',
  'compliance/compliance.service.ts',
  'invoices/invoices.service.ts',
  'quality/delivery.service.ts',
  'setup/first-run.service.ts',
];

const TYPEORM_CALL =
  /\b(?:manager|entityManager|em|tx|dataSource|queryRunner|\w*[Rr]epository|\w*Repo)\s*\.\s*(?:query|find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|save|insert|update|delete|count|countBy|exists|existsBy|upsert|increment|decrement|remove|softDelete|restore|sum|average|minimum|maximum|preload|createQueryBuilder|getRepository)\s*[<(]/;
const TYPEORM_REPOSITORY = /\bInjectRepository\b|\bRepository<|\.getRepository\s*\(|\.createQueryBuilder\s*\(/;
const SQL_STATEMENT = /\bSELECT\b[\s\S]{1,400}?\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+"?\w+"?\s+(?:\w+\s+)?SET\b|\bDELETE\s+FROM\b/;

/** What in the source is data access, if anything. */
function dataAccessIn(source: string, { fragmentsAllowed = false } = {}): string[] {
  const found: string[] = [];
  if (TYPEORM_CALL.test(source)) found.push('a TypeORM or SQL call');
  if (TYPEORM_REPOSITORY.test(source)) found.push('a TypeORM repository');
  if (!fragmentsAllowed && SQL_STATEMENT.test(source)) found.push('a SQL statement');
  return found;
}

describe('one data layer', () => {
  const root = join(__dirname, '..', 'src');
  const files = (directory: string): string[] =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });
  const sources = files(root).map((path) => ({ path: relative(root, path), source: readFileSync(path, 'utf8') }));
  const offenders = sources
    .filter(({ path }) => !DATA_LAYER(path))
    .filter(({ path, source }) => dataAccessIn(source, { fragmentsAllowed: RULE_FRAGMENTS.includes(path) }).length > 0)
    .map(({ path }) => path);

  it('has no SQL or TypeORM data access outside repositories, the sealed-bid gate and the database tooling', () => {
    expect(offenders.filter((path) => !NOT_YET_MOVED.includes(path))).toEqual([]);
  });

  it('keeps the not-yet-moved list exact: a file with no data access leaves it', () => {
    expect(NOT_YET_MOVED.filter((path) => !offenders.includes(path))).toEqual([]);
  });

  it('keeps the rule fragments honest: each listed file still has a SQL twin and no queries', () => {
    for (const path of RULE_FRAGMENTS) {
      const source = sources.find((file) => file.path === path)?.source ?? '';
      expect({ path, sql: /Sql\b/.test(source), access: dataAccessIn(source, { fragmentsAllowed: true }) }).toEqual({ path, sql: true, access: [] });
    }
  });

  it('recognises data access in its forms, and leaves repository calls and fragments alone', () => {
    expect(dataAccessIn('const rows = await manager.query(`SELECT id FROM bids`);')).toEqual(['a TypeORM or SQL call', 'a SQL statement']);
    expect(dataAccessIn('await this.dataSource.manager.findOne(Requirement, { where: { id } });')).toEqual(['a TypeORM or SQL call']);
    expect(dataAccessIn('constructor(@InjectRepository(User) private readonly users: Repository<User>) {}')).toEqual(['a TypeORM repository']);
    expect(dataAccessIn('await this.invoiceRepository.save(invoice);')).toEqual(['a TypeORM or SQL call']);
    expect(dataAccessIn('const sql = `UPDATE invoices SET status = $1`;')).toEqual(['a SQL statement']);
    expect(dataAccessIn('await this.requirementRepository.findOpenForProvider(manager, providerId);')).toEqual([]);
    expect(dataAccessIn('await this.dataSource.transaction(async (manager) => this.bids.markWithdrawn(manager, id));')).toEqual([]);
    expect(
      dataAccessIn("export const openForBidsSql = (r: string) => `${r}.status = 'published' AND EXISTS (SELECT 1 FROM x WHERE y)`;", {
        fragmentsAllowed: true,
      }),
    ).toEqual([]);
  });
});

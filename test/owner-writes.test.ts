import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue 23, owner-only writes: the files that change the status of a
 * requirement, bid, award or contract, by SQL (UPDATE … SET status) or through
 * TypeORM (update/save/insert of the entity with a status). The lists are the
 * only writers allowed; a new writer fails this test and must go through the
 * owner's transition instead. The lists still name more than one file per
 * entity where that work is not yet done (see the README's architecture map).
 */
const WRITERS: Record<string, string[]> = {
  requirements: [
    // The one transition, called by competitions (publishing, cancelling, the closing job), conflicts (the panel's first declaration) and awards.
    'competitions/requirement-transition.ts',
    // The owner creates each requirement as a draft.
    'competitions/requirements.service.ts',
    // The national-scale generator and the demo year write in bulk and show nothing.
    'database/scale/scale-generator.ts',
    'database/seed/demo-year-writer.ts',
  ],
  // The one transition, transitionBids in the gate: submission, withdrawal, the award's outcome (settleBidOutcomes) and the demo year's outcomes.
  bids: ['bids/sealed-bid-gate.ts'],
  // The repositories' status writes, each called only by its transition (below): AwardTransition and ContractTransition.
  awards: ['awards/award.repository.ts'],
  contracts: ['awards/contract.repository.ts'],
};
/** The repository methods that set a status, and the one transition file allowed to call each. */
const STATUS_WRITERS: Record<string, string> = {
  insertAward: 'awards/award-transition.ts',
  writeAwardStatus: 'awards/award-transition.ts',
  writeContractStatus: 'awards/contract-transition.ts',
};
const ENTITIES: Record<string, string> = { requirements: 'Requirement', bids: 'Bid', awards: 'Award', contracts: 'Contract' };

/** Whether the source writes the status of the table (SQL) or its entity (TypeORM), within one statement. */
function writesStatus(source: string, table: string): boolean {
  const sql = new RegExp(`\\bUPDATE\\s+"?${table}"?\\b[^\`;]*?\\bSET\\b(?:(?!\\b(?:WHERE|FROM)\\b)[^\`;])*?\\bstatus\\s*=`, 'i');
  const orm = new RegExp(`\\.(?:update|save|insert|upsert)\\(\\s*${ENTITIES[table]}\\b[^;]*?\\bstatus\\b`, 's');
  return sql.test(source) || orm.test(source);
}

describe('owner-only status writes', () => {
  const root = join(__dirname, '..', 'src');
  const files = (directory: string): string[] =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
    });
  const sources = files(root).map((path) => ({ path: relative(root, path), source: readFileSync(path, 'utf8') }));

  it.each(Object.keys(WRITERS))('only the listed files change the status of %s', (table) => {
    const writers = sources.filter(({ source }) => writesStatus(source, table)).map(({ path }) => path);
    expect(writers.filter((path) => !WRITERS[table].includes(path))).toEqual([]);
    // And the list stays exact: a file that stops writing leaves it.
    expect(WRITERS[table].filter((path) => !writers.includes(path))).toEqual([]);
  });

  it.each(Object.keys(STATUS_WRITERS))('only its transition calls the repository method %s', (method) => {
    const callers = sources.filter(({ source }) => new RegExp(`\\.${method}\\(`).test(source)).map(({ path }) => path);
    expect(callers).toEqual([STATUS_WRITERS[method]]);
  });

  it('catches a new writer, in SQL or through TypeORM', () => {
    expect(writesStatus(`await manager.query(\`UPDATE requirements SET status = 'closed' WHERE id = $1\`, [id]);`, 'requirements')).toBe(true);
    expect(writesStatus(`UPDATE requirements q SET closed_at = now(), status = 'closed' FROM x`, 'requirements')).toBe(true);
    expect(writesStatus(`await manager.update(Requirement, id, { status: 'evaluating' });`, 'requirements')).toBe(true);
    expect(writesStatus(`await manager.update(Bid, { id: In(ids) }, {\n  status,\n});`, 'bids')).toBe(true);
    expect(writesStatus(`await manager.save(Contract, { awardId, status: 'pending' });`, 'contracts')).toBe(true);
    expect(writesStatus(`await manager.update(Requirement, id, { remindedAt: new Date() });`, 'requirements')).toBe(false);
    expect(writesStatus(`UPDATE bids SET answers = '[]'::jsonb WHERE status = 'submitted'`, 'bids')).toBe(false);
  });
});

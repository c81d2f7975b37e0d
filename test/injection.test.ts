import * as cheerio from 'cheerio';
import { activeContract } from './factories/awards';
import { FACTORY_PASSWORD } from './factories/users';
import { crawl } from './support/crawl';
import { createTestApp, TestApp } from './support/test-app';
import { DEMO, WebSession } from './support/web-session';

/** SQL metacharacters, a stacked query, a time delay, a NUL byte (which PostgreSQL text refuses), out-of-range numbers and inherited property names. */
const PAYLOADS = [
  `' OR '1'='1`,
  `1; DROP TABLE users; --`,
  `%' UNION SELECT password_hash FROM users --`,
  `title DESC, (SELECT pg_sleep(3))`,
  `\\`,
  `x\u0000y`,
  `-1`,
  `99999999999999999999`,
  `😀𝔘ñí©ødé`,
  // Names every object inherits: a lookup table used as an allow-list must not accept them.
  `constructor`,
  `__proto__`,
  `toString`,
];

/** Every query parameter a page's own links and GET forms use, plus sort and page, which every list might take. */
function parametersByPath(pages: Awaited<ReturnType<typeof crawl>>): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  const add = (path: string, name: string) => {
    if (!byPath.has(path)) byPath.set(path, new Set(['sort', 'page']));
    byPath.get(path)!.add(name);
  };
  for (const { path, isHtml, response } of pages) {
    const url = new URL(path, 'http://portal');
    for (const name of url.searchParams.keys()) add(url.pathname, name);
    if (!isHtml) continue;
    const $ = cheerio.load(response.text);
    $('form').each((_, form) => {
      if (($(form).attr('method') ?? 'get').toLowerCase() !== 'get') return;
      const action = new URL($(form).attr('action') ?? url.pathname, 'http://portal').pathname;
      $(form)
        .find('input[name], select[name]')
        .each((__, field) => add(action, $(field).attr('name')!));
    });
    if ($('.govuk-pagination, table').length) add(url.pathname, 'page');
  }
  return byPath;
}

describe('injection through filters, sorts and searches', () => {
  let testApp: TestApp;
  let winnerEmail: string;
  beforeAll(async () => {
    testApp = await createTestApp();
    const contract = await activeContract(testApp, { winner: 'Quill Therapy' });
    [{ email: winnerEmail }] = await testApp.dataSource.query(`SELECT email FROM users WHERE provider_id = $1`, [contract.providerId]);
  });
  afterAll(() => testApp.close());

  it.each([
    ['provider', 'winner'],
    ['commissioner', DEMO.commissioner],
    ['framework manager', DEMO.frameworkManager],
    ['panel chair', DEMO.panelMember],
    ['system admin', DEMO.admin],
  ])('gives the %s a normal page or a 400 for hostile values in every parameter, never a 500', async (_role, email) => {
    const visitor = new WebSession(testApp.server);
    await (email === 'winner' ? visitor.signIn(winnerEmail, FACTORY_PASSWORD) : visitor.signIn(email));
    const parameters = parametersByPath(await crawl(visitor));
    const problems: string[] = [];
    let sent = 0;
    for (const [path, names] of parameters) {
      for (const name of names) {
        const attempts = [...PAYLOADS.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`), `${name}[]=a&${name}[]=b`, `${name}[x]=y`];
        for (const query of attempts) {
          const started = Date.now();
          const response = await visitor.agent.get(`${path}?${query}`).redirects(0);
          sent++;
          if (response.status >= 500) problems.push(`${path}?${query}: ${response.status}`);
          if (/syntax error|QueryFailedError|invalid input syntax/i.test(response.text ?? '')) problems.push(`${path}?${query}: database error shown`);
          if (Date.now() - started > 2500) problems.push(`${path}?${query}: took ${Date.now() - started} ms (was SQL run?)`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(50);
    const [{ n }] = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    expect(n).toBeGreaterThan(5);
  });
});

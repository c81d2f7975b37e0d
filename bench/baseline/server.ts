import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Pool } from 'pg';
import { navigationFor } from '../../src/home/dashboards';
import { SERVICE_NAME } from '../../src/common/http/view-locals';
import { createViewEngine } from '../../src/common/views/view-engine';
import type { CapturedPage } from '../capture';

/**
 * The benchmark's baseline: plain node:http, pg and Handlebars, with no
 * framework. For each page it checks the session cookie as express-session
 * would, runs exactly the SQL the portal ran for that page (captured by
 * bench/capture.ts), and renders the rows in the portal's own layout.
 * Whatever the portal is slower by is the cost of its framework and code.
 */
const pages: Record<string, CapturedPage> = JSON.parse(readFileSync(process.env.BASELINE_PAGES_FILE!, 'utf8'));
const secret = process.env.SESSION_SECRET!;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10, application_name: 'bench-baseline' });
const views = createViewEngine({ cache: true });
const pageTemplate = join(__dirname, 'page.hbs');

function sessionId(request: IncomingMessage): string | undefined {
  const cookie = request.headers.cookie?.split(/;\s*/).find((part) => part.startsWith('portal.sid='));
  const value = cookie && decodeURIComponent(cookie.slice('portal.sid='.length));
  if (!value?.startsWith('s:')) return undefined;
  const [sid, signature] = [value.slice(2, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)];
  const expected = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) ? sid : undefined;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const page = pages[decodeURIComponent(new URL(request.url ?? '/', 'http://baseline').pathname.replace(/^\/page\//, ''))];
  if (!page) {
    response.writeHead(404).end('Not found');
    return;
  }
  const sid = sessionId(request);
  const session = sid && (await pool.query('SELECT sess FROM sessions WHERE sid = $1 AND expire >= now()', [sid])).rows[0];
  if (!session) {
    response.writeHead(401).end('Sign in');
    return;
  }
  const results = [];
  for (const [index, statement] of page.statements.entries()) {
    const result = await pool.query({ text: statement.text, values: statement.values, rowMode: 'array' });
    results.push({ number: index + 1, rowCount: result.rowCount, columns: result.fields.map((field) => field.name), rows: result.rows });
  }
  const html = views.render(pageTemplate, {
    title: page.name,
    results,
    serviceName: SERVICE_NAME,
    currentUser: { roles: page.roles },
    navigation: navigationFor(page.roles, page.path),
    csrfToken: 'baseline',
    cspNonce: randomBytes(16).toString('hex'),
  });
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
}

createServer((request, response) => {
  handle(request, response).catch((error: Error) => {
    console.error(error.message);
    if (!response.headersSent) response.writeHead(500);
    response.end('Error');
  });
}).listen(Number(process.env.PORT), () => console.log(`baseline listening on ${process.env.PORT}`));

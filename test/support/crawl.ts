import type { Response } from 'supertest';
import type { WebSession } from './web-session';

export interface CrawledPage {
  path: string;
  response: Response;
  isHtml: boolean;
}

/**
 * Follows every same-site link (and redirect) from `start`, as the signed-in
 * visitor would, breadth first. Sign-out and static assets are not followed.
 * Returns each page once, in the order visited.
 */
export async function crawl(visitor: WebSession, start = '/dashboard', limit = 400): Promise<CrawledPage[]> {
  const seen = new Set<string>();
  const queue = [start];
  const pages: CrawledPage[] = [];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await visitor.agent.get(path).redirects(0).buffer(true);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.location as string | undefined;
      if (location?.startsWith('/') && location !== '/sign-in') queue.push(location);
      continue;
    }
    const isHtml = String(response.headers['content-type']).startsWith('text/html');
    pages.push({ path, response, isHtml });
    if (!isHtml) continue;
    for (const [, href] of (response.text ?? '').matchAll(/href="(\/[^"#]*)"/g)) {
      const link = href.replace(/&amp;/g, '&');
      if (!/^\/(sign-out|assets|app-assets)/.test(link) && !seen.has(link)) queue.push(link);
    }
  }
  return pages;
}

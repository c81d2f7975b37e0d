export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

export interface GovukPagination {
  previous?: { href: string };
  next?: { href: string };
  items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }>;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  /** "Showing 21 to 40 of 97 results" numbers; the total reads "more than 10,000" past COUNT_CAP. */
  totalText: string;
  from: number;
  to: number;
  pagination: GovukPagination | null;
}

/** Reads ?page= defensively: anything odd means page 1. */
export function parsePageRequest(rawPage: unknown, pageSize = 25): PageRequest {
  const parsed = typeof rawPage === 'string' && /^\d{1,6}$/.test(rawPage) ? Number(rawPage) : 1;
  const page = Math.max(1, parsed);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

function hrefFor(basePath: string, query: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value && key !== 'page') params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/**
 * GOV.UK pagination items: first, last, current ±1, with ellipses between,
 * as the Design System recommends for long lists.
 */
export function buildPagination(current: number, totalPages: number, basePath: string, query: Record<string, string | undefined> = {}): GovukPagination | null {
  if (totalPages <= 1) return null;
  const wanted = new Set([1, totalPages, current - 1, current, current + 1].filter((n) => n >= 1 && n <= totalPages));
  const numbers = [...wanted].sort((a, b) => a - b);
  const items: GovukPagination['items'] = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1] > 1) items.push({ ellipsis: true });
    items.push({ number, href: hrefFor(basePath, query, number), current: number === current || undefined });
  });
  return {
    previous: current > 1 ? { href: hrefFor(basePath, query, current - 1) } : undefined,
    next: current < totalPages ? { href: hrefFor(basePath, query, current + 1) } : undefined,
    items,
  };
}

export function toPage<T>(rows: T[], total: number, request: PageRequest, basePath: string, query: Record<string, string | undefined> = {}): Page<T> {
  const totalPages = Math.max(1, Math.ceil(total / request.pageSize));
  return {
    rows,
    total,
    page: request.page,
    pageSize: request.pageSize,
    totalPages,
    totalText: total > COUNT_CAP ? `more than ${COUNT_CAP.toLocaleString('en-GB')}` : total.toLocaleString('en-GB'),
    from: total === 0 ? 0 : request.offset + 1,
    to: request.offset + rows.length,
    pagination: buildPagination(request.page, totalPages, basePath, query),
  };
}

/** Lists over the largest tables count this far and no further: "more than 10,000" is as useful as the exact figure. */
export const COUNT_CAP = 10_000;

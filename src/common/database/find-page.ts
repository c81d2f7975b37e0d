import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PageRequest } from '../http/pagination';

/**
 * One page of a query's rows and its total, always as two statements:
 * TypeORM's getManyAndCount skips the count on a short first page, which
 * would make a page's statement count depend on the data. With countUpTo,
 * the count reads at most that many rows (plus one, to know it is more),
 * in the query's own order so an index serves it.
 */
export async function findPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  request: PageRequest,
  options: { countUpTo?: number } = {},
): Promise<[T[], number]> {
  const rows = query.clone().skip(request.offset).take(request.pageSize).getMany();
  if (!options.countUpTo) return Promise.all([rows, query.clone().getCount()]);
  const bounded = query
    .clone()
    .select('1', 'one')
    .limit(options.countUpTo + 1);
  const [sql, parameters] = bounded.getQueryAndParameters();
  const count = query.connection.query(`SELECT count(*)::int AS total FROM (${sql}) bounded`, parameters) as Promise<Array<{ total: number }>>;
  const [found, [{ total }]] = await Promise.all([rows, count]);
  return [found, total];
}

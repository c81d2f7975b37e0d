import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a connection cut by a restart', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['a database refusing connections', pgError('55000', 'database "portal" is not currently accepting connections')],
    ['a refused TCP connection', pgError('ECONNREFUSED')],
    ['a connection exception class 08', pgError('08006')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['any of these inside a TypeORM error', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
  ])('is true for %s', (_case, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a syntax error', pgError('42601')],
    ['a unique violation', pgError('23505')],
    ['another 55000', pgError('55000', 'cannot refresh materialized view concurrently')],
    ['an ordinary bug', new TypeError('undefined is not a function')],
    ['nothing', undefined],
  ])('is false for %s', (_case, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

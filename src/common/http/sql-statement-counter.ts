import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { Client } from 'pg';

export const SQL_STATEMENTS_HEADER = 'X-Sql-Statements';

const storage = new AsyncLocalStorage<{ statements: number }>();
let clientPatched = false;

export type SqlStatementListener = (text: string, values: unknown[] | undefined) => void;
let listener: SqlStatementListener | undefined;

/** Hears every statement of every counted request, for tests that EXPLAIN what pages really run. */
export function listenToSqlStatements(next: SqlStatementListener | undefined): void {
  listener = next;
}

/** Counts every statement sent through `pg` while a counted request is running. */
function patchClient(): void {
  if (clientPatched) return;
  clientPatched = true;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: typeof query }).query = function countedQuery(this: Client, ...args: unknown[]) {
    const counter = storage.getStore();
    if (counter) {
      counter.statements += 1;
      if (listener) {
        const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
        if (typeof first === 'string') listener(first, Array.isArray(second) ? second : undefined);
        else if (first && typeof first.text === 'string') listener(first.text, first.values);
      }
    }
    return query.apply(this, args);
  };
}

/**
 * Middleware that reports how many SQL statements a request ran, in the
 * X-Sql-Statements response header: the query-budget tests and the
 * benchmarks read it. Only switched on by SQL_STATEMENT_COUNTS, as the
 * header says something about the inside of the system.
 */
export function sqlStatementCounter() {
  patchClient();
  return (_request: Request, response: Response, next: NextFunction) => {
    const counter = { statements: 0 };
    const writeHead = response.writeHead;
    response.writeHead = function countedWriteHead(this: Response, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader(SQL_STATEMENTS_HEADER, String(counter.statements));
      return (writeHead as (...rest: unknown[]) => Response).apply(this, args);
    } as typeof response.writeHead;
    storage.run(counter, next);
  };
}

import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { rejectNulCharacters } from './reject-nul-characters';

const run = (request: Partial<Request>) => {
  let passed: unknown = 'not called';
  rejectNulCharacters(request as Request, {} as Response, (error?: unknown) => (passed = error));
  return passed;
};

describe('rejectNulCharacters', () => {
  it('passes ordinary requests on', () => {
    expect(run({ originalUrl: '/requirements/5f0c%20x', query: { search: 'O’Brien; DROP' }, body: { name: ['a', 'b'] } })).toBeUndefined();
    expect(run({ originalUrl: '/requirements/%E0%A4%A', query: {} })).toBeUndefined();
    expect(run({ originalUrl: '/requirements/%2500', query: {} })).toBeUndefined();
  });
  it('refuses a NUL in a path parameter', () => {
    for (const path of ['/requirements/%00', '/provider/opportunities/a%00b/bid', '/contracts/%00/delivery'])
      expect(run({ originalUrl: path, query: {} })).toBeInstanceOf(BadRequestException);
  });
  it('refuses a NUL in the query, a form field, a nested field or a field name', () => {
    for (const request of [
      { query: { search: 'a\u0000' } },
      { body: { title: 'x\u0000y' } },
      { body: { answers: { one: ['ok', '\u0000'] } } },
      { body: { ['a\u0000']: 'b' } },
    ]) {
      expect(run(request as Partial<Request>)).toBeInstanceOf(BadRequestException);
    }
  });
});

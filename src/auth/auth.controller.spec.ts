import { safeReturnPath } from './auth.controller';

describe('safeReturnPath', () => {
  it.each([
    ['/admin/users?page=2', '/admin/users?page=2'],
    ['/dashboard', '/dashboard'],
    ['//evil.example', undefined],
    ['/\\evil.example', undefined],
    ['https://evil.example', undefined],
    ['/sign-out', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%p → %p', (input, expected) => expect(safeReturnPath(input)).toBe(expected));
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue 23: controllers take record ids through `RouteIdPipe` or `routeId`
 * (both UUID-checked, both a 404 otherwise) and the user through
 * `@CurrentUser()` or `signedInUser`, never by reading the request by hand.
 */
const root = join(__dirname, '..', 'src');
const controllers = (directory: string): string[] =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? controllers(path) : path.endsWith('.controller.ts') ? [path] : [];
  });

const HAND_READ_ID = /request\.params\.(?:id|\w+Id)\b/;
const CAST_USER = /request\.user as SignedInUser\b/;

it('reads no record id or signed-in user from the request by hand', () => {
  const offenders = controllers(root).flatMap((path) => {
    const source = readFileSync(path, 'utf8');
    return [HAND_READ_ID.test(source) && `${relative(root, path)}: a hand-read id`, CAST_USER.test(source) && `${relative(root, path)}: a cast user`].filter(
      Boolean,
    );
  });
  expect(offenders).toEqual([]);
});

it('recognises the hand-read forms', () => {
  expect(HAND_READ_ID.test('String(request.params.id)')).toBe(true);
  expect(HAND_READ_ID.test('request.params.invoiceId as string')).toBe(true);
  expect(HAND_READ_ID.test("routeId(request, 'invoiceId')")).toBe(false);
  expect(CAST_USER.test('this.x(request.user as SignedInUser, id)')).toBe(true);
});

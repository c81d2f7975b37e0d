import { toSnakeCase } from './snake-naming.strategy';

describe('toSnakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['asgsfEligible', 'asgsf_eligible'],
    ['userID', 'user_id'],
    ['name', 'name'],
    ['HTTPRequestId', 'http_request_id'],
  ])('%s → %s', (input, expected) => expect(toSnakeCase(input)).toBe(expected));
});

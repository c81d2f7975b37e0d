import { NOT_RECORDED, withoutProtectedValues } from './protected-fields';

describe('withoutProtectedValues', () => {
  it('records that a protected field changed, never its value', () => {
    expect(withoutProtectedValues('requirement', { ageBand: '8 to 10', needsDescription: 'Jamie Smith, born 3 March 2015', language: null })).toEqual({
      ageBand: '8 to 10',
      needsDescription: NOT_RECORDED,
      language: null,
    });
  });
  it('leaves other entity types and empty values alone', () => {
    expect(withoutProtectedValues('framework', { reason: 'Renamed' })).toEqual({ reason: 'Renamed' });
    expect(withoutProtectedValues('requirement', null)).toBeNull();
    expect(withoutProtectedValues('requirement', undefined)).toBeNull();
  });
});

import { cleanFormInput } from './clean-form-input';

describe('cleanFormInput', () => {
  it('trims strings and drops empty ones', () => {
    expect(cleanFormInput({ name: '  Ada  ', email: '   ', note: '' })).toEqual({ name: 'Ada' });
  });

  it('cleans arrays and nested objects', () => {
    expect(cleanFormInput({ roles: [' commissioner ', ''], date: { day: ' 1 ', month: '', year: '' } })).toEqual({
      roles: ['commissioner'],
      date: { day: '1' },
    });
  });

  it('treats non-objects as an empty form', () => {
    expect(cleanFormInput(undefined)).toEqual({});
    expect(cleanFormInput('x')).toEqual({});
  });
});

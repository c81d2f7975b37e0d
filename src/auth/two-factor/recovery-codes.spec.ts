import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes';

describe('recovery codes', () => {
  it('makes ten different codes, easy to read off paper', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('hashes a code the same however it is typed, and different codes differently', () => {
    const [code, other] = newRecoveryCodes(2);
    expect(recoveryCodeHash(` ${code.toUpperCase().replace('-', ' ')} `)).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(other)).not.toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
  });
});

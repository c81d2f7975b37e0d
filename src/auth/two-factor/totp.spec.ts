import { matchingTotpStep, totpCodeAt, totpStepAt, totpUri } from './totp';

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32; the RFC's 8-digit codes end in these 6.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('gives the RFC 6238 test vectors', async () => {
    expect(await totpCodeAt(RFC_SECRET, totpStepAt(new Date(59_000)))).toBe('287082');
    expect(await totpCodeAt(RFC_SECRET, totpStepAt(new Date(1_111_111_109_000)))).toBe('081804');
    expect(await totpCodeAt(RFC_SECRET, totpStepAt(new Date(2_000_000_000_000)))).toBe('279037');
  });

  it('accepts the current code and one step either side, typed with spaces', async () => {
    const now = new Date(1_111_111_109_000);
    const step = totpStepAt(now);
    expect(await matchingTotpStep(RFC_SECRET, '081 804', now, null)).toBe(step);
    expect(await matchingTotpStep(RFC_SECRET, await totpCodeAt(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(await matchingTotpStep(RFC_SECRET, await totpCodeAt(RFC_SECRET, step + 1), now, null)).toBe(step + 1);
    expect(await matchingTotpStep(RFC_SECRET, await totpCodeAt(RFC_SECRET, step - 2), now, null)).toBeNull();
  });

  it('refuses a code used before, or older than the last one used', async () => {
    const now = new Date(1_111_111_109_000);
    const step = totpStepAt(now);
    expect(await matchingTotpStep(RFC_SECRET, '081804', now, step)).toBeNull();
    expect(await matchingTotpStep(RFC_SECRET, await totpCodeAt(RFC_SECRET, step - 1), now, step - 1)).toBeNull();
    expect(await matchingTotpStep(RFC_SECRET, await totpCodeAt(RFC_SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it('refuses anything but six digits', async () => {
    const now = new Date(1_111_111_109_000);
    for (const typed of ['', '08180', '0818045', 'abcdef', "' OR 1=1"]) expect(await matchingTotpStep(RFC_SECRET, typed, now, null)).toBeNull();
  });

  it('names the service and the account in the QR code address', () => {
    expect(totpUri(RFC_SECRET, 'sam@kent.example')).toMatch(
      /^otpauth:\/\/totp\/.*sam%40kent\.example\?.*secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.*issuer=Adoption/,
    );
  });
});

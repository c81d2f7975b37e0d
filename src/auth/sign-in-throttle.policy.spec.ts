import { emailLockoutSeconds, ipLockoutSeconds, REQUEST_LIMITS, requestWaitMessage, waitMessage } from './sign-in-throttle.policy';

describe('sign-in throttle policy', () => {
  it('allows four failures, then locks for doubling periods up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(emailLockoutSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 20].map(emailLockoutSeconds)).toEqual([60, 120, 240, 480, 900, 900]);
  });

  it('locks an IP address after 100 failures', () => {
    expect(ipLockoutSeconds(99)).toBe(0);
    expect(ipLockoutSeconds(100)).toBe(900);
  });

  it('tells people how long to wait', () => {
    expect(waitMessage(30)).toBe('You have tried to sign in too many times. Wait 1 minute, then try again.');
    expect(waitMessage(61)).toBe('You have tried to sign in too many times. Wait 2 minutes, then try again.');
  });

  it('limits each emailing request per address more tightly than per IP address, and says how long to wait', () => {
    for (const limit of Object.values(REQUEST_LIMITS)) expect(limit.perAddress).toBeLessThan(limit.perIp);
    expect(requestWaitMessage(3000)).toBe('You have asked too many times. Wait 50 minutes, then try again.');
    expect(requestWaitMessage(1)).toBe('You have asked too many times. Wait 1 minute, then try again.');
  });
});

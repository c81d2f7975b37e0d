import { MAX_DELIVERY_ATTEMPTS, outcomeOfFailure, retryDelaySeconds } from './retry-schedule';

describe('retryDelaySeconds', () => {
  it('doubles from 30 seconds and caps at an hour', () => {
    expect([1, 2, 3, 4, 5, 8, 9].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 480, 3600, 3600]);
  });
});

describe('outcomeOfFailure', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('queues a retry while attempts remain', () => {
    expect(outcomeOfFailure(2, now)).toEqual({ status: 'queued', nextAttemptAt: new Date('2026-11-23T12:01:00Z') });
  });

  it('gives up after the last attempt', () => {
    expect(outcomeOfFailure(MAX_DELIVERY_ATTEMPTS, now).status).toBe('failed');
  });
});

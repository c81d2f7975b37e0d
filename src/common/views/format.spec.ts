import { formatDate, formatDateTime, formatPence, formatPoints } from './format';

describe('formatDate', () => {
  it('writes dates the GOV.UK way in UK time', () => {
    expect(formatDate(new Date('2026-11-23T10:00:00Z'))).toBe('23 November 2026');
    // 23:30 UTC in summer is already the next day in London
    expect(formatDate(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026');
  });

  it('is empty for nonsense', () => {
    expect(formatDate('not a date')).toBe('');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-11-23T19:02:00Z', '23 November 2026 at 7:02pm'],
    ['2026-11-23T09:00:00Z', '23 November 2026 at 9am'],
    ['2026-11-23T12:00:00Z', '23 November 2026 at midday'],
    ['2026-11-23T00:00:00Z', '23 November 2026 at midnight'],
    ['2026-06-01T11:15:00Z', '1 June 2026 at 12:15pm'],
  ])('%s → %s', (input, expected) => expect(formatDateTime(new Date(input))).toBe(expected));
});

describe('formatPence', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [123456, '£1,234.56'],
    [300000, '£3,000.00'],
    [-250, '-£2.50'],
  ])('%p → %s', (input, expected) => expect(formatPence(input)).toBe(expected));

  it('refuses floats', () => expect(formatPence(12.5)).toBe(''));
});

describe('formatPoints', () => {
  it('shows two decimal places, rounded', () => {
    expect([25.909090909, 30, 0].map((value) => formatPoints(value))).toEqual(['25.91', '30.00', '0.00']);
  });
});

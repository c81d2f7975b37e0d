import { londonInstant, londonTime, parseTimeOfDay } from './london-time';

describe('London wall-clock time', () => {
  it('is UTC in winter and an hour ahead in summer', () => {
    expect(londonInstant('2026-01-15', '17:00').toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(londonInstant('2026-07-15', '17:00').toISOString()).toBe('2026-07-15T16:00:00.000Z');
  });

  it('handles the days the clocks change', () => {
    expect(londonInstant('2026-03-29', '12:00').toISOString()).toBe('2026-03-29T11:00:00.000Z');
    expect(londonInstant('2026-10-25', '12:00').toISOString()).toBe('2026-10-25T12:00:00.000Z');
    expect(londonInstant('2026-03-28', '23:30').toISOString()).toBe('2026-03-28T23:30:00.000Z');
  });

  it('reads an instant back as London time', () => {
    expect(londonTime(new Date('2026-07-15T16:00:00Z'))).toBe('17:00');
    expect(londonTime(new Date('2026-01-15T09:05:00Z'))).toBe('09:05');
  });

  it.each([
    ['17:00', '17:00'],
    ['5pm', '17:00'],
    ['5:30pm', '17:30'],
    ['9.15am', '09:15'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['midday', '12:00'],
    ['midnight', '00:00'],
    [' 10 am ', '10:00'],
  ])('reads %s as %s', (raw, expected) => expect(parseTimeOfDay(raw)).toBe(expected));

  it.each(['', '25:00', '13pm', '0am', '17', '5:75pm', 'teatime', '12:3'])('refuses %p', (raw) => expect(parseTimeOfDay(raw)).toBeNull());
});

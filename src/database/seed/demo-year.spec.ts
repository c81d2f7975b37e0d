import { REQUIREMENT_STATUSES } from '../../competitions/requirement-lifecycle';
import { decisionMeetingDay, DEMO_YEAR_MEETING_DAYS, DEMO_YEAR_PLAN, seededRandom, seededUuid } from './demo-year';

describe('the demo year plan', () => {
  it('has about thirty requirements, in every state, within the year', () => {
    expect(DEMO_YEAR_PLAN).toHaveLength(30);
    expect(new Set(DEMO_YEAR_PLAN.map((plan) => plan.status))).toEqual(new Set(REQUIREMENT_STATUSES));
    for (const plan of DEMO_YEAR_PLAN) if (plan.deadlineDay !== null) expect(Math.abs(plan.deadlineDay)).toBeLessThan(365);
  });

  it('has a held meeting to decide every awarded or unawarded requirement, and a next meeting ahead', () => {
    for (const plan of DEMO_YEAR_PLAN.filter((entry) => entry.status === 'awarded' || entry.status === 'no_award')) {
      const meeting = decisionMeetingDay(plan.deadlineDay!);
      expect(meeting).not.toBeNull();
      expect(meeting!).toBeGreaterThanOrEqual(plan.deadlineDay! + 5);
    }
    expect(DEMO_YEAR_MEETING_DAYS.filter((day) => day > 0)).toHaveLength(1);
    expect(decisionMeetingDay(-3)).toBeNull();
  });
});

describe('seededRandom', () => {
  it('gives the same numbers and ids for the same seed, and different ones for another', () => {
    const [first, again, other] = [seededRandom(7), seededRandom(7), seededRandom(8)];
    const draw = (random: () => number) => Array.from({ length: 5 }, random);
    expect(draw(first)).toEqual(draw(again));
    expect(draw(seededRandom(7))).not.toEqual(draw(other));
    expect(seededUuid(seededRandom(1))).toBe(seededUuid(seededRandom(1)));
    expect(seededUuid(seededRandom(1))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const value of draw(seededRandom(3))) expect(value >= 0 && value < 1).toBe(true);
  });
});

import { actingChairProblem, bidAccess, capacitiesOn, mitigationText } from './conflict-rules';

describe('conflicts of interest (BR-9, PA 2023 ss.81-83)', () => {
  describe('capacitiesOn: who acts on a requirement', () => {
    const requirement = { agencyId: 'kent', partnershipId: 'apse' };
    const person = (roles: string[], overrides: Partial<{ agencyId: string; partnershipId: string; activePanelMember: boolean }> = {}) => ({
      roles,
      agencyId: 'kent',
      partnershipId: 'apse',
      activePanelMember: false,
      ...overrides,
    });

    it('counts the owning agency’s commissioners, the partnership’s active panel members and framework managers', () => {
      expect(capacitiesOn(person(['commissioner']), requirement)).toEqual(['commissioner']);
      expect(capacitiesOn(person(['panel_member'], { agencyId: 'medway', activePanelMember: true }), requirement)).toEqual(['panel_member']);
      expect(capacitiesOn(person(['framework_manager'], { agencyId: 'medway' }), requirement)).toEqual(['framework_manager']);
      expect(capacitiesOn(person(['commissioner', 'panel_member'], { activePanelMember: true }), requirement)).toEqual(['commissioner', 'panel_member']);
    });

    it('leaves out another agency’s commissioner, a stood-down member and anyone from another partnership', () => {
      expect(capacitiesOn(person(['commissioner'], { agencyId: 'medway' }), requirement)).toEqual([]);
      expect(capacitiesOn(person(['panel_member'], { activePanelMember: false }), requirement)).toEqual([]);
      expect(capacitiesOn(person(['framework_manager', 'commissioner'], { partnershipId: 'north' }), requirement)).toEqual([]);
      expect(capacitiesOn(person(['provider_user', 'system_admin']), requirement)).toEqual([]);
    });
  });

  describe('bidAccess: bid content only after declaring on every bidder with no conflict', () => {
    it('is undeclared until every bidder is covered', () => {
      expect(bidAccess([], ['a', 'b'])).toBe('undeclared');
      expect(bidAccess([{ providerId: 'a', conflicted: false }], ['a', 'b'])).toBe('undeclared');
    });

    it('is conflicted by a conflict with any one bidder, which excludes the person from every bid', () => {
      expect(
        bidAccess(
          [
            { providerId: 'a', conflicted: false },
            { providerId: 'b', conflicted: true },
          ],
          ['a', 'b'],
        ),
      ).toBe('conflicted');
      expect(bidAccess([{ providerId: 'b', conflicted: true }], ['a', 'b'])).toBe('conflicted');
    });

    it('is clear with no conflict on every bidder, or when nobody bid', () => {
      expect(
        bidAccess(
          [
            { providerId: 'a', conflicted: false },
            { providerId: 'b', conflicted: false },
          ],
          ['a', 'b'],
        ),
      ).toBe('clear');
      expect(bidAccess([], [])).toBe('clear');
    });
  });

  describe('actingChairProblem: the alternate chair acts only when no chair can', () => {
    const chair = { isChair: true, isAlternateChair: false };
    const alternate = { isChair: false, isAlternateChair: true };
    const member = { isChair: false, isAlternateChair: false };

    it('lets a chair act (their own conflict is checked with the bids)', () => {
      expect(actingChairProblem(chair, [{ declared: true, conflicted: false }], 'moderate scores')).toBeNull();
    });

    it('lets the alternate act when every chair is conflicted or has not declared (absent)', () => {
      expect(actingChairProblem(alternate, [{ declared: true, conflicted: true }], 'moderate scores')).toBeNull();
      expect(actingChairProblem(alternate, [{ declared: false, conflicted: false }], 'moderate scores')).toBeNull();
      expect(actingChairProblem(alternate, [], 'moderate scores')).toBeNull();
    });

    it('refuses the alternate while a chair has declared no conflict, and any other member always', () => {
      expect(
        actingChairProblem(
          alternate,
          [
            { declared: true, conflicted: true },
            { declared: true, conflicted: false },
          ],
          'moderate scores',
        ),
      ).toBe('The panel chair has declared no conflict of interest on this requirement, so only the chair can moderate scores');
      expect(actingChairProblem(member, [], 'moderate scores')).toBe('Only the panel chair can moderate scores');
    });
  });

  it('describes the mitigation the portal applies to a conflict', () => {
    expect(mitigationText(false, ['commissioner'])).toBe('None needed');
    expect(mitigationText(true, ['commissioner'])).toBe('Cannot see any bid on this requirement.');
    expect(mitigationText(true, ['panel_member'])).toContain('does not count towards the quorum');
  });
});

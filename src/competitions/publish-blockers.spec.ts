import { ApprovalEvent, approvalState, canRequestApproval, publishBlockers, publishGates } from './publish-blockers';

const event = (kind: ApprovalEvent['kind'], at: string, comments: string | null = null): ApprovalEvent => ({ kind, at, byName: 'Sam Approver', comments });

describe('approvalState', () => {
  it('is not required unless the agency asks for it', () => {
    expect(approvalState(false, [event('requested', '2026-01-01T10:00:00.000001')], '2026-01-01T09:00:00.000000')).toEqual({ state: 'not_required' });
  });

  it('follows the latest event', () => {
    expect(approvalState(true, [], '2026-01-01T09:00:00.000000').state).toBe('not_requested');
    expect(approvalState(true, [event('requested', '2026-01-01T10:00:00.000000')], '2026-01-01T09:00:00.000000').state).toBe('waiting');
    expect(
      approvalState(
        true,
        [event('requested', '2026-01-01T10:00:00.000000'), event('returned', '2026-01-01T11:00:00.000000', 'Add the weights')],
        '2026-01-01T09:00:00.000000',
      ),
    ).toEqual({ state: 'returned', byName: 'Sam Approver', comments: 'Add the weights' });
    expect(
      approvalState(true, [event('requested', '2026-01-01T10:00:00.000000'), event('approved', '2026-01-01T11:00:00.000000')], '2026-01-01T09:00:00.000000')
        .state,
    ).toBe('approved');
  });

  it('lapses when the requirement is edited after approval, to the microsecond', () => {
    const events = [event('requested', '2026-01-01T10:00:00.000000'), event('approved', '2026-01-01T11:00:00.000100')];
    expect(approvalState(true, events, '2026-01-01T11:00:00.000100').state).toBe('approved');
    expect(approvalState(true, events, '2026-01-01T11:00:00.000101').state).toBe('edited_since_approval');
  });

  it('lets the commissioner send it for approval only when nothing is waiting or approved', () => {
    expect(canRequestApproval({ state: 'not_requested' })).toBe(true);
    expect(canRequestApproval({ state: 'returned', byName: 'x', comments: 'y' })).toBe(true);
    expect(canRequestApproval({ state: 'edited_since_approval', byName: 'x' })).toBe(true);
    expect(canRequestApproval({ state: 'waiting', byName: 'x' })).toBe(false);
    expect(canRequestApproval({ state: 'approved', byName: 'x' })).toBe(false);
    expect(canRequestApproval({ state: 'not_required' })).toBe(false);
  });
});

describe('publishGates and publishBlockers', () => {
  const base = { requirementId: 'r1', approval: { state: 'not_required' } as const, panelNeeds: [], panelRequests: [] };

  it('has nothing to wait for when no approval or panel decision is needed', () => {
    expect(publishGates(base)).toEqual([]);
    expect(publishBlockers(publishGates(base))).toEqual([]);
  });

  it('waits for approval until it is given', () => {
    const waiting = publishGates({ ...base, approval: { state: 'waiting', byName: 'x' } });
    expect(publishBlockers(waiting)).toEqual(['Get approval before publishing: waiting for approval']);
    expect(waiting[0].action).toBeUndefined();
    const returned = publishGates({ ...base, approval: { state: 'returned', byName: 'Sam', comments: 'Fix the title' } });
    expect(returned[0].hint).toContain('Fix the title');
    expect(returned[0].action).toEqual({ href: '/requirements/r1/approval-request', text: 'Send for approval', method: 'post' });
    expect(publishBlockers(publishGates({ ...base, approval: { state: 'approved', byName: 'Sam' } }))).toEqual([]);
    expect(publishBlockers(publishGates({ ...base, approval: { state: 'edited_since_approval', byName: 'Sam' } }))).toEqual([
      'Get approval before publishing: needs approval again',
    ]);
  });

  it('waits for the panel on a block purchase until it approves; declined and deferred keep it waiting', () => {
    const needs = [{ kind: 'block_purchase' as const, excessPence: 0 }];
    const decided = (status: 'pending' | 'approved' | 'declined' | 'deferred') =>
      publishGates({
        ...base,
        panelNeeds: needs,
        panelRequests: [{ kind: 'block_purchase', status, excessPence: 0, rationale: 'Reasons', meetingDate: '2026-03-01' }],
      });
    expect(publishGates({ ...base, panelNeeds: needs })[0]).toMatchObject({ blocking: true, action: { href: '/requirements/r1/panel-request' } });
    expect(decided('pending')[0]).toMatchObject({ blocking: true, status: { text: 'Waiting for the panel' } });
    expect(decided('deferred')[0]).toMatchObject({ blocking: true, status: { text: 'Deferred' } });
    expect(decided('deferred')[0].action).toBeUndefined();
    expect(decided('declined')[0]).toMatchObject({ blocking: true, status: { text: 'Declined' }, action: { text: 'Ask the panel' } });
    expect(decided('approved')[0]).toMatchObject({ blocking: false, status: { text: 'Approved' } });
  });

  it('needs a new panel decision when the excess grows past what the panel approved', () => {
    const approved = [{ kind: 'excess_funding' as const, status: 'approved' as const, excessPence: 50000, rationale: 'Complex needs', meetingDate: null }];
    expect(publishBlockers(publishGates({ ...base, panelNeeds: [{ kind: 'excess_funding', excessPence: 50000 }], panelRequests: approved }))).toEqual([]);
    expect(publishBlockers(publishGates({ ...base, panelNeeds: [{ kind: 'excess_funding', excessPence: 40000 }], panelRequests: approved }))).toEqual([]);
    expect(publishBlockers(publishGates({ ...base, panelNeeds: [{ kind: 'excess_funding', excessPence: 50001 }], panelRequests: approved }))).toEqual([
      'Panel decision on £500.01 of agency funding above the fair access limit: needs a new decision',
    ]);
  });

  it('lists every reason at once', () => {
    const gates = publishGates({ ...base, approval: { state: 'not_requested' }, panelNeeds: [{ kind: 'block_purchase', excessPence: 0 }] });
    expect(publishBlockers(gates)).toHaveLength(2);
  });
});

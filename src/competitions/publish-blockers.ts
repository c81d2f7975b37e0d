import { formatIsoDate, formatPence } from '../common/views/format';
import { PanelNeed, PanelRequestKind, PanelRequestStatus } from '../panel/panel-requests';

/** One event in a requirement's approval before publishing, oldest first. Times are UTC ISO strings to the microsecond, so they compare as text. */
export interface ApprovalEvent {
  kind: 'requested' | 'approved' | 'returned';
  at: string;
  byName: string;
  comments: string | null;
}

export type ApprovalState =
  | { state: 'not_required' }
  | { state: 'not_requested' }
  | { state: 'waiting'; byName: string }
  | { state: 'approved'; byName: string }
  | { state: 'returned'; byName: string; comments: string }
  | { state: 'edited_since_approval'; byName: string };

/**
 * Where a requirement's approval stands: the latest event decides, and an
 * approval lapses when the requirement (or its case details) was edited after
 * it, so any edit needs approving again.
 */
export function approvalState(required: boolean, events: ApprovalEvent[], lastEditedAt: string): ApprovalState {
  if (!required) return { state: 'not_required' };
  const latest = events[events.length - 1];
  if (!latest) return { state: 'not_requested' };
  if (latest.kind === 'requested') return { state: 'waiting', byName: latest.byName };
  if (latest.kind === 'returned') return { state: 'returned', byName: latest.byName, comments: latest.comments ?? '' };
  return lastEditedAt > latest.at ? { state: 'edited_since_approval', byName: latest.byName } : { state: 'approved', byName: latest.byName };
}

/** Whether the commissioner can send the requirement for approval now. */
export const canRequestApproval = (approval: ApprovalState) => ['not_requested', 'returned', 'edited_since_approval'].includes(approval.state);

export interface PanelRequestSummary {
  kind: PanelRequestKind;
  status: PanelRequestStatus;
  excessPence: number;
  rationale: string | null;
  meetingDate: string | null;
}

/** A step before publishing: done, or blocking with what happens next. */
export interface PublishGate {
  key: string;
  title: string;
  blocking: boolean;
  status: { text: string; tag?: { text: string; classes: string } };
  hint: string;
  /** The next step, where the commissioner takes it. */
  action?: { href: string; text: string; method: 'get' | 'post' };
}

/**
 * The one place that lists every step between a complete draft and
 * publishing: approval (where the agency requires it) and each panel decision
 * the requirement needs. Publishing waits while any is blocking.
 */
export function publishGates(input: {
  requirementId: string;
  approval: ApprovalState;
  panelNeeds: PanelNeed[];
  panelRequests: PanelRequestSummary[];
}): PublishGate[] {
  const gates: PublishGate[] = [];
  const base = `/requirements/${input.requirementId}`;
  const tag = (text: string, classes: string) => ({ text, tag: { text, classes } });
  const approval = input.approval;
  if (approval.state !== 'not_required') {
    const gate = { key: 'approval', title: 'Get approval before publishing' };
    const request = { href: `${base}/approval-request`, text: 'Send for approval', method: 'post' as const };
    if (approval.state === 'approved') gates.push({ ...gate, blocking: false, status: { text: 'Approved' }, hint: `Approved by ${approval.byName}` });
    else if (approval.state === 'waiting')
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Waiting for approval', 'govuk-tag--yellow'),
        hint: 'A second commissioner or a framework manager of your partnership approves it, or returns it with comments',
      });
    else if (approval.state === 'returned')
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Returned', 'govuk-tag--red'),
        hint: `Returned by ${approval.byName}: ${approval.comments}. Make the changes, then send it for approval again`,
        action: request,
      });
    else if (approval.state === 'edited_since_approval')
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Needs approval again', 'govuk-tag--orange'),
        hint: `Approved by ${approval.byName}, but changed since, so it needs approving again`,
        action: request,
      });
    else
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Not yet started', 'govuk-tag--blue'),
        hint: 'Your agency requires a second person to approve a requirement before it is published',
        action: request,
      });
  }
  for (const need of input.panelNeeds) {
    const title =
      need.kind === 'block_purchase'
        ? 'Panel decision on the block purchase'
        : `Panel decision on ${formatPence(need.excessPence)} of agency funding above the fair access limit`;
    const gate = { key: `panel-${need.kind}`, title };
    const ask = { href: `${base}/panel-request`, text: 'Ask the panel', method: 'post' as const };
    const latest = input.panelRequests.filter((request) => request.kind === need.kind).pop();
    const at = (request: PanelRequestSummary) => (request.meetingDate ? ` at the meeting on ${formatIsoDate(request.meetingDate)}` : '');
    if (!latest) {
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Not yet started', 'govuk-tag--blue'),
        hint: 'The multi-agency resource panel must approve this at a quorate meeting before it is published',
        action: ask,
      });
    } else if (latest.status === 'pending') {
      gates.push({ ...gate, blocking: true, status: tag('Waiting for the panel', 'govuk-tag--yellow'), hint: 'On the agenda for the next panel meeting' });
    } else if (latest.status === 'deferred') {
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Deferred', 'govuk-tag--orange'),
        hint: `The panel deferred it${at(latest)}: ${latest.rationale}. It stays on the agenda for a later meeting`,
      });
    } else if (latest.status === 'declined') {
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Declined', 'govuk-tag--red'),
        hint: `The panel declined it${at(latest)}: ${latest.rationale}. Change the requirement, or ask the panel again`,
        action: ask,
      });
    } else if (need.kind === 'excess_funding' && need.excessPence > latest.excessPence) {
      gates.push({
        ...gate,
        blocking: true,
        status: tag('Needs a new decision', 'govuk-tag--orange'),
        hint: `The panel approved ${formatPence(latest.excessPence)} above the limit; the requirement now needs ${formatPence(need.excessPence)}`,
        action: ask,
      });
    } else {
      gates.push({ ...gate, blocking: false, status: { text: 'Approved' }, hint: `The panel approved it${at(latest)}: ${latest.rationale}` });
    }
  }
  return gates;
}

/** The reasons publishing must wait; empty when it can go ahead. */
export const publishBlockers = (gates: PublishGate[]) =>
  gates.filter((gate) => gate.blocking).map((gate) => `${gate.title}: ${gate.status.text.toLowerCase()}`);

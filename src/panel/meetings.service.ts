import { Clock } from '../common/clock/clock';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import type { LearningLogEntry, PanelMeeting, PanelMember } from './panel.entities';
import { PanelService } from './panel.service';
import { agendaItemQuorumProblems, decisionMeetingDateProblem, QuorumRule, quorumProblems, quorumRuleOf } from './quorum';
import type { PanelOutcome } from './panel-requests';
import { AttendeeView, PanelMemberRepository } from './panel-member.repository';
import { MeetingRepository } from './meeting.repository';
import { PanelRequestRepository } from './panel-request.repository';
import { PanelRequirementRepository } from './panel-requirement.repository';

export type { AttendeeView } from './panel-member.repository';
export type { PanelRequestItem } from './panel-request.repository';

/** Panel meetings: attendees and the quorum, the agenda, minutes and the learning log. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly panel: PanelService,
    private readonly audit: AuditService,
    private readonly meetings: MeetingRepository,
    private readonly panelMembers: PanelMemberRepository,
    private readonly panelRequests: PanelRequestRepository,
    private readonly requirements: PanelRequirementRepository,
  ) {}

  /** The partnership's active members: who can attend a new meeting. */
  async members(member: PanelMember, manager: EntityManager = this.dataSource.manager): Promise<AttendeeView[]> {
    return this.panelMembers.activeAttendeesOf(member.partnershipId, manager);
  }

  private async ruleOf(manager: EntityManager, partnershipId: string): Promise<QuorumRule> {
    return quorumRuleOf(await this.meetings.partnership(partnershipId, manager));
  }

  /**
   * A meeting's attendees, including any who have since stood down, and why
   * the meeting as a whole is not quorate (empty when it is). Each decision
   * is judged by quorumForRequirement, without the conflicted attendees.
   */
  async quorumOf(manager: EntityManager, meeting: PanelMeeting): Promise<{ attendees: AttendeeView[]; problems: string[] }> {
    const [rule, attendees] = await Promise.all([
      this.ruleOf(manager, meeting.partnershipId),
      this.panelMembers.attendeesByIds(meeting.attendeeMemberIds, manager),
    ]);
    return { attendees, problems: quorumProblems(rule, attendees) };
  }

  /**
   * Why the meeting is not quorate for deciding this requirement (empty when
   * it is): attendees who declared a conflict of interest on it do not count
   * (BR-9). The one place a decision's quorum is judged.
   */
  async quorumForRequirement(manager: EntityManager, meeting: PanelMeeting, requirementId: string): Promise<string[]> {
    const [rule, attendees, conflicted] = await Promise.all([
      this.ruleOf(manager, meeting.partnershipId),
      this.panelMembers.attendeesByIds(meeting.attendeeMemberIds, manager),
      this.panelMembers.conflictedOn([requirementId], meeting.attendeeMemberIds, manager),
    ]);
    return agendaItemQuorumProblems(rule, attendees, conflicted.get(requirementId) ?? []);
  }

  /** The partnership's latest meetings, each marked quorate or not, and who can attend a new one. */
  async list(user: SignedInUser) {
    const member = await this.panel.member(user);
    const manager = this.dataSource.manager;
    const [meetings, members, everyone, rule] = await Promise.all([
      this.meetings.latestFor(member.partnershipId, manager),
      this.members(member),
      // Past meetings are judged on who attended then, including members who have since stood down.
      this.panelMembers.everyAttendeeOf(member.partnershipId, manager),
      this.ruleOf(manager, member.partnershipId),
    ]);
    return {
      member,
      members,
      meetings: meetings.map((meeting) => ({
        ...meeting,
        quorate:
          quorumProblems(
            rule,
            everyone.filter((attendee) => meeting.attendeeMemberIds.includes(attendee.id)),
          ).length === 0,
      })),
    };
  }

  /**
   * The meetings the chair can choose from to record a decision on this
   * requirement, each marked whether it has happened and whether it is
   * quorate for this requirement without its conflicted attendees.
   */
  async decisionMeetings(user: SignedInUser, requirementId: string): Promise<Array<{ id: string; meetingDate: string; held: boolean; quorate: boolean }>> {
    const member = await this.panel.member(user);
    const manager = this.dataSource.manager;
    const [meetings, everyone, rule] = await Promise.all([
      this.meetings.latestFor(member.partnershipId, manager),
      this.panelMembers.everyAttendeeOf(member.partnershipId, manager),
      this.ruleOf(manager, member.partnershipId),
    ]);
    const conflicted =
      (
        await this.panelMembers.conflictedOn(
          [requirementId],
          everyone.map((attendee) => attendee.id),
          manager,
        )
      ).get(requirementId) ?? [];
    const today = this.clock.today();
    return meetings.map((meeting) => ({
      id: meeting.id,
      meetingDate: meeting.meetingDate,
      held: decisionMeetingDateProblem(meeting.meetingDate, today) === null,
      quorate:
        agendaItemQuorumProblems(
          rule,
          everyone.filter((attendee) => meeting.attendeeMemberIds.includes(attendee.id)),
          conflicted,
        ).length === 0,
    }));
  }

  async create(user: SignedInUser, form: { meetingDate: unknown; attendeeMemberIds: string[] }): Promise<PanelMeeting> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.panel.member(user, manager);
      // The alternate chair can arrange a meeting too, for when the chair is absent or conflicted.
      if (!member.isChair && !member.isAlternateChair) throw new ForbiddenException('Only the panel chair or alternate chair can arrange meetings');
      const members = await this.members(member, manager);
      const attendees = [...new Set(form.attendeeMemberIds)];
      if (attendees.some((id) => !members.some((candidate) => candidate.id === id)))
        throw FormInvalidError.forField('attendeeMemberIds', 'Select attendees from the list');
      const meeting = await this.meetings.createMeeting(manager, {
        partnershipId: member.partnershipId,
        meetingDate: isoDate(form.meetingDate),
        chairMemberId: member.id,
        attendeeMemberIds: attendees.includes(member.id) ? attendees : [member.id, ...attendees],
      });
      await this.audit.record(manager, {
        action: 'meeting.created',
        entityType: 'panel_meeting',
        entityId: meeting.id,
        after: { meetingDate: meeting.meetingDate, attendees: meeting.attendeeMemberIds.length },
      });
      return meeting;
    });
  }

  /** A meeting of the member's own partnership, with its quorum, agenda, decisions and learning log. */
  async detail(user: SignedInUser, id: string) {
    const member = await this.panel.member(user);
    const manager = this.dataSource.manager;
    const meeting = await this.meetings.findById(id, manager);
    if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
    const [quorum, learning, agenda, decisions, fundingRequests, qualityReviews] = await Promise.all([
      this.quorumOf(manager, meeting),
      this.meetings.learningFor(id, manager),
      this.requirements.agendaFor(member.partnershipId, manager),
      this.meetings.decisionsAt(id, manager),
      // Funding requests above the fair access limit, still waiting for the ASGSF decision.
      this.meetings.waitingFundingRequests(member.partnershipId, manager),
      // Quality reviews: providers whose work for the partnership ended in the three months before the meeting.
      this.meetings.qualityReviewsBefore(member.partnershipId, meeting.meetingDate, manager),
    ]);
    // Each competition on the agenda is judged on the attendees without a conflict on it.
    const [rule, conflicted] = await Promise.all([
      this.ruleOf(manager, meeting.partnershipId),
      this.panelMembers.conflictedOn(
        agenda.map((item) => item.id),
        meeting.attendeeMemberIds,
        manager,
      ),
    ]);
    const agendaItems = agenda.map((item) => ({ ...item, quorumProblems: agendaItemQuorumProblems(rule, quorum.attendees, conflicted.get(item.id) ?? []) }));
    // Requests to decide before publishing (issue 19): waiting or deferred ones, and those this meeting decided.
    const requests = await this.panelRequests.waitingOrDecidedAt(member.partnershipId, id, manager);
    const requestConflicts = await this.panelMembers.conflictedOn(
      requests.map((item) => item.requirementId),
      meeting.attendeeMemberIds,
      manager,
    );
    const panelRequests = requests.map((item) => ({
      ...item,
      quorumProblems: agendaItemQuorumProblems(rule, quorum.attendees, requestConflicts.get(item.requirementId) ?? []),
    }));
    return {
      member,
      meeting,
      attendees: quorum.attendees,
      quorumProblems: quorum.problems,
      learning,
      agenda: agendaItems,
      decisions,
      fundingRequests,
      qualityReviews,
      panelRequests,
      isChair: (member.isChair || member.isAlternateChair) && meeting.chairMemberId === member.id,
    };
  }

  /** One request on a meeting of the member's own partnership, for the chair to decide. */
  async request(user: SignedInUser, meetingId: string, requestId: string) {
    const view = await this.detail(user, meetingId);
    const item = view.panelRequests.find((candidate) => candidate.id === requestId);
    if (!item) throw new NotFoundException();
    return { ...view, request: item };
  }

  /**
   * The panel's decision on a request, at a meeting that has happened and is
   * quorate for it without its conflicted attendees. Approved and declined are
   * final; deferred keeps it on the agenda for a later meeting.
   */
  async decideRequest(user: SignedInUser, meetingId: string, requestId: string, decision: { outcome: PanelOutcome; rationale: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.panel.member(user, manager);
      const meeting = await this.meetings.findById(meetingId, manager);
      if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
      const request = await this.panelRequests.lockForPartnership(manager, requestId, member.partnershipId);
      if (!request) throw new NotFoundException();
      if (meeting.chairMemberId !== member.id) throw new ForbiddenException('Only the meeting’s chair records its decisions');
      if (request.status !== 'pending' && request.status !== 'deferred') throw new ConflictException('The panel has already decided this request');
      const notHeld = decisionMeetingDateProblem(meeting.meetingDate, this.clock.today());
      if (notHeld) throw new ConflictException(notHeld);
      const problems = await this.quorumForRequirement(manager, meeting, request.requirementId);
      if (problems.length) throw new ConflictException(`This meeting is not quorate for this request, so it cannot decide it. ${problems.join('. ')}`);
      await this.panelRequests.recordDecision(manager, requestId, {
        status: decision.outcome,
        rationale: decision.rationale,
        meetingId,
        decidedByUserId: user.id,
        decidedAt: this.clock.now(),
      });
      // The rationale may discuss the child: the audit keeps the decision, not the text.
      await this.audit.record(manager, {
        action: 'panel_request.decided',
        entityType: 'requirement',
        entityId: request.requirementId,
        before: { status: request.status },
        after: { panelRequestId: requestId, kind: request.kind, status: decision.outcome, meetingId },
      });
    });
  }

  async saveMinutes(user: SignedInUser, id: string, minutes: string): Promise<void> {
    await this.change(user, id, 'meeting.minutes_saved', async (manager) => {
      await this.meetings.setMinutes(manager, id, minutes);
      return { length: minutes.length };
    });
  }

  async addLearning(user: SignedInUser, id: string, entry: { theme: string; learned: string; action: string; owner: string }): Promise<void> {
    await this.change(user, id, 'meeting.learning_logged', async (manager) => {
      const saved = await this.meetings.addLearning(manager, { ...entry, meetingId: id });
      return { entryId: saved.id, theme: entry.theme };
    });
  }

  /** Only the meeting's chair changes its record. */
  private async change(user: SignedInUser, id: string, action: string, work: (manager: EntityManager) => Promise<Record<string, unknown>>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.panel.member(user, manager);
      const meeting = await this.meetings.lockById(manager, id);
      if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
      if (meeting.chairMemberId !== member.id) throw new ForbiddenException('Only the meeting’s chair can change its record');
      const after = await work(manager);
      await this.audit.record(manager, { action, entityType: 'panel_meeting', entityId: id, after });
    });
  }

  /** The learning log across the partnership's meetings, for the CSV export. */
  async learningLog(user: SignedInUser): Promise<Array<LearningLogEntry & { meetingDate: string }>> {
    const member = await this.panel.member(user);
    return this.meetings.learningLogFor(member.partnershipId);
  }
}

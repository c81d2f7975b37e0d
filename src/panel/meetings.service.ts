import { Clock } from '../common/clock/clock';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Partnership } from '../agencies/partnership.entity';
import { AuditService } from '../audit/audit.service';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { isoDate } from '../common/forms/date-parts';
import { FormInvalidError } from '../common/forms/form-invalid.error';
import { LearningLogEntry, PanelMeeting, PanelMember } from './panel.entities';
import { PanelService } from './panel.service';
import { agendaItemQuorumProblems, decisionMeetingDateProblem, QuorumRule, quorumProblems, quorumRuleOf } from './quorum';
import { OPENED_BIDS } from '../bids/sealed-bid-gate';
import { PanelRequest } from './panel-request.entity';
import type { PanelOutcome, PanelRequestKind, PanelRequestStatus } from './panel-requests';
import { effectiveStatusInSql } from '../competitions/requirement-lifecycle';

export interface PanelRequestItem {
  id: string;
  requirementId: string;
  title: string;
  agency: string;
  kind: PanelRequestKind;
  excessPence: number;
  status: PanelRequestStatus;
  rationale: string | null;
}

export interface AttendeeView {
  id: string;
  fullName: string;
  profession: PanelMember['profession'];
  agencyId: string;
  agencyName: string;
}

/** Panel meetings: attendees and the quorum, the agenda, minutes and the learning log. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly panel: PanelService,
    private readonly audit: AuditService,
  ) {}

  /** The partnership's active members: who can attend a new meeting. */
  async members(member: PanelMember, manager: EntityManager = this.dataSource.manager): Promise<AttendeeView[]> {
    return this.memberViews(manager, 'm.partnership_id = $1 AND m.active', [member.partnershipId]);
  }

  private memberViews(manager: EntityManager, where: string, params: unknown[]): Promise<AttendeeView[]> {
    return manager.query(
      `SELECT m.id, u.full_name AS "fullName", m.profession, m.agency_id AS "agencyId", a.name AS "agencyName"
         FROM panel_members m JOIN users u ON u.id = m.user_id JOIN agencies a ON a.id = m.agency_id
        WHERE ${where} ORDER BY u.full_name`,
      params,
    );
  }

  private async ruleOf(manager: EntityManager, partnershipId: string): Promise<QuorumRule> {
    return quorumRuleOf(await manager.findOneByOrFail(Partnership, { id: partnershipId }));
  }

  /**
   * A meeting's attendees, including any who have since stood down, and why
   * the meeting as a whole is not quorate (empty when it is). Each decision
   * is judged by quorumForRequirement, without the conflicted attendees.
   */
  async quorumOf(manager: EntityManager, meeting: PanelMeeting): Promise<{ attendees: AttendeeView[]; problems: string[] }> {
    const [rule, attendees] = await Promise.all([
      this.ruleOf(manager, meeting.partnershipId),
      this.memberViews(manager, 'm.id = ANY($1)', [meeting.attendeeMemberIds]),
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
      this.memberViews(manager, 'm.id = ANY($1)', [meeting.attendeeMemberIds]),
      this.conflictedMembers(manager, [requirementId], meeting.attendeeMemberIds),
    ]);
    return agendaItemQuorumProblems(rule, attendees, conflicted.get(requirementId) ?? []);
  }

  /** For each requirement, the given members who declared a conflict of interest on it. */
  private async conflictedMembers(manager: EntityManager, requirementIds: string[], memberIds: string[]): Promise<Map<string, string[]>> {
    if (requirementIds.length === 0 || memberIds.length === 0) return new Map();
    const rows: Array<{ requirement_id: string; members: string[] }> = await manager.query(
      `SELECT d.requirement_id, array_agg(DISTINCT m.id) AS members FROM conflict_declarations d JOIN panel_members m ON m.user_id = d.user_id
        WHERE d.conflicted AND d.requirement_id = ANY($1) AND m.id = ANY($2) GROUP BY d.requirement_id`,
      [requirementIds, memberIds],
    );
    return new Map(rows.map((row) => [row.requirement_id, row.members]));
  }

  /** The partnership's latest meetings, each marked quorate or not, and who can attend a new one. */
  async list(user: SignedInUser) {
    const member = await this.panel.member(user);
    const manager = this.dataSource.manager;
    const [meetings, members, everyone, rule] = await Promise.all([
      manager.find(PanelMeeting, { where: { partnershipId: member.partnershipId }, order: { meetingDate: 'DESC' }, take: 100 }),
      this.members(member),
      // Past meetings are judged on who attended then, including members who have since stood down.
      this.memberViews(manager, 'm.partnership_id = $1', [member.partnershipId]),
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
      manager.find(PanelMeeting, { where: { partnershipId: member.partnershipId }, order: { meetingDate: 'DESC' }, take: 100 }),
      this.memberViews(manager, 'm.partnership_id = $1', [member.partnershipId]),
      this.ruleOf(manager, member.partnershipId),
    ]);
    const conflicted =
      (
        await this.conflictedMembers(
          manager,
          [requirementId],
          everyone.map((attendee) => attendee.id),
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
      const meeting = await manager.save(PanelMeeting, {
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
    const meeting = await manager.findOneBy(PanelMeeting, { id });
    if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
    const [quorum, learning, agenda, decisions, fundingRequests, qualityReviews] = await Promise.all([
      this.quorumOf(manager, meeting),
      manager.find(LearningLogEntry, { where: { meetingId: id }, order: { createdAt: 'ASC' } }),
      manager.query(
        `SELECT r.id, r.title, r.status, r.purchase_type, r.agency_funded_pence, ag.name AS agency
           FROM requirements r JOIN agencies ag ON ag.id = r.agency_id AND ag.partnership_id = $1
          WHERE ${effectiveStatusInSql('r', ['closed', 'evaluating'])}
          ORDER BY r.bid_deadline`,
        [member.partnershipId],
      ) as Promise<Array<{ id: string; title: string; status: string; purchase_type: string; agency_funded_pence: number; agency: string }>>,
      manager.query(
        `SELECT a.outcome, a.rationale, a.status, r.id AS "requirementId", r.title, p.name AS "providerName"
           FROM awards a JOIN requirements r ON r.id = a.requirement_id
           LEFT JOIN ${OPENED_BIDS} b ON b.bid_id = a.bid_id LEFT JOIN provider_organisations p ON p.id = b.provider_id
          WHERE a.meeting_id = $1 ORDER BY a.decided_at`,
        [id],
      ),
      // Funding requests above the fair access limit, still waiting for the ASGSF decision.
      manager.query(
        `SELECT f.child_reference AS "childReference", f.asgsf_reference AS "asgsfReference", f.excess_pence AS "excessPence", ag.name AS agency, f.contract_id AS "contractId"
           FROM funding_records f JOIN agencies ag ON ag.id = f.agency_id AND ag.partnership_id = $1
          WHERE f.excess_pence > 0 AND f.status = 'submitted' ORDER BY f.created_at`,
        [member.partnershipId],
      ) as Promise<Array<{ childReference: string; asgsfReference: string; excessPence: number; agency: string; contractId: string }>>,
      // Quality reviews: providers whose work for the partnership ended in the three months before the meeting.
      manager.query(
        `SELECT p.id AS "providerId", p.name, count(*)::int AS ended, count(*) FILTER (WHERE c.status = 'ended_early')::int AS "endedEarly"
           FROM contracts c JOIN agencies ag ON ag.id = c.agency_id AND ag.partnership_id = $1 JOIN provider_organisations p ON p.id = c.provider_id
          WHERE c.ended_on BETWEEN $2::date - interval '3 months' AND $2::date
          GROUP BY p.id, p.name ORDER BY p.name`,
        [member.partnershipId, meeting.meetingDate],
      ) as Promise<Array<{ providerId: string; name: string; ended: number; endedEarly: number }>>,
    ]);
    // Each competition on the agenda is judged on the attendees without a conflict on it.
    const [rule, conflicted] = await Promise.all([
      this.ruleOf(manager, meeting.partnershipId),
      this.conflictedMembers(
        manager,
        agenda.map((item) => item.id),
        meeting.attendeeMemberIds,
      ),
    ]);
    const agendaItems = agenda.map((item) => ({ ...item, quorumProblems: agendaItemQuorumProblems(rule, quorum.attendees, conflicted.get(item.id) ?? []) }));
    // Requests to decide before publishing (issue 19): waiting or deferred ones, and those this meeting decided.
    const requests = await this.panelRequests(manager, member.partnershipId, `(p.status IN ('pending', 'deferred') OR p.meeting_id = $2)`, [id]);
    const requestConflicts = await this.conflictedMembers(
      manager,
      requests.map((item) => item.requirementId),
      meeting.attendeeMemberIds,
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

  private panelRequests(manager: EntityManager, partnershipId: string, where: string, params: unknown[]): Promise<PanelRequestItem[]> {
    return manager.query(
      `SELECT p.id, p.requirement_id AS "requirementId", r.title, ag.name AS agency, p.kind, p.excess_pence AS "excessPence", p.status, p.rationale
         FROM panel_requests p JOIN requirements r ON r.id = p.requirement_id JOIN agencies ag ON ag.id = p.agency_id
        WHERE p.partnership_id = $1 AND ${where} ORDER BY p.requested_at`,
      [partnershipId, ...params],
    );
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
      const meeting = await manager.findOneBy(PanelMeeting, { id: meetingId });
      if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
      const request = await manager.findOne(PanelRequest, {
        where: { id: requestId, partnershipId: member.partnershipId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw new NotFoundException();
      if (meeting.chairMemberId !== member.id) throw new ForbiddenException('Only the meeting’s chair records its decisions');
      if (request.status !== 'pending' && request.status !== 'deferred') throw new ConflictException('The panel has already decided this request');
      const notHeld = decisionMeetingDateProblem(meeting.meetingDate, this.clock.today());
      if (notHeld) throw new ConflictException(notHeld);
      const problems = await this.quorumForRequirement(manager, meeting, request.requirementId);
      if (problems.length) throw new ConflictException(`This meeting is not quorate for this request, so it cannot decide it. ${problems.join('. ')}`);
      await manager.update(PanelRequest, requestId, {
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
      await manager.update(PanelMeeting, id, { minutes });
      return { length: minutes.length };
    });
  }

  async addLearning(user: SignedInUser, id: string, entry: { theme: string; learned: string; action: string; owner: string }): Promise<void> {
    await this.change(user, id, 'meeting.learning_logged', async (manager) => {
      const saved = await manager.save(LearningLogEntry, { ...entry, meetingId: id });
      return { entryId: saved.id, theme: entry.theme };
    });
  }

  /** Only the meeting's chair changes its record. */
  private async change(user: SignedInUser, id: string, action: string, work: (manager: EntityManager) => Promise<Record<string, unknown>>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const member = await this.panel.member(user, manager);
      const meeting = await manager.findOne(PanelMeeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!meeting || meeting.partnershipId !== member.partnershipId) throw new NotFoundException();
      if (meeting.chairMemberId !== member.id) throw new ForbiddenException('Only the meeting’s chair can change its record');
      const after = await work(manager);
      await this.audit.record(manager, { action, entityType: 'panel_meeting', entityId: id, after });
    });
  }

  /** The learning log across the partnership's meetings, for the CSV export. */
  async learningLog(user: SignedInUser): Promise<Array<LearningLogEntry & { meetingDate: string }>> {
    const member = await this.panel.member(user);
    const meetings = await this.dataSource.manager.find(PanelMeeting, {
      where: { partnershipId: member.partnershipId },
      select: { id: true, meetingDate: true },
    });
    const dates = new Map(meetings.map((meeting) => [meeting.id, meeting.meetingDate]));
    const entries = meetings.length
      ? await this.dataSource.manager.find(LearningLogEntry, { where: { meetingId: In(meetings.map((meeting) => meeting.id)) }, order: { createdAt: 'ASC' } })
      : [];
    return entries.map((entry) => ({ ...entry, meetingDate: dates.get(entry.meetingId)! }));
  }
}

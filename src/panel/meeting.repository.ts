import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Partnership } from '../agencies/partnership.entity';
import { OPENED_BIDS } from '../bids/sealed-bid-gate';
import { LearningLogEntry, PanelMeeting } from './panel.entities';

/** A decision the meeting made on a requirement, with the winning provider if any. */
export interface MeetingDecisionRow {
  outcome: string;
  rationale: string;
  status: string;
  requirementId: string;
  title: string;
  providerName: string | null;
}

/** A funding request above the fair access limit, waiting for the ASGSF decision. */
export interface WaitingFundingRequest {
  childReference: string;
  asgsfReference: string;
  excessPence: number;
  agency: string;
  contractId: string;
}

/** A provider whose work for the partnership ended shortly before the meeting. */
export interface QualityReviewRow {
  providerId: string;
  name: string;
  ended: number;
  endedEarly: number;
}

/** A new meeting. */
export interface NewMeeting {
  partnershipId: string;
  meetingDate: string;
  chairMemberId: string;
  attendeeMemberIds: string[];
}

/** A learning log entry. */
export interface NewLearningEntry {
  meetingId: string;
  theme: string;
  learned: string;
  action: string;
  owner: string;
}

/** The panel's meetings (panel_meetings, learning_log_entries), and what a meeting's page reads about the partnership's work. */
@Injectable()
export class MeetingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partnership's latest 100 meetings, latest first. */
  latestFor(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMeeting[]> {
    return manager.find(PanelMeeting, { where: { partnershipId }, order: { meetingDate: 'DESC' }, take: 100 });
  }

  /** The meeting, or null. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PanelMeeting | null> {
    return manager.findOneBy(PanelMeeting, { id });
  }

  /** The meeting, locked for a change; null if there is none. */
  lockById(manager: EntityManager, id: string): Promise<PanelMeeting | null> {
    return manager.findOne(PanelMeeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The partnership, whose quorum rule the meetings are judged by. */
  partnership(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Partnership> {
    return manager.findOneByOrFail(Partnership, { id: partnershipId });
  }

  /** The meeting's learning log, oldest first. */
  learningFor(meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<LearningLogEntry[]> {
    return manager.find(LearningLogEntry, { where: { meetingId }, order: { createdAt: 'ASC' } });
  }

  /** The learning log across the partnership's meetings, oldest first, each entry with its meeting's date. */
  async learningLogFor(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<Array<LearningLogEntry & { meetingDate: string }>> {
    const meetings = await manager.find(PanelMeeting, { where: { partnershipId }, select: { id: true, meetingDate: true } });
    const dates = new Map(meetings.map((meeting) => [meeting.id, meeting.meetingDate]));
    const entries = meetings.length
      ? await manager.find(LearningLogEntry, { where: { meetingId: In(meetings.map((meeting) => meeting.id)) }, order: { createdAt: 'ASC' } })
      : [];
    return entries.map((entry) => ({ ...entry, meetingDate: dates.get(entry.meetingId)! }));
  }

  /** The decisions the meeting made, in the order made; the provider comes only from an opened bid. */
  decisionsAt(meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingDecisionRow[]> {
    return manager.query(
      `SELECT a.outcome, a.rationale, a.status, r.id AS "requirementId", r.title, p.name AS "providerName"
         FROM awards a JOIN requirements r ON r.id = a.requirement_id
         LEFT JOIN ${OPENED_BIDS} b ON b.bid_id = a.bid_id LEFT JOIN provider_organisations p ON p.id = b.provider_id
        WHERE a.meeting_id = $1 ORDER BY a.decided_at`,
      [meetingId],
    );
  }

  /** The partnership's funding requests above the fair access limit still waiting for the ASGSF decision, oldest first. */
  waitingFundingRequests(partnershipId: string, manager: EntityManager = this.dataSource.manager): Promise<WaitingFundingRequest[]> {
    return manager.query(
      `SELECT f.child_reference AS "childReference", f.asgsf_reference AS "asgsfReference", f.excess_pence AS "excessPence", ag.name AS agency, f.contract_id AS "contractId"
         FROM funding_records f JOIN agencies ag ON ag.id = f.agency_id AND ag.partnership_id = $1
        WHERE f.excess_pence > 0 AND f.status = 'submitted' ORDER BY f.created_at`,
      [partnershipId],
    );
  }

  /** Providers whose contracts with the partnership ended in the three months up to the date, by name. */
  qualityReviewsBefore(partnershipId: string, meetingDate: string, manager: EntityManager = this.dataSource.manager): Promise<QualityReviewRow[]> {
    return manager.query(
      `SELECT p.id AS "providerId", p.name, count(*)::int AS ended, count(*) FILTER (WHERE c.status = 'ended_early')::int AS "endedEarly"
         FROM contracts c JOIN agencies ag ON ag.id = c.agency_id AND ag.partnership_id = $1 JOIN provider_organisations p ON p.id = c.provider_id
        WHERE c.ended_on BETWEEN $2::date - interval '3 months' AND $2::date
        GROUP BY p.id, p.name ORDER BY p.name`,
      [partnershipId, meetingDate],
    );
  }

  /** Records a new meeting. */
  createMeeting(manager: EntityManager, meeting: NewMeeting): Promise<PanelMeeting> {
    return manager.save(PanelMeeting, meeting);
  }

  /** Replaces the meeting's minutes. */
  async setMinutes(manager: EntityManager, meetingId: string, minutes: string): Promise<void> {
    await manager.update(PanelMeeting, meetingId, { minutes });
  }

  /** Adds an entry to the meeting's learning log. */
  addLearning(manager: EntityManager, entry: NewLearningEntry): Promise<LearningLogEntry> {
    return manager.save(LearningLogEntry, entry);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PanelRequest } from './panel-request.entity';
import type { PanelOutcome, PanelRequestKind, PanelRequestStatus } from './panel-requests';

/** A request for the panel to decide, as a meeting's agenda lists it. */
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

/** The panel's decision on a request. */
export interface PanelRequestDecision {
  status: PanelOutcome;
  rationale: string;
  meetingId: string;
  decidedByUserId: string;
  decidedAt: Date;
}

/** Requests for the panel to decide before a requirement is published (panel_requests, issue 19). */
@Injectable()
export class PanelRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partnership's requests still waiting (pending or deferred) or decided at the meeting, oldest first. */
  waitingOrDecidedAt(partnershipId: string, meetingId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelRequestItem[]> {
    return manager.query(
      `SELECT p.id, p.requirement_id AS "requirementId", r.title, ag.name AS agency, p.kind, p.excess_pence AS "excessPence", p.status, p.rationale
         FROM panel_requests p JOIN requirements r ON r.id = p.requirement_id JOIN agencies ag ON ag.id = p.agency_id
        WHERE p.partnership_id = $1 AND (p.status IN ('pending', 'deferred') OR p.meeting_id = $2) ORDER BY p.requested_at`,
      [partnershipId, meetingId],
    );
  }

  /** The partnership's request, locked for the decision; null if there is none. */
  lockForPartnership(manager: EntityManager, id: string, partnershipId: string): Promise<PanelRequest | null> {
    return manager.findOne(PanelRequest, { where: { id, partnershipId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Records the panel's decision on the request. */
  async recordDecision(manager: EntityManager, id: string, decision: PanelRequestDecision): Promise<void> {
    await manager.update(PanelRequest, id, decision);
  }
}

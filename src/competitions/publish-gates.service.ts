import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import type { FairAccessResult } from '../funding/funding-rules';
import { panelDecisionsNeeded } from '../panel/panel-requests';
import { ApprovalEvent, approvalState, PanelRequestSummary, publishBlockers, publishGates } from './publish-blockers';
import type { Requirement } from './requirement.entity';

/** Microsecond UTC text, so the database's timestamps compare exactly as strings. */
const micros = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/** Reads what a draft requirement waits for before it can be published: approval and panel decisions. */
@Injectable()
export class PublishGatesService {
  async gates(manager: EntityManager, requirement: Requirement, fairAccess: FairAccessResult | null) {
    const [agency, events, [edited], requests] = await Promise.all([
      manager.findOneByOrFail(Agency, { id: requirement.agencyId }),
      manager.query(
        `SELECT e.kind, ${micros('e.created_at')} AS at, u.full_name AS "byName", e.comments
           FROM requirement_approval_events e JOIN users u ON u.id = e.user_id
          WHERE e.requirement_id = $1 ORDER BY e.created_at, e.id`,
        [requirement.id],
      ) as Promise<ApprovalEvent[]>,
      // The case details are edited separately; either counts as an edit.
      manager.query(
        `SELECT ${micros('greatest(r.updated_at, c.updated_at)')} AS at FROM requirements r LEFT JOIN requirement_case_details c ON c.requirement_id = r.id WHERE r.id = $1`,
        [requirement.id],
      ) as Promise<Array<{ at: string }>>,
      manager.query(
        `SELECT p.kind, p.status, p.excess_pence AS "excessPence", p.rationale, m.meeting_date::text AS "meetingDate"
           FROM panel_requests p LEFT JOIN panel_meetings m ON m.id = p.meeting_id
          WHERE p.requirement_id = $1 ORDER BY p.requested_at, p.id`,
        [requirement.id],
      ) as Promise<PanelRequestSummary[]>,
    ]);
    const approval = approvalState(agency.publishApprovalRequired, events, edited.at);
    const panelNeeds = panelDecisionsNeeded(requirement, fairAccess);
    const gates = publishGates({ requirementId: requirement.id, approval, panelNeeds, panelRequests: requests });
    return { approval, panelNeeds, gates, blockers: publishBlockers(gates), events };
  }
}

import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { bidsSealed } from '../bids/sealed-bid-gate';
import type { Requirement } from '../competitions/requirement.entity';
import { MeetingsService } from './meetings.service';
import type { ModeratedScore, PanelMember } from './panel.entities';
import { PanelBid, PanelService } from './panel.service';
import type { RankedBid } from './scoring-rules';
import { MemberScore, ScoreRepository } from './score.repository';

export interface PackCompetition {
  requirement: Requirement;
  bids: PanelBid[];
  ranked: Map<string, RankedBid>;
  moderated: ModeratedScore[];
  memberScores: MemberScore[];
  complete: boolean;
}

/**
 * Issue 22: the panel pack for a meeting, and the CSV of a requirement's
 * bids. Bid content comes only through the sealed-bid gate (the
 * `opened_bids` view, after the deadline by the database's clock), and only
 * to a member of the partnership who has declared no conflict (BR-9).
 */
@Injectable()
export class PanelPackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly panel: PanelService,
    private readonly meetings: MeetingsService,
    private readonly scores: ScoreRepository,
  ) {}

  /** The meeting's agenda, with each competition's bids, scores and moderation where the member may read them. */
  async pack(user: SignedInUser, meetingId: string) {
    const detail = await this.meetings.detail(user, meetingId);
    const manager = this.dataSource.manager;
    // The competitions waiting for the panel, and those this meeting decided.
    const decided = detail.decisions
      .filter((decision) => !detail.agenda.some((item) => item.id === decision.requirementId))
      .map((decision) => ({ id: decision.requirementId, title: decision.title, agency: '', decision }));
    const items = [...detail.agenda.map((item) => ({ id: item.id, title: item.title, agency: item.agency, decision: null })), ...decided];
    const competitions = [];
    for (const item of items) {
      // One after another: the checks and reads share the connection pool with everyone else.
      const refusal = await this.refusal(detail.member, item.id, manager);
      competitions.push({ item, refusal, competition: refusal ? null : await this.competition(detail.member, item.id, manager) });
    }
    return { ...detail, competitions };
  }

  /** Every bid on the requirement, after its deadline, for a member who may read them. */
  async bidsForCsv(user: SignedInUser, requirementId: string): Promise<PackCompetition> {
    const member = await this.panel.member(user);
    const manager = this.dataSource.manager;
    await this.panel.requirement(member, requirementId, manager);
    await this.panel.assertMayReadBids(member, requirementId, manager);
    return this.competition(member, requirementId, manager);
  }

  /** Why the member cannot see this item's bids in the pack, or null. */
  private async refusal(member: PanelMember, requirementId: string, manager: EntityManager): Promise<string | null> {
    if (await bidsSealed(manager, requirementId)) return 'Bids are sealed until the deadline.';
    try {
      await this.panel.assertMayReadBids(member, requirementId, manager);
      return null;
    } catch (error) {
      if (error instanceof ConflictException || error instanceof ForbiddenException) return error.message;
      throw error;
    }
  }

  private async competition(member: PanelMember, requirementId: string, manager: EntityManager): Promise<PackCompetition> {
    const requirement = await this.panel.requirement(member, requirementId, manager);
    const { bids, moderated, ranking } = await this.panel.rankedBids(manager, requirement);
    const memberScores = await this.scores.submittedScores(requirementId, manager);
    return { requirement, bids, ranked: new Map(ranking.bids.map((bid) => [bid.bidId, bid])), moderated, memberScores, complete: ranking.complete };
  }
}

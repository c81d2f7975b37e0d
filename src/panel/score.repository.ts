import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ModeratedScore, PanelScore, PriceReview, ScoreSubmission } from './panel.entities';

/** A submitted score of one member on one bid and criterion, with the member's name. */
export interface MemberScore {
  bidId: string;
  criterionIndex: number;
  score: number;
  memberName: string;
}

/** Another member's submitted score, with their comment. */
export interface OtherMemberScore extends MemberScore {
  comment: string;
}

/** One member's score on one bid and criterion. */
export interface ScoreEntry {
  requirementId: string;
  bidId: string;
  panelMemberId: string;
  criterionIndex: number;
  score: number;
  comment: string;
}

/** The chair's moderated score on one bid and criterion. */
export interface ModeratedEntry {
  requirementId: string;
  bidId: string;
  criterionIndex: number;
  score: number;
  rationale: string;
  moderatedByUserId: string;
}

/** The panel's view of a bid's abnormally low price. */
export interface PriceReviewEntry {
  requirementId: string;
  bidId: string;
  decision: 'accepted' | 'rejected';
  reason: string;
  reviewedByUserId: string;
}

/**
 * The panel's judgement of a requirement's bids: members' scores and their
 * submissions, the chair's moderated scores and price reviews. Scores of a
 * member who has declared a conflict on the requirement are never read back (BR-9).
 */
@Injectable()
export class ScoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The member's own scores on the requirement. */
  findMemberScores(requirementId: string, panelMemberId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelScore[]> {
    return manager.find(PanelScore, { where: { requirementId, panelMemberId } });
  }

  /** The member's submission of their scores, if made. */
  findSubmission(requirementId: string, panelMemberId: string, manager: EntityManager = this.dataSource.manager): Promise<ScoreSubmission | null> {
    return manager.findOneBy(ScoreSubmission, { requirementId, panelMemberId });
  }

  /** Whether the member has submitted their scores. */
  hasSubmitted(requirementId: string, panelMemberId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(ScoreSubmission, { requirementId, panelMemberId });
  }

  /** How many members have submitted their scores on the requirement. */
  countSubmissions(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.count(ScoreSubmission, { where: { requirementId } });
  }

  /** Every submitted score on the requirement, without those of members conflicted on it, by member name. */
  submittedScores(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberScore[]> {
    return manager.query(
      `SELECT s.bid_id AS "bidId", s.criterion_index AS "criterionIndex", s.score, u.full_name AS "memberName"
         FROM panel_scores s JOIN score_submissions sub ON sub.requirement_id = s.requirement_id AND sub.panel_member_id = s.panel_member_id
         JOIN panel_members m ON m.id = s.panel_member_id JOIN users u ON u.id = m.user_id
        WHERE s.requirement_id = $1
          -- A member who has since declared a conflict: their scores are left out (BR-9).
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = s.requirement_id AND d.user_id = m.user_id AND d.conflicted)
        ORDER BY u.full_name`,
      [requirementId],
    );
  }

  /** The other members' submitted scores and comments, without those conflicted on the requirement, by member name. */
  othersSubmittedScores(requirementId: string, panelMemberId: string, manager: EntityManager = this.dataSource.manager): Promise<OtherMemberScore[]> {
    return manager.query(
      `SELECT s.bid_id AS "bidId", s.criterion_index AS "criterionIndex", s.score, s.comment, u.full_name AS "memberName"
         FROM panel_scores s JOIN score_submissions sub ON sub.requirement_id = s.requirement_id AND sub.panel_member_id = s.panel_member_id
         JOIN panel_members m ON m.id = s.panel_member_id JOIN users u ON u.id = m.user_id
        WHERE s.requirement_id = $1 AND s.panel_member_id <> $2
          AND NOT EXISTS (SELECT 1 FROM conflict_declarations d WHERE d.requirement_id = s.requirement_id AND d.user_id = m.user_id AND d.conflicted)
        ORDER BY u.full_name`,
      [requirementId, panelMemberId],
    );
  }

  /** The chair's moderated scores on the requirement. */
  findModerated(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<ModeratedScore[]> {
    return manager.find(ModeratedScore, { where: { requirementId } });
  }

  /** The panel's price reviews on the requirement. */
  findPriceReviews(requirementId: string, manager: EntityManager = this.dataSource.manager): Promise<PriceReview[]> {
    return manager.find(PriceReview, { where: { requirementId } });
  }

  /** Records or replaces the member's score on one bid and criterion. */
  async saveMemberScore(manager: EntityManager, entry: ScoreEntry): Promise<void> {
    await manager.upsert(PanelScore, entry, ['bidId', 'panelMemberId', 'criterionIndex']);
  }

  /** Makes the member's scores final. */
  async recordSubmission(manager: EntityManager, requirementId: string, panelMemberId: string): Promise<void> {
    await manager.insert(ScoreSubmission, { requirementId, panelMemberId });
  }

  /** Records or replaces the moderated score on one bid and criterion. */
  async saveModeratedScore(manager: EntityManager, entry: ModeratedEntry): Promise<void> {
    await manager.upsert(ModeratedScore, entry, ['bidId', 'criterionIndex']);
  }

  /** Records or replaces the panel's view of a bid's price. */
  async savePriceReview(manager: EntityManager, review: PriceReviewEntry): Promise<void> {
    await manager.upsert(PriceReview, review, ['bidId']);
  }
}

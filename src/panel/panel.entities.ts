import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Partnership } from '../agencies/partnership.entity';
import { Bid } from '../bids/bid.entity';
import { Requirement } from '../competitions/requirement.entity';
import { User } from '../users/user.entity';
import type { Profession } from './quorum';

/** A member of a partnership's Multi-Agency Resource Panel, with the profession the quorum rule counts. */
@Entity('panel_members')
@Index('uq_panel_members_user', ['userId'], { unique: true })
@Index('ix_panel_members_partnership', ['partnershipId'])
@Check('ck_panel_members_profession', `profession IN ('clinical_psychologist', 'educational_psychologist', 'social_work_manager', 'other')`)
export class PanelMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_panel_members' })
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_panel_members_user' })
  user?: User;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_panel_members_partnership' })
  partnership?: Partnership;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_panel_members_agency' })
  agency?: Agency;

  @Column('text')
  profession: Profession;

  /** Chairs moderate scores and run meetings. */
  @Column('boolean', { default: false })
  isChair: boolean;

  /** Acts as chair on a requirement where no chair can: every chair is conflicted on it or has not declared (BR-9). */
  @Column('boolean', { default: false })
  isAlternateChair: boolean;

  @Column('boolean', { default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One member's score for one bid on one quality criterion, with a comment. */
@Entity('panel_scores')
@Index('uq_panel_scores', ['bidId', 'panelMemberId', 'criterionIndex'], { unique: true })
@Index('ix_panel_scores_requirement', ['requirementId', 'panelMemberId'])
@Check('ck_panel_scores_score', `score >= 0 AND criterion_index >= 0`)
export class PanelScore {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_panel_scores' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_panel_scores_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_panel_scores_bid' })
  bid?: Bid;

  @Column('uuid')
  panelMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'panel_member_id', foreignKeyConstraintName: 'fk_panel_scores_member' })
  panelMember?: PanelMember;

  @Column('integer')
  criterionIndex: number;

  @Column('integer')
  score: number;

  @Column('text')
  comment: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A member's scores for a requirement, submitted: final, and the key to seeing the others' (they cannot be changed afterwards). */
@Entity('score_submissions')
export class ScoreSubmission {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_score_submissions' })
  requirementId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'pk_score_submissions' })
  panelMemberId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_score_submissions_requirement' })
  requirement?: Requirement;

  @ManyToOne(() => PanelMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'panel_member_id', foreignKeyConstraintName: 'fk_score_submissions_member' })
  panelMember?: PanelMember;

  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;
}

/** The panel's agreed score for a bid on a criterion, with the rationale (price is never moderated: BR-8). */
@Entity('moderated_scores')
@Index('uq_moderated_scores', ['bidId', 'criterionIndex'], { unique: true })
@Index('ix_moderated_scores_requirement', ['requirementId'])
@Check('ck_moderated_scores_score', `score >= 0 AND criterion_index >= 0`)
export class ModeratedScore {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_moderated_scores' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_moderated_scores_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_moderated_scores_bid' })
  bid?: Bid;

  @Column('integer')
  criterionIndex: number;

  @Column('integer')
  score: number;

  @Column('text')
  rationale: string;

  @Column('uuid')
  moderatedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moderated_by_user_id', foreignKeyConstraintName: 'fk_moderated_scores_moderated_by' })
  moderatedBy?: User;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The panel's view of a price flagged as abnormally low (more than
 * ABNORMALLY_LOW_PERCENT under the median of the compliant bids): accepted
 * with the provider's explanation, or rejected, so the bid is not ranked.
 */
@Entity('price_reviews')
@Index('uq_price_reviews_bid', ['bidId'], { unique: true })
@Index('ix_price_reviews_requirement', ['requirementId'])
@Check('ck_price_reviews_decision', `decision IN ('accepted', 'rejected')`)
export class PriceReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_price_reviews' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_price_reviews_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id', foreignKeyConstraintName: 'fk_price_reviews_bid' })
  bid?: Bid;

  @Column('text')
  decision: 'accepted' | 'rejected';

  @Column('text')
  reason: string;

  @Column('uuid')
  reviewedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by_user_id', foreignKeyConstraintName: 'fk_price_reviews_reviewed_by' })
  reviewedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt: Date;
}

/** A meeting of the resource panel: its decisions count only if the attendees make a quorum. */
@Entity('panel_meetings')
@Index('ix_panel_meetings_partnership', ['partnershipId', 'meetingDate'])
export class PanelMeeting {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_panel_meetings' })
  id: string;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_panel_meetings_partnership' })
  partnership?: Partnership;

  @Column('date')
  meetingDate: string;

  @Column('uuid')
  chairMemberId: string;

  @ManyToOne(() => PanelMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_member_id', foreignKeyConstraintName: 'fk_panel_meetings_chair' })
  chair?: PanelMember;

  @Column('uuid', { array: true, default: () => "'{}'" })
  attendeeMemberIds: string[];

  @Column('text', { default: '' })
  minutes: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** What the panel learned at a meeting, and who will act on it. */
@Entity('learning_log_entries')
@Index('ix_learning_log_entries_meeting', ['meetingId'])
export class LearningLogEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_learning_log_entries' })
  id: string;

  @Column('uuid')
  meetingId: string;

  @ManyToOne(() => PanelMeeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_learning_log_entries_meeting' })
  meeting?: PanelMeeting;

  @Column('text')
  theme: string;

  @Column('text')
  learned: string;

  @Column('text')
  action: string;

  @Column('text')
  owner: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Partnership } from '../agencies/partnership.entity';
import { Requirement } from '../competitions/requirement.entity';
import { User } from '../users/user.entity';
import { PanelMeeting } from './panel.entities';
import type { PanelRequestKind, PanelRequestStatus } from './panel-requests';

/**
 * A request for the panel to decide before a requirement is published: a
 * block purchase, or agency funding above the fair access limit. It is an
 * agenda item until a quorate meeting approves or declines it; deferred
 * keeps it on the agenda.
 */
@Entity('panel_requests')
@Index('ix_panel_requests_partnership_status', ['partnershipId', 'status'])
@Index('ix_panel_requests_requirement', ['requirementId', 'requestedAt'])
@Check('ck_panel_requests_kind', `kind IN ('block_purchase', 'excess_funding')`)
@Check('ck_panel_requests_status', `status IN ('pending', 'approved', 'declined', 'deferred')`)
@Check('ck_panel_requests_excess', `excess_pence >= 0`)
@Check('ck_panel_requests_decided', `status = 'pending' OR (meeting_id IS NOT NULL AND rationale IS NOT NULL AND decided_at IS NOT NULL)`)
export class PanelRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_panel_requests' })
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_panel_requests_requirement' })
  requirement?: Requirement;

  @Column('uuid')
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partnership_id', foreignKeyConstraintName: 'fk_panel_requests_partnership' })
  partnership?: Partnership;

  @Column('uuid')
  agencyId: string;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'fk_panel_requests_agency' })
  agency?: Agency;

  @Column('text')
  kind: PanelRequestKind;

  /** For excess funding, the amount above the limit the panel is asked to approve; 0 for a block purchase. */
  @Column('integer', { default: 0 })
  excessPence: number;

  @Column('text', { default: 'pending' })
  status: PanelRequestStatus;

  @Column('uuid')
  requestedByUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_user_id', foreignKeyConstraintName: 'fk_panel_requests_requested_by' })
  requestedBy?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  /** The meeting of the latest decision. */
  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @ManyToOne(() => PanelMeeting, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_panel_requests_meeting' })
  meeting?: PanelMeeting;

  @Column('text', { nullable: true })
  rationale: string | null;

  @Column('uuid', { nullable: true })
  decidedByUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by_user_id', foreignKeyConstraintName: 'fk_panel_requests_decided_by' })
  decidedBy?: User;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}

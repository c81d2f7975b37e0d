import { Injectable } from '@nestjs/common';
import { DBS_VALID_YEARS } from '../applications/application-rules';
import { DOCUMENT_TYPE_LABELS } from '../documents/document-rules';
import { DataSource } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { partnershipIdOf } from '../common/auth/partnership';
import type { SignedInUser } from '../common/auth/signed-in-user';
import { TherapyTypesService } from '../frameworks/therapy-types.service';
import { NotificationsService } from '../notifications/notifications.service';
import { ProvidersService } from '../providers/providers.service';
import { openInvitations } from '../bids/bids.service';

/** Gathers what each role's dashboard shows. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly therapyTypes: TherapyTypesService,
    private readonly providers: ProvidersService,
    private readonly notifications: NotificationsService,
  ) {}

  async provider(user: SignedInUser) {
    const providerId = user.providerId!;
    const [organisation, colleagues] = await Promise.all([this.providers.getOrganisation(providerId), this.providers.listColleagues(providerId)]);
    const memberships = await this.dataSource.query(
      `SELECT t.name AS lot_name, f.name AS framework_name, m.status, m.status_reason
         FROM memberships m JOIN therapy_types t ON t.id = m.therapy_type_id JOIN frameworks f ON f.id = m.framework_id
        WHERE m.provider_id = $1 AND m.status <> 'removed' ORDER BY f.name, t.sort_order`,
      [providerId],
    );
    const applications = await this.dataSource.query(
      `SELECT a.id, a.status, f.name AS framework_name FROM applications a JOIN frameworks f ON f.id = a.framework_id
        WHERE a.provider_id = $1 AND a.status <> 'decided' ORDER BY a.created_at DESC`,
      [providerId],
    );
    // Anything expiring in the next 30 days: the newest insurance of each type, registrations and DBS renewals.
    const expiring = await this.dataSource.query(
      `SELECT what, expires_on FROM (
         SELECT DISTINCT ON (type) type AS what, expires_on FROM compliance_documents
          WHERE provider_id = $1 AND expires_on IS NOT NULL ORDER BY type, uploaded_at DESC) documents
        WHERE expires_on <= current_date + 30
       UNION ALL
       SELECT full_name || '’s registration', registration_expires_on FROM practitioners WHERE provider_id = $1 AND registration_expires_on <= current_date + 30
       UNION ALL
       SELECT full_name || '’s enhanced DBS check', (dbs_issued_on + make_interval(years => $2))::date FROM practitioners WHERE provider_id = $1 AND dbs_issued_on + make_interval(years => $2) <= current_date + 30
       ORDER BY 2`,
      [providerId, DBS_VALID_YEARS],
    );
    const opportunities = await openInvitations(this.dataSource.manager, providerId);
    return {
      organisation,
      opportunitiesToBid: opportunities.toBid,
      colleagueCount: colleagues.length,
      isAdmin: user.isProviderAdmin,
      memberships: memberships.map((row: { status: string }) => ({ ...row, active: row.status === 'active' })),
      applications: applications.map((row: { status: string }) => ({ ...row, draft: row.status === 'draft', needsAnswer: row.status === 'clarification_requested' })),
      expiring: expiring.map((row: { what: string; expires_on: string }) => ({ what: (DOCUMENT_TYPE_LABELS as Record<string, string>)[row.what] ?? row.what, expiresOn: row.expires_on })),
      needsDetails: !organisation.detailsCompletedAt,
    };
  }

  async agencyStaff(user: SignedInUser) {
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'draft')::int AS drafts,
              count(*) FILTER (WHERE status = 'published' AND bid_deadline > now())::int AS open,
              count(*) FILTER (WHERE status = 'closed' OR (status = 'published' AND bid_deadline <= now()))::int AS closed,
              (SELECT count(*)::int FROM requirement_clarifications c JOIN requirements q ON q.id = c.requirement_id
                WHERE q.agency_id = $1 AND c.answered_at IS NULL AND q.status = 'published' AND q.bid_deadline > now()) AS unanswered
         FROM requirements WHERE agency_id = $1`,
      [user.agencyId],
    );
    return { agency: await this.agencies.findAgencyWithAreas(user.agencyId), requirements: counts };
  }

  /** The manager's own partnership: its agencies and the providers it deals with, never another partnership's. */
  async frameworkManager(user: SignedInUser) {
    const partnershipId = await partnershipIdOf(this.dataSource.manager, user);
    const [agencies, therapyTypes, providers] = await Promise.all([
      this.agencies.listAgenciesWithAreas(partnershipId),
      this.therapyTypes.listActive(),
      this.providers.listOrganisationsDealingWith(partnershipId),
    ]);
    return { agencies, therapyTypes, providers };
  }

  async admin() {
    return { outbox: await this.notifications.outboxState() };
  }
}

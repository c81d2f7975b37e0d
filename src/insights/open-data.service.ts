import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { publicationFields } from '../awards/award-rules';
import { londonDate } from '../common/calendar/working-days';
import { AppConfig } from '../config/app-config';
import { ROUTE_LABELS } from '../frameworks/procurement-routes';
import { type AwardRow, InsightsRepository } from './insights.repository';
import { AwardedProcess, FrameworkProcess, ocdsReleasePackage, PublishedNotice } from './ocds';

/**
 * Open data (BR-12): the OCDS release package and the contract details
 * notice fields. Only the columns named here are read: nothing from the
 * needs profile, case details or funding records can reach the output.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly clock: Clock,
    private readonly reads: InsightsRepository,
    private readonly config: AppConfig,
  ) {}

  /** Awards that stand (not withdrawn), for one partnership or, for the public file, all of them. */
  private async awardedProcesses(partnershipId: string | null, agencyId: string | null = null): Promise<AwardRow[]> {
    return this.reads.findStandingAwards(partnershipId, agencyId);
  }

  private toProcess(row: AwardRow): AwardedProcess {
    return {
      requirementId: row.requirement_id,
      method: row.method,
      therapy: row.therapy,
      purchaseType: row.purchase_type,
      publishedAt: row.published_at,
      bidDeadline: row.bid_deadline,
      numberOfTenderers: row.tenderers,
      framework: { id: row.framework_id, name: row.framework_name, route: row.route },
      buyer: { id: row.agency_id, name: row.agency_name },
      award: {
        id: row.award_id,
        decidedAt: row.decided_at,
        status: row.award_status,
        standstillEndsOn: row.standstill_ends_on,
        valuePence: Number(row.award_value),
      },
      supplier: { id: row.provider_id, name: row.provider_name, companiesHouseNumber: row.companies_house_number, charityNumber: row.charity_number },
      contract: row.contract_id
        ? {
            id: row.contract_id,
            status: row.contract_status!,
            startsOn: row.starts_on,
            endsOn: row.ends_on,
            valuePence: Number(row.contract_value),
            createdAt: row.contract_created_at!,
          }
        : null,
    };
  }

  /** Frameworks that have opened (drafts are not published), with their buyers and lots. */
  private async frameworks(partnershipId: string | null): Promise<FrameworkProcess[]> {
    const rows = await this.reads.findOpenedFrameworks(partnershipId);
    return rows.map(({ partnershipId: id, partnershipName: name, ...framework }) => ({ ...framework, partnership: { id, name } }));
  }

  /** Notices the commissioners have recorded as published: each is a release of its call-off. */
  private publishedNotices(partnershipId: string | null): Promise<PublishedNotice[]> {
    return this.reads.findPublishedNotices(partnershipId);
  }

  async releasePackage(partnershipId: string | null, packageUri: string) {
    const [rows, frameworks, notices] = await Promise.all([
      this.awardedProcesses(partnershipId),
      this.frameworks(partnershipId),
      this.publishedNotices(partnershipId),
    ]);
    return ocdsReleasePackage(
      rows.map((row) => this.toProcess(row)),
      { ocidPrefix: this.config.ocdsOcidPrefix, publisherName: 'Adoption Support Commissioning Portal', packageUri, publishedAt: this.clock.now() },
      frameworks,
      notices,
    );
  }

  /** One row per contract with the fields a UK contract details notice needs (BR-12). */
  async contractNotices(partnershipId: string, agencyId: string | null) {
    const rows = (await this.awardedProcesses(partnershipId, agencyId)).filter((row) => row.contract_id);
    // Whether a notice is due is the contract's own legal fact (issue 18), recorded as its notices.
    const withNotice = new Set(await this.reads.findContractsWithNotices(rows.map((row) => row.contract_id!)));
    return rows.map((row) => {
      const fields = publicationFields({
        title: `${row.therapy} (${row.purchase_type === 'spot' ? 'spot purchase' : 'block purchase'}) for ${row.agency_name}`,
        buyer: row.agency_name,
        supplier: row.provider_name,
        valuePence: Number(row.contract_value),
        awardedOn: londonDate(row.decided_at),
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        procedure: ROUTE_LABELS[row.route].name,
      });
      return {
        ...fields,
        contractDetailsNoticeRequired: withNotice.has(row.contract_id!),
        ocid: `${this.config.ocdsOcidPrefix}-${row.requirement_id}`,
        contractId: row.contract_id!,
        framework: row.framework_name,
        supplierCompanyNumber: row.companies_house_number,
        supplierCharityNumber: row.charity_number,
        tenderers: row.tenderers,
      };
    });
  }
}

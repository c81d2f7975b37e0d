import { Clock } from '../common/clock/clock';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { publicationFields } from '../awards/award-rules';
import { londonDate } from '../common/calendar/working-days';
import { AppConfig } from '../config/app-config';
import { ROUTE_LABELS } from '../frameworks/procurement-routes';
import { AwardedProcess, FrameworkProcess, ocdsReleasePackage, PublishedNotice } from './ocds';
import { OPENED_BIDS, submittedBidCount } from '../bids/sealed-bid-gate';

interface AwardRow {
  requirement_id: string;
  method: AwardedProcess['method'];
  therapy: string;
  purchase_type: 'spot' | 'block';
  published_at: Date;
  bid_deadline: Date;
  tenderers: number;
  framework_id: string;
  framework_name: string;
  route: AwardedProcess['framework']['route'];
  agency_id: string;
  agency_name: string;
  award_id: string;
  decided_at: Date;
  award_status: AwardedProcess['award']['status'];
  standstill_ends_on: string | null;
  award_value: number;
  provider_id: string;
  provider_name: string;
  companies_house_number: string | null;
  charity_number: string | null;
  contract_id: string | null;
  contract_status: string | null;
  starts_on: string | null;
  ends_on: string | null;
  contract_value: number | null;
  contract_created_at: Date | null;
}

/**
 * Open data (BR-12): the OCDS release package and the contract details
 * notice fields. Only the columns named here are read: nothing from the
 * needs profile, case details or funding records can reach the output.
 */
@Injectable()
export class OpenDataService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Awards that stand (not withdrawn), for one partnership or, for the public file, all of them. */
  private async awardedProcesses(partnershipId: string | null, agencyId: string | null = null): Promise<AwardRow[]> {
    const conditions = [`a.outcome = 'awarded'`, `a.status <> 'withdrawn'`];
    const params: unknown[] = [];
    if (partnershipId) conditions.push(`ag.partnership_id = $${params.push(partnershipId)}`);
    if (agencyId) conditions.push(`ag.id = $${params.push(agencyId)}`);
    return this.dataSource.query(
      `SELECT r.id AS requirement_id, a.method, t.name AS therapy, r.purchase_type, r.published_at, r.bid_deadline,
              ${submittedBidCount('r.id')} AS tenderers,
              f.id AS framework_id, f.name AS framework_name, f.route, ag.id AS agency_id, ag.name AS agency_name,
              a.id AS award_id, a.decided_at, a.status AS award_status, a.standstill_ends_on::text, coalesce(a.value_pence, b.total_pence) AS award_value,
              p.id AS provider_id, p.name AS provider_name, p.companies_house_number, p.charity_number,
              c.id AS contract_id, c.status AS contract_status, c.starts_on::text, c.ends_on::text, c.value_pence AS contract_value, c.created_at AS contract_created_at
         FROM awards a
         JOIN requirements r ON r.id = a.requirement_id
         LEFT JOIN ${OPENED_BIDS} b ON b.bid_id = a.bid_id
         LEFT JOIN user_choice_awards u ON u.award_id = a.id
         JOIN provider_organisations p ON p.id = coalesce(b.provider_id, u.provider_id)
         JOIN frameworks f ON f.id = r.framework_id
         JOIN agencies ag ON ag.id = r.agency_id
         JOIN therapy_types t ON t.id = r.therapy_type_id
         LEFT JOIN contracts c ON c.award_id = a.id
        WHERE ${conditions.join(' AND ')}
        ORDER BY a.decided_at, a.id`,
      params,
    );
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
    const rows: Array<Omit<FrameworkProcess, 'partnership'> & { partnershipId: string; partnershipName: string }> = await this.dataSource.query(
      `SELECT f.id, f.name, f.route, f.status, f.opens_on::text AS "opensOn", f.closes_on::text AS "closesOn", f.opened_at AS "openedAt",
              pa.id AS "partnershipId", pa.name AS "partnershipName",
              coalesce((SELECT json_agg(json_build_object('id', ag.id, 'name', ag.name) ORDER BY ag.name)
                          FROM framework_agencies fa JOIN agencies ag ON ag.id = fa.agency_id WHERE fa.framework_id = f.id), '[]') AS buyers,
              coalesce((SELECT json_agg(t.name ORDER BY t.sort_order)
                          FROM framework_lots fl JOIN therapy_types t ON t.id = fl.therapy_type_id WHERE fl.framework_id = f.id), '[]') AS lots
         FROM frameworks f
         JOIN partnerships pa ON pa.id = f.partnership_id
        WHERE f.status IN ('open', 'closed') AND f.opened_at IS NOT NULL AND ($1::uuid IS NULL OR f.partnership_id = $1)
        ORDER BY f.opened_at, f.id`,
      [partnershipId],
    );
    return rows.map(({ partnershipId: id, partnershipName: name, ...framework }) => ({ ...framework, partnership: { id, name } }));
  }

  /** Notices the commissioners have recorded as published: each is a release of its call-off. */
  private publishedNotices(partnershipId: string | null): Promise<PublishedNotice[]> {
    return this.dataSource.query(
      `SELECT n.id, n.type, n.requirement_id AS "requirementId", n.award_id AS "awardId", n.contract_id AS "contractId", n.published_on::text AS "publishedOn",
              n.value_pence AS "valuePence", n.value_including_vat_pence AS "valueIncludingVatPence"
         FROM notices n JOIN agencies ag ON ag.id = n.agency_id
        WHERE n.published_on IS NOT NULL AND ($1::uuid IS NULL OR ag.partnership_id = $1)
        ORDER BY n.published_on, n.id`,
      [partnershipId],
    );
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
    const noticed: Array<{ contract_id: string }> = rows.length
      ? await this.dataSource.query(`SELECT DISTINCT contract_id FROM notices WHERE contract_id = ANY($1)`, [rows.map((row) => row.contract_id)])
      : [];
    const withNotice = new Set(noticed.map((row) => row.contract_id));
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

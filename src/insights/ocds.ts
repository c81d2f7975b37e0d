import { THERAPY_CPV } from '../awards/award-rules';
import type { ProcurementRoute } from '../frameworks/procurement-routes';

export const TECHNIQUES_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json';

/**
 * One awarded mini-competition, as the export reads it. It deliberately has
 * no field for the requirement's free text, needs profile, case details or
 * funding: open data is built only from these, so no child data can leak.
 */
export interface AwardedProcess {
  requirementId: string;
  therapy: string;
  purchaseType: 'spot' | 'block';
  publishedAt: Date;
  bidDeadline: Date;
  numberOfTenderers: number;
  framework: { id: string; name: string; route: ProcurementRoute };
  buyer: { id: string; name: string };
  award: { id: string; decidedAt: Date; status: 'awaiting_notice' | 'standstill' | 'confirmed' | 'withdrawn'; standstillEndsOn: string | null; valuePence: number };
  supplier: { id: string; name: string; companiesHouseNumber: string | null; charityNumber: string | null };
  contract: { id: string; status: string; startsOn: string | null; endsOn: string | null; valuePence: number; createdAt: Date } | null;
}

export interface OcdsOptions {
  ocidPrefix: string;
  publisherName: string;
  packageUri: string;
  publishedAt: Date;
}

const pounds = (pence: number) => ({ amount: pence / 100, currency: 'GBP' });

function organisationIdentifier(supplier: AwardedProcess['supplier']) {
  if (supplier.companiesHouseNumber) return { scheme: 'GB-COH', id: supplier.companiesHouseNumber, legalName: supplier.name };
  if (supplier.charityNumber) return { scheme: 'GB-CHC', id: supplier.charityNumber, legalName: supplier.name };
  return undefined;
}

const AWARD_STATUS = { awaiting_notice: 'pending', standstill: 'pending', confirmed: 'active', withdrawn: 'cancelled' } as const;
const CONTRACT_STATUS: Record<string, string> = { pending: 'pending', active: 'active', exhausted: 'active', completed: 'terminated', ended_early: 'terminated' };

/** A release for one awarded mini-competition, called off from its framework (OCDS 1.1 with the techniques extension). */
export function ocdsRelease(process: AwardedProcess, options: Pick<OcdsOptions, 'ocidPrefix'>) {
  const ocid = `${options.ocidPrefix}-${process.requirementId}`;
  const title = `${process.therapy} (${process.purchaseType === 'spot' ? 'spot purchase' : 'block purchase'}) for ${process.buyer.name}`;
  const buyerId = `agency-${process.buyer.id}`;
  const supplierId = `provider-${process.supplier.id}`;
  const date = process.contract ? new Date(Math.max(process.contract.createdAt.getTime(), process.award.decidedAt.getTime())) : process.award.decidedAt;
  const item = { id: '1', description: process.therapy, classification: { scheme: 'CPV', id: THERAPY_CPV, description: 'Psychiatrist or psychologist services' } };
  return {
    ocid,
    id: `${ocid}-${date.toISOString()}`,
    date: date.toISOString(),
    tag: process.contract ? ['award', 'contract'] : ['award'],
    initiationType: 'tender',
    parties: [
      { id: buyerId, name: process.buyer.name, roles: ['buyer', 'procuringEntity'] },
      { id: supplierId, name: process.supplier.name, roles: ['supplier', 'tenderer'], ...(organisationIdentifier(process.supplier) ? { identifier: organisationIdentifier(process.supplier) } : {}) },
    ],
    buyer: { id: buyerId, name: process.buyer.name },
    tender: {
      id: process.requirementId,
      title,
      status: 'complete',
      procuringEntity: { id: buyerId, name: process.buyer.name },
      items: [item],
      procurementMethod: 'selective',
      procurementMethodDetails: `Mini-competition under ${process.framework.name}`,
      mainProcurementCategory: 'services',
      tenderPeriod: { startDate: process.publishedAt.toISOString(), endDate: process.bidDeadline.toISOString() },
      numberOfTenderers: process.numberOfTenderers,
      // Techniques extension: a call-off with reopened competition under a framework (or a DPS on the legacy route).
      techniques: {
        hasFrameworkAgreement: process.framework.route !== 'legacy_dps',
        ...(process.framework.route !== 'legacy_dps' ? { frameworkAgreement: { method: 'withReopeningCompetition' } } : {}),
        hasDynamicPurchasingSystem: process.framework.route === 'legacy_dps',
        ...(process.framework.route === 'legacy_dps' ? { dynamicPurchasingSystem: { type: 'open' } } : {}),
      },
      ...(process.award.standstillEndsOn ? { standstillPeriod: { startDate: process.award.decidedAt.toISOString(), endDate: `${process.award.standstillEndsOn}T23:59:59Z` } } : {}),
    },
    relatedProcesses: [{ id: '1', relationship: ['framework'], title: process.framework.name, scheme: 'ocid', identifier: `${options.ocidPrefix}-framework-${process.framework.id}` }],
    awards: [
      {
        id: process.award.id,
        title,
        status: AWARD_STATUS[process.award.status],
        date: process.award.decidedAt.toISOString(),
        value: pounds(process.award.valuePence),
        suppliers: [{ id: supplierId, name: process.supplier.name }],
        items: [item],
      },
    ],
    contracts: process.contract
      ? [
          {
            id: process.contract.id,
            awardID: process.award.id,
            title,
            status: CONTRACT_STATUS[process.contract.status] ?? 'pending',
            value: pounds(process.contract.valuePence),
            items: [item],
            ...(process.contract.startsOn ? { period: { startDate: `${process.contract.startsOn}T00:00:00Z`, ...(process.contract.endsOn ? { endDate: `${process.contract.endsOn}T23:59:59Z` } : {}) } } : {}),
            dateSigned: process.contract.createdAt.toISOString(),
          },
        ]
      : [],
  };
}

export function ocdsReleasePackage(processes: readonly AwardedProcess[], options: OcdsOptions) {
  return {
    uri: options.packageUri,
    version: '1.1',
    extensions: [TECHNIQUES_EXTENSION],
    publishedDate: options.publishedAt.toISOString(),
    publisher: { name: options.publisherName },
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    releases: processes.map((process) => ocdsRelease(process, options)),
  };
}

import { THERAPY_CPV } from '../awards/award-rules';
import type { NoticeType } from '../awards/contract-law';
import { USER_CHOICE_GROUND } from '../awards/user-choice-rules';
import { ROUTE_LABELS, type ProcurementRoute } from '../frameworks/procurement-routes';

export const TECHNIQUES_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json';

/**
 * One awarded mini-competition, as the export reads it. It deliberately has
 * no field for the requirement's free text, needs profile, case details or
 * funding: open data is built only from these, so no child data can leak.
 */
export interface AwardedProcess {
  requirementId: string;
  /** Issue 22: a mini-competition, or a direct award to the family's chosen provider (no tender period, no other tenderers). */
  method: 'competition' | 'user_choice';
  therapy: string;
  purchaseType: 'spot' | 'block';
  publishedAt: Date | null;
  bidDeadline: Date | null;
  numberOfTenderers: number;
  framework: { id: string; name: string; route: ProcurementRoute };
  buyer: { id: string; name: string };
  award: {
    id: string;
    decidedAt: Date;
    status: 'awaiting_notice' | 'standstill' | 'confirmed' | 'withdrawn';
    standstillEndsOn: string | null;
    valuePence: number;
  };
  supplier: { id: string; name: string; companiesHouseNumber: string | null; charityNumber: string | null };
  contract: { id: string; status: string; startsOn: string | null; endsOn: string | null; valuePence: number; createdAt: Date } | null;
}

/** A framework (the commercial tool call-offs are awarded under), as the export reads it. */
export interface FrameworkProcess {
  id: string;
  name: string;
  route: ProcurementRoute;
  status: 'open' | 'closed';
  opensOn: string;
  closesOn: string;
  openedAt: Date;
  /** The partnership that runs it. */
  partnership: { id: string; name: string };
  /** The agencies that may buy through it. */
  buyers: Array<{ id: string; name: string }>;
  /** Its lots: therapy names. */
  lots: string[];
}

/** A notice the commissioner has recorded as published (PA 2023 ss.50, 53, 87). */
export interface PublishedNotice {
  id: string;
  type: NoticeType;
  requirementId: string;
  awardId: string;
  contractId: string | null;
  publishedOn: string;
  valuePence: number;
  valueIncludingVatPence: number;
}

export interface OcdsOptions {
  ocidPrefix: string;
  publisherName: string;
  packageUri: string;
  publishedAt: Date;
}

/** Why a user-choice award bypassed competition, as its releases state it (no child's details: the ground only). */
export const USER_CHOICE_RATIONALE = `User choice contract: ${USER_CHOICE_GROUND}`;

const pounds = (pence: number) => ({ amount: pence / 100, currency: 'GBP' });

function organisationIdentifier(supplier: AwardedProcess['supplier']) {
  if (supplier.companiesHouseNumber) return { scheme: 'GB-COH', id: supplier.companiesHouseNumber, legalName: supplier.name };
  if (supplier.charityNumber) return { scheme: 'GB-CHC', id: supplier.charityNumber, legalName: supplier.name };
  return undefined;
}

/** The framework's ocid: a call-off's relatedProcesses point to it. */
export const frameworkOcid = (ocidPrefix: string, frameworkId: string) => `${ocidPrefix}-framework-${frameworkId}`;

/**
 * Techniques extension. A dynamic market (PA 2023 s34) and a legacy DPS
 * admit suppliers at any time, as an open DPS; an open framework and an
 * approved list are framework agreements whose call-offs reopen competition.
 */
function techniques(route: ProcurementRoute) {
  return route === 'legacy_dps' || route === 'dynamic_market'
    ? { hasFrameworkAgreement: false, hasDynamicPurchasingSystem: true, dynamicPurchasingSystem: { type: 'open' } }
    : { hasFrameworkAgreement: true, frameworkAgreement: { method: 'withReopeningCompetition' }, hasDynamicPurchasingSystem: false };
}

const periodOf = (startsOn: string, endsOn: string | null) => ({ startDate: `${startsOn}T00:00:00Z`, ...(endsOn ? { endDate: `${endsOn}T23:59:59Z` } : {}) });

const AWARD_STATUS = { awaiting_notice: 'pending', standstill: 'pending', confirmed: 'active', withdrawn: 'cancelled' } as const;
const CONTRACT_STATUS: Record<string, string> = {
  pending: 'pending',
  active: 'active',
  exhausted: 'active',
  completed: 'terminated',
  ended_early: 'terminated',
};

/** The buyer and supplier of a call-off, as the parties of its releases. */
function partiesOf(process: AwardedProcess) {
  const buyerId = `agency-${process.buyer.id}`;
  const supplierId = `provider-${process.supplier.id}`;
  return {
    parties: [
      { id: buyerId, name: process.buyer.name, roles: ['buyer', 'procuringEntity'] },
      {
        id: supplierId,
        name: process.supplier.name,
        roles: ['supplier', 'tenderer'],
        ...(organisationIdentifier(process.supplier) ? { identifier: organisationIdentifier(process.supplier) } : {}),
      },
    ],
    buyer: { id: buyerId, name: process.buyer.name },
  };
}

/** A release for one awarded mini-competition, called off from its framework (OCDS 1.1 with the techniques extension). */
export function ocdsRelease(process: AwardedProcess, options: Pick<OcdsOptions, 'ocidPrefix'>) {
  const ocid = `${options.ocidPrefix}-${process.requirementId}`;
  const title = `${process.therapy} (${process.purchaseType === 'spot' ? 'spot purchase' : 'block purchase'}) for ${process.buyer.name}`;
  const buyerId = `agency-${process.buyer.id}`;
  const supplierId = `provider-${process.supplier.id}`;
  const date = process.contract ? new Date(Math.max(process.contract.createdAt.getTime(), process.award.decidedAt.getTime())) : process.award.decidedAt;
  const item = {
    id: '1',
    description: process.therapy,
    classification: { scheme: 'CPV', id: THERAPY_CPV, description: 'Psychiatrist or psychologist services' },
  };
  return {
    ocid,
    id: `${ocid}-${date.toISOString()}`,
    date: date.toISOString(),
    tag: process.contract ? ['award', 'contract'] : ['award'],
    initiationType: 'tender',
    ...partiesOf(process),
    tender: {
      id: process.requirementId,
      title,
      status: 'complete',
      procuringEntity: { id: buyerId, name: process.buyer.name },
      items: [item],
      ...(process.method === 'user_choice'
        ? {
            procurementMethod: 'direct',
            procurementMethodDetails: `Direct award to a provider admitted to ${process.framework.name}, chosen by the family`,
            procurementMethodRationale: USER_CHOICE_RATIONALE,
            mainProcurementCategory: 'services',
          }
        : {
            procurementMethod: 'selective',
            procurementMethodDetails: `Mini-competition under ${process.framework.name}`,
            mainProcurementCategory: 'services',
            tenderPeriod: { startDate: process.publishedAt!.toISOString(), endDate: process.bidDeadline!.toISOString() },
            numberOfTenderers: process.numberOfTenderers,
          }),
      techniques: techniques(process.framework.route),
      ...(process.award.standstillEndsOn
        ? { standstillPeriod: { startDate: process.award.decidedAt.toISOString(), endDate: `${process.award.standstillEndsOn}T23:59:59Z` } }
        : {}),
    },
    relatedProcesses: [
      {
        id: '1',
        relationship: ['framework'],
        title: process.framework.name,
        scheme: 'ocid',
        identifier: frameworkOcid(options.ocidPrefix, process.framework.id),
      },
    ],
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
            ...(process.contract.startsOn ? { period: periodOf(process.contract.startsOn, process.contract.endsOn) } : {}),
            dateSigned: process.contract.createdAt.toISOString(),
          },
        ]
      : [],
  };
}

/** A release for a framework itself: who runs it, who may buy, its lots and its term. */
export function ocdsFrameworkRelease(framework: FrameworkProcess, options: Pick<OcdsOptions, 'ocidPrefix'>) {
  const ocid = frameworkOcid(options.ocidPrefix, framework.id);
  const procuringEntity = { id: `partnership-${framework.partnership.id}`, name: framework.partnership.name };
  return {
    ocid,
    id: `${ocid}-${framework.openedAt.toISOString()}`,
    date: framework.openedAt.toISOString(),
    tag: ['tender'],
    initiationType: 'tender',
    parties: [
      { ...procuringEntity, roles: ['buyer', 'procuringEntity'] },
      ...framework.buyers.map((buyer) => ({ id: `agency-${buyer.id}`, name: buyer.name, roles: ['buyer'] })),
    ],
    buyer: procuringEntity,
    tender: {
      id: framework.id,
      title: framework.name,
      status: framework.status === 'open' ? 'active' : 'complete',
      procuringEntity,
      items: framework.lots.map((lot, index) => ({
        id: String(index + 1),
        description: lot,
        relatedLot: String(index + 1),
        classification: { scheme: 'CPV', id: THERAPY_CPV, description: 'Psychiatrist or psychologist services' },
      })),
      lots: framework.lots.map((lot, index) => ({ id: String(index + 1), title: lot, status: framework.status === 'open' ? 'active' : 'complete' })),
      procurementMethod: 'open',
      procurementMethodDetails: `${ROUTE_LABELS[framework.route].name} (${ROUTE_LABELS[framework.route].law})`,
      mainProcurementCategory: 'services',
      contractPeriod: periodOf(framework.opensOn, framework.closesOn),
      techniques: techniques(framework.route),
    },
  };
}

/**
 * The UK profile's notice types on the Central Digital Platform (Procurement
 * Regulations 2024): UK5 for the transparency notice before a direct award
 * (s.44), UK6 for the contract award notice (s.50), UK7 for the
 * contract details notice (s.53, and s.87 below the threshold). PCR 2015
 * notices used the older forms and are not releases of this profile.
 */
const UK_NOTICES: Partial<Record<NoticeType, { noticeType: 'UK5' | 'UK6' | 'UK7'; title: string; stage: 'tender' | 'award' | 'contract' }>> = {
  transparency_notice: { noticeType: 'UK5', title: 'Transparency notice', stage: 'tender' },
  contract_award_notice: { noticeType: 'UK6', title: 'Contract award notice', stage: 'award' },
  contract_details_notice: { noticeType: 'UK7', title: 'Contract details notice', stage: 'contract' },
  below_threshold_contract_details_notice: { noticeType: 'UK7', title: 'Contract details notice', stage: 'contract' },
};

/** A release for one published notice of a call-off: its award (UK6) or its contract (UK7), with the value with and without VAT. */
export function ocdsNoticeRelease(notice: PublishedNotice, process: AwardedProcess, options: Pick<OcdsOptions, 'ocidPrefix'>) {
  const uk = UK_NOTICES[notice.type];
  if (!uk) return null;
  const ocid = `${options.ocidPrefix}-${process.requirementId}`;
  const date = `${notice.publishedOn}T00:00:00Z`;
  // amountGross is the UK extension's value including VAT.
  const value = { amount: notice.valuePence / 100, amountGross: notice.valueIncludingVatPence / 100, currency: 'GBP' };
  const documents = [
    { id: notice.id, ...(uk.stage === 'award' ? { documentType: 'awardNotice' } : {}), noticeType: uk.noticeType, title: uk.title, datePublished: date },
  ];
  const supplier = { id: `provider-${process.supplier.id}`, name: process.supplier.name };
  return {
    ocid,
    id: `${ocid}-${uk.noticeType}-${notice.id}`,
    date,
    tag: [uk.stage],
    initiationType: 'tender',
    ...partiesOf(process),
    ...(uk.stage === 'tender'
      ? {
          // UK5: the intention to award directly, with its ground and the supplier, before the contract.
          tender: {
            id: process.requirementId,
            status: 'active',
            procurementMethod: 'direct',
            procurementMethodRationale: USER_CHOICE_RATIONALE,
            mainProcurementCategory: 'services',
            value,
            documents: [{ ...documents[0], documentType: 'tenderNotice' }],
          },
          awards: [{ id: notice.awardId, status: 'pending', value, suppliers: [supplier] }],
        }
      : uk.stage === 'award'
        ? { awards: [{ id: notice.awardId, status: 'pending', value, suppliers: [supplier], documents }] }
        : { contracts: [{ id: notice.contractId ?? notice.awardId, awardID: notice.awardId, value, documents }] }),
  };
}

export function ocdsReleasePackage(
  processes: readonly AwardedProcess[],
  options: OcdsOptions,
  frameworks: readonly FrameworkProcess[] = [],
  notices: readonly PublishedNotice[] = [],
) {
  const byRequirement = new Map(processes.map((process) => [process.requirementId, process]));
  const noticeReleases = notices.flatMap((notice) => {
    const process = byRequirement.get(notice.requirementId);
    const release = process ? ocdsNoticeRelease(notice, process, options) : null;
    return release ? [release] : [];
  });
  return {
    uri: options.packageUri,
    version: '1.1',
    extensions: [TECHNIQUES_EXTENSION],
    publishedDate: options.publishedAt.toISOString(),
    publisher: { name: options.publisherName },
    license: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    releases: [
      ...frameworks.map((framework) => ocdsFrameworkRelease(framework, options)),
      ...processes.map((process) => ocdsRelease(process, options)),
      ...noticeReleases,
    ],
  };
}

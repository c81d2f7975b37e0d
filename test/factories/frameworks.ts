import type { DataSource } from 'typeorm';
import { EXCLUSION_QUESTIONS, exclusionField } from '../../src/applications/exclusion-grounds';
import type { WebSession } from '../support/web-session';

/** "No" to every exclusion-grounds question (PA 2023 Schedules 6 and 7), as a form. */
export const noExclusionGrounds = (): Record<string, string> => Object.fromEntries(EXCLUSION_QUESTIONS.map((question) => [exclusionField(question.id), 'no']));

/** Answers the application's exclusion questions: no to all, or with the given changes. */
export const declareExclusions = (provider: WebSession, applicationId: string, changes: Record<string, string> = {}) =>
  provider.submit(`/provider/applications/${applicationId}/exclusions`, { ...noExclusionGrounds(), ...changes });

export const TEST_PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** Ids of seeded reference data that framework tests use. */
export async function referenceIds(dataSource: DataSource) {
  const one = async (sql: string, param: string) => (await dataSource.query(sql, [param]))[0].id as string;
  return {
    kent: await one('SELECT id FROM agencies WHERE name = $1', 'Kent County Council'),
    ashford: await one('SELECT id FROM areas WHERE name = $1', 'Ashford'),
    theraplay: await one('SELECT id FROM therapy_types WHERE name LIKE $1', 'Theraplay%'),
    ddp: await one('SELECT id FROM therapy_types WHERE name LIKE $1', 'Dyadic%'),
    emdr: await one('SELECT id FROM therapy_types WHERE name LIKE $1', 'Eye movement%'),
  };
}

/**
 * Sets up and opens a framework through the framework manager's own pages:
 * Theraplay, DDP and EMDR lots in Ashford, with a yes/no condition for all
 * lots, scored text conditions for Theraplay and EMDR, and a date condition.
 */
export async function createOpenFramework(
  manager: WebSession,
  ids: Awaited<ReturnType<typeof referenceIds>>,
  name = 'Therapeutic Services 2026',
): Promise<string> {
  const created = await manager.submit('/frameworks/new', {
    name,
    route: 'dynamic_market',
    'opensOn[day]': '1',
    'opensOn[month]': '1',
    'opensOn[year]': '2026',
    'closesOn[day]': '31',
    'closesOn[month]': '12',
    'closesOn[year]': '2030',
    agencyIds: ids.kent,
    therapyTypeIds: [ids.theraplay, ids.ddp, ids.emdr],
    areaIds: ids.ashford,
  });
  const frameworkId = created.location!.split('/').pop()!;
  const conditions: Array<Record<string, string>> = [
    {
      question: 'Do you hold professional indemnity insurance of at least £5 million?',
      answerType: 'yes_no',
      lotScope: 'all',
      judgement: 'pass_fail',
      passingAnswer: 'yes',
    },
    {
      question: 'Describe your Theraplay supervision',
      answerType: 'text',
      wordLimit: '20',
      lotScope: 'specific',
      lotTherapyTypeIds: ids.theraplay,
      judgement: 'scored',
      maximumScore: '4',
      minimumScore: '2',
    },
    {
      question: 'Describe your EMDR supervision',
      answerType: 'text',
      wordLimit: '20',
      lotScope: 'specific',
      lotTherapyTypeIds: ids.emdr,
      judgement: 'scored',
      maximumScore: '4',
      minimumScore: '2',
    },
    { question: 'When did you last review your safeguarding policy?', answerType: 'date', lotScope: 'all', judgement: 'pass_fail' },
  ];
  for (const condition of conditions) await manager.submit(`/frameworks/${frameworkId}/conditions/new`, condition);
  await manager.post(`/frameworks/${frameworkId}/open`, {
    _csrf: (await manager.get(`/frameworks/${frameworkId}`)).$('meta[name=csrf-token]').attr('content')!,
  });
  return frameworkId;
}

/** A provider's organisation details, covering Ashford. */
export const organisationFields = (ids: Awaited<ReturnType<typeof referenceIds>>, name = 'Oakleaf Family Therapy Ltd') => ({
  name,
  companiesHouseNumber: '01234567',
  ofstedUrn: 'SC477328',
  icoRegistrationNumber: 'ZA123456',
  addressLine1: '1 High Street',
  town: 'Maidstone',
  postcode: 'ME14 1XX',
  contactName: 'Priya Shah',
  contactEmail: 'priya@oakleaf.example',
  contactPhone: '01622 123456',
  areaIds: ids.ashford,
});

/** An HCPC-registered practitioner with a current DBS check, qualified for `therapyTypeIds`. */
export const practitionerFields = (fullName: string, therapyTypeIds: string[]) => ({
  fullName,
  profession: 'Clinical psychologist',
  registrationBody: 'HCPC',
  registrationNumber: 'PY0001',
  'registrationExpiresOn[day]': '31',
  'registrationExpiresOn[month]': '7',
  'registrationExpiresOn[year]': '2030',
  'dbsIssuedOn[day]': '1',
  'dbsIssuedOn[month]': '9',
  'dbsIssuedOn[year]': '2025',
  therapyTypeIds,
});

export const INSURANCE_TYPES = ['employers_liability', 'public_liability', 'professional_indemnity'];

/** An insurance certificate's details, cover to March 2030 (the file goes alongside). */
export const insuranceFields = (type: string) => ({ type, coverAmount: '5000000', 'expiresOn[day]': '31', 'expiresOn[month]': '3', 'expiresOn[year]': '2030' });

/** Completes a provider's organisation details, two practitioners and the three insurance certificates. */
export async function prepareProvider(provider: WebSession, ids: Awaited<ReturnType<typeof referenceIds>>): Promise<void> {
  await provider.submit('/provider/organisation/edit', organisationFields(ids));
  for (const [name, therapies] of [
    ['Dr Amara Okoye', [ids.theraplay, ids.ddp]],
    ['Sam Reid', [ids.emdr]],
  ] as const) {
    await provider.submit('/provider/practitioners/new', practitionerFields(name, [...therapies]));
  }
  for (const type of INSURANCE_TYPES) {
    await provider.upload('/provider/documents/new', insuranceFields(type), { name: `${type}.pdf`, content: TEST_PDF });
  }
}

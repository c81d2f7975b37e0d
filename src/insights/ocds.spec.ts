import { ocdsSchemaProblems } from '../../test/support/ocds-schema';
import { AwardedProcess, FrameworkProcess, ocdsNoticeRelease, ocdsReleasePackage, PublishedNotice } from './ocds';

/** The package mixes framework, call-off and notice releases; these tests read the tender of the first two kinds. */
type WithTender = { tender: Record<string, unknown> };

const process: AwardedProcess = {
  requirementId: '11111111-1111-4111-8111-111111111111',
  method: 'competition',
  therapy: 'Theraplay',
  purchaseType: 'spot',
  publishedAt: new Date('2026-10-01T09:00:00Z'),
  bidDeadline: new Date('2026-10-15T12:00:00Z'),
  numberOfTenderers: 3,
  framework: { id: 'f1', name: 'Adoption Support Therapeutic Services 2026 to 2030', route: 'open_framework' },
  buyer: { id: 'a1', name: 'Kent County Council' },
  award: { id: 'aw1', decidedAt: new Date('2026-10-20T10:00:00Z'), status: 'confirmed', standstillEndsOn: '2026-10-30', valuePence: 95_000 },
  supplier: { id: 'p1', name: 'Oakleaf Therapy', companiesHouseNumber: '01234567', charityNumber: null },
  contract: { id: 'c1', status: 'completed', startsOn: '2026-11-01', endsOn: '2027-02-01', valuePence: 95_000, createdAt: new Date('2026-10-31T08:00:00Z') },
};
const framework: FrameworkProcess = {
  id: 'f1',
  name: 'Adoption Support Therapeutic Services 2026 to 2030',
  route: 'open_framework',
  status: 'open',
  opensOn: '2026-04-01',
  closesOn: '2030-03-31',
  openedAt: new Date('2026-03-20T09:00:00Z'),
  partnership: { id: 'pa1', name: 'Adoption Partnership South East' },
  buyers: [
    { id: 'a1', name: 'Kent County Council' },
    { id: 'a2', name: 'Medway Council' },
  ],
  lots: ['Theraplay', 'Dyadic developmental psychotherapy'],
};
const options = {
  ocidPrefix: 'ocds-test01',
  publisherName: 'Test publisher',
  packageUri: 'https://example.test/open-data/ocds.json',
  publishedAt: new Date('2026-11-23T00:00:00Z'),
};

describe('the OCDS export', () => {
  it('is a valid OCDS 1.1 release package with the required fields', () => {
    const releasePackage = ocdsReleasePackage(
      [process, { ...process, requirementId: '2', contract: null, award: { ...process.award, id: 'aw2', status: 'standstill' } }],
      options,
    );
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    expect(ocdsSchemaProblems({ ...releasePackage, releases: [{ ...releasePackage.releases[0], initiationType: undefined, tag: [] }] })).toEqual(
      expect.arrayContaining([expect.stringContaining("must have required property 'initiationType'")]),
    );
    const [release, pending] = releasePackage.releases;
    expect(release).toMatchObject({
      ocid: 'ocds-test01-11111111-1111-4111-8111-111111111111',
      tag: ['award', 'contract'],
      initiationType: 'tender',
      buyer: { name: 'Kent County Council' },
    });
    expect(release.parties.map((party) => party.roles)).toEqual([
      ['buyer', 'procuringEntity'],
      ['supplier', 'tenderer'],
    ]);
    expect(release.parties[1]).toMatchObject({ identifier: { scheme: 'GB-COH', id: '01234567' } });
    expect(release).toMatchObject({
      awards: [{ status: 'active', value: { amount: 950, currency: 'GBP' }, suppliers: [{ name: 'Oakleaf Therapy' }] }],
      contracts: [{ awardID: 'aw1', status: 'terminated', period: { startDate: '2026-11-01T00:00:00Z' } }],
    });
    expect((release as WithTender).tender.techniques).toEqual({
      hasFrameworkAgreement: true,
      frameworkAgreement: { method: 'withReopeningCompetition' },
      hasDynamicPurchasingSystem: false,
    });
    expect(pending).toMatchObject({ tag: ['award'], contracts: [], awards: [{ status: 'pending' }] });
  });

  it('describes a call-off from a legacy DPS or a dynamic market as a dynamic purchasing system', () => {
    for (const route of ['legacy_dps', 'dynamic_market'] as const) {
      const release = ocdsReleasePackage([{ ...process, framework: { ...process.framework, route } }], options).releases[0];
      expect((release as WithTender).tender.techniques).toEqual({
        hasFrameworkAgreement: false,
        hasDynamicPurchasingSystem: true,
        dynamicPurchasingSystem: { type: 'open' },
      });
    }
  });

  it('holds one release for each framework, the process each call-off’s relatedProcesses names', () => {
    const releasePackage = ocdsReleasePackage([process], options, [framework]);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const [frameworkRelease, callOff] = releasePackage.releases;
    expect(frameworkRelease.ocid).toBe('ocds-test01-framework-f1');
    expect(callOff).toMatchObject({ relatedProcesses: [{ relationship: ['framework'], scheme: 'ocid', identifier: frameworkRelease.ocid }] });
    expect(frameworkRelease).toMatchObject({
      tag: ['tender'],
      initiationType: 'tender',
      buyer: { id: 'partnership-pa1', name: 'Adoption Partnership South East' },
      tender: {
        id: 'f1',
        title: 'Adoption Support Therapeutic Services 2026 to 2030',
        status: 'active',
        procurementMethod: 'open',
        procurementMethodDetails: 'Open framework (Procurement Act 2023)',
        contractPeriod: { startDate: '2026-04-01T00:00:00Z', endDate: '2030-03-31T23:59:59Z' },
        techniques: { hasFrameworkAgreement: true, frameworkAgreement: { method: 'withReopeningCompetition' }, hasDynamicPurchasingSystem: false },
      },
    });
    expect((frameworkRelease as WithTender).tender).toMatchObject({
      lots: [
        { id: '1', title: 'Theraplay' },
        { id: '2', title: 'Dyadic developmental psychotherapy' },
      ],
    });
    expect(frameworkRelease.parties.map((party) => [party.name, party.roles])).toEqual([
      ['Adoption Partnership South East', ['buyer', 'procuringEntity']],
      ['Kent County Council', ['buyer']],
      ['Medway Council', ['buyer']],
    ]);
    const closed = ocdsReleasePackage([], options, [{ ...framework, status: 'closed' }]).releases[0];
    expect((closed as WithTender).tender.status).toBe('complete');
  });

  it('names the tender from its therapy and buyer, never from the commissioner’s free text', () => {
    const release = ocdsReleasePackage([process], options).releases[0];
    expect((release as WithTender).tender.title).toBe('Theraplay (spot purchase) for Kent County Council');
  });

  it('gives each published notice its own release, in the UK profile’s shape', () => {
    const notices: PublishedNotice[] = [
      {
        id: 'n1',
        type: 'contract_award_notice',
        requirementId: process.requirementId,
        awardId: 'aw1',
        contractId: null,
        publishedOn: '2026-10-21',
        valuePence: 95_000,
        valueIncludingVatPence: 114_000,
      },
      {
        id: 'n2',
        type: 'contract_details_notice',
        requirementId: process.requirementId,
        awardId: 'aw1',
        contractId: 'c1',
        publishedOn: '2026-11-10',
        valuePence: 95_000,
        valueIncludingVatPence: 114_000,
      },
    ];
    const releasePackage = ocdsReleasePackage([process], options, [framework], notices);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const [awardNotice, detailsNotice] = releasePackage.releases.slice(2);
    expect(awardNotice).toMatchObject({
      ocid: 'ocds-test01-11111111-1111-4111-8111-111111111111',
      id: 'ocds-test01-11111111-1111-4111-8111-111111111111-UK6-n1',
      date: '2026-10-21T00:00:00Z',
      tag: ['award'],
      awards: [
        {
          id: 'aw1',
          value: { amount: 950, amountGross: 1140, currency: 'GBP' },
          documents: [{ id: 'n1', documentType: 'awardNotice', noticeType: 'UK6', title: 'Contract award notice', datePublished: '2026-10-21T00:00:00Z' }],
        },
      ],
    });
    expect(detailsNotice).toMatchObject({
      tag: ['contract'],
      contracts: [{ id: 'c1', awardID: 'aw1', documents: [{ noticeType: 'UK7', title: 'Contract details notice' }] }],
    });
    const ocdsOf = (type: PublishedNotice['type']) => ocdsNoticeRelease({ ...notices[1], type }, process, options);
    expect(ocdsOf('below_threshold_contract_details_notice')).toMatchObject({ contracts: [{ documents: [{ noticeType: 'UK7' }] }] });
    // A PCR 2015 notice went to Find a Tender or Contracts Finder in the old forms, not the UK profile.
    expect(ocdsOf('pcr_contract_award_notice')).toBeNull();
  });

  it('shows a user-choice direct award as a direct procurement with its UK5 transparency notice (issue 22)', () => {
    const direct: AwardedProcess = {
      ...process,
      requirementId: '3',
      method: 'user_choice',
      publishedAt: null,
      bidDeadline: null,
      numberOfTenderers: 0,
      award: { ...process.award, id: 'aw3', standstillEndsOn: null },
    };
    const notice: PublishedNotice = {
      id: 'n5',
      type: 'transparency_notice',
      requirementId: '3',
      awardId: 'aw3',
      contractId: null,
      publishedOn: '2026-10-21',
      valuePence: 95_000,
      valueIncludingVatPence: 95_000,
    };
    const releasePackage = ocdsReleasePackage([direct], options, [], [notice]);
    expect(ocdsSchemaProblems(releasePackage)).toEqual([]);
    const [release, uk5] = releasePackage.releases as unknown as Array<WithTender & { tag: string[] }>;
    expect(release.tender).toMatchObject({ procurementMethod: 'direct', procurementMethodRationale: expect.stringContaining('user choice contracts') });
    expect(release.tender).not.toHaveProperty('tenderPeriod');
    expect(release.tender).not.toHaveProperty('numberOfTenderers');
    expect(uk5.tag).toEqual(['tender']);
    expect(uk5.tender).toMatchObject({
      procurementMethod: 'direct',
      documents: [{ noticeType: 'UK5', documentType: 'tenderNotice', datePublished: '2026-10-21T00:00:00Z' }],
    });
  });
});

import type { Role } from '../../users/role';

/** The therapy categories of DESIGN.md §3, with whether the ASGSF funds them. */
export const THERAPY_TYPES: Array<{ name: string; description: string; asgsfEligible: boolean; fundingKind?: 'assessment' }> = [
  { name: 'Specialist assessment', description: 'Assessment of therapeutic needs by a specialist clinician', asgsfEligible: true, fundingKind: 'assessment' },
  { name: 'Family systemic therapy', description: 'Work with the whole family system', asgsfEligible: true },
  { name: 'Theraplay', description: 'Play-based attachment therapy for children and parents', asgsfEligible: true },
  { name: 'Dyadic developmental psychotherapy (DDP)', description: 'Attachment-focused therapy with the child and parent together', asgsfEligible: true },
  { name: 'Eye movement desensitisation and reprocessing (EMDR)', description: 'Trauma-focused therapy', asgsfEligible: true },
  { name: 'Creative therapies (art, music, drama, play)', description: 'Therapy through art, music, drama or play', asgsfEligible: true },
  { name: 'Therapeutic parenting programmes', description: 'Structured programmes for adoptive parents and carers', asgsfEligible: true },
  { name: 'Therapeutic life-story work', description: 'Helping a child understand their history', asgsfEligible: true },
  { name: 'Psychotherapy', description: 'Individual child or adolescent psychotherapy', asgsfEligible: true },
  { name: 'Sensory integration', description: 'Occupational therapy for sensory processing needs', asgsfEligible: true },
];

export const DEMO_PARTNERSHIP = 'Adoption Partnership South East';

export const DEMO_AGENCIES: Array<{ name: string; areas: string[] }> = [
  {
    name: 'Kent County Council',
    areas: [
      'Ashford',
      'Canterbury',
      'Dartford',
      'Dover',
      'Folkestone and Hythe',
      'Gravesham',
      'Maidstone',
      'Sevenoaks',
      'Swale',
      'Thanet',
      'Tonbridge and Malling',
      'Tunbridge Wells',
    ],
  },
  { name: 'Medway Council', areas: ['Chatham', 'Gillingham', 'Rainham', 'Rochester', 'Strood'] },
  { name: 'London Borough of Bexley', areas: ['Bexleyheath', 'Crayford', 'Erith', 'Sidcup', 'Welling'] },
];

export const DEMO_PROVIDERS = ['Oakleaf Family Therapy Ltd', 'Harbour Creative Therapies CIC'];

/** Everyone signs in with this password in the demo. It is printed at start and in the README. */
export const DEMO_PASSWORD = 'demo-password-apse';

export interface DemoUser {
  email: string;
  fullName: string;
  roles: Role[];
  agency?: string;
  provider?: string;
  isProviderAdmin?: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'provider@oakleaf.example', fullName: 'Priya Shah', roles: ['provider_user'], provider: DEMO_PROVIDERS[0], isProviderAdmin: true },
  { email: 'provider@harbour.example', fullName: 'Tom Ellis', roles: ['provider_user'], provider: DEMO_PROVIDERS[1], isProviderAdmin: true },
  { email: 'commissioner@kent.example', fullName: 'Claire Morgan', roles: ['commissioner'], agency: 'Kent County Council' },
  { email: 'framework.manager@apse.example', fullName: 'David Okafor', roles: ['framework_manager'], agency: 'Kent County Council' },
  { email: 'panel.member@medway.example', fullName: 'Dr Helen Price', roles: ['panel_member'], agency: 'Medway Council' },
  { email: 'panel.psychologist@bexley.example', fullName: 'Dr Ravi Mehta', roles: ['panel_member'], agency: 'London Borough of Bexley' },
  { email: 'panel.social@kent.example', fullName: 'Anne Walsh', roles: ['panel_member'], agency: 'Kent County Council' },
  { email: 'admin@apse.example', fullName: 'Sam Patel', roles: ['system_admin'], agency: 'Kent County Council' },
];

/**
 * BR-15: the ASGSF fair access limits, as published by the Department for
 * Education. From April 2025 (written statement HCWS589, 22 April 2025): £3,000
 * per child per year, specialist assessment up to £2,500 within it, no match
 * funding above it, and therapy completed within the financial year.
 */
export const FAIR_ACCESS_LIMITS = [
  {
    appliesFrom: '2016-05-01',
    combinedLimitPence: null,
    therapyLimitPence: 500_000,
    assessmentLimitPence: 250_000,
    completeWithinYear: false,
    description: '£5,000 for therapy and £2,500 for specialist assessment per child per year',
  },
  {
    appliesFrom: '2025-04-01',
    combinedLimitPence: 300_000,
    therapyLimitPence: null,
    assessmentLimitPence: 250_000,
    completeWithinYear: true,
    description: '£3,000 per child per year, covering therapy and specialist assessment together; assessment up to £2,500 of it; therapy completed by 31 March',
  },
];

/** The demo market: one open framework with every lot and district, and the two demo providers admitted to some lots. */
export const DEMO_FRAMEWORK = {
  name: 'Adoption Support Therapeutic Services 2026 to 2030',
  description: 'Therapeutic support for adopted children and their families, bought through mini-competitions.',
  opensOn: '2026-04-01',
  closesOn: '2030-03-31',
};

export const DEMO_MEMBERS: Array<{
  provider: string;
  lots: string[];
  areas: string[];
  practitioner: { fullName: string; profession: string; registrationBody: 'HCPC' | 'UKCP' | 'BACP'; registrationNumber: string };
}> = [
  {
    provider: DEMO_PROVIDERS[0],
    lots: ['Theraplay', 'Dyadic developmental psychotherapy (DDP)'],
    areas: ['Ashford', 'Maidstone', 'Canterbury'],
    practitioner: { fullName: 'Dr Amara Okoye', profession: 'Clinical psychologist', registrationBody: 'HCPC', registrationNumber: 'PYL04821' },
  },
  {
    provider: DEMO_PROVIDERS[1],
    lots: ['Theraplay', 'Creative therapies (art, music, drama, play)'],
    areas: ['Ashford', 'Dover', 'Chatham'],
    practitioner: { fullName: 'Jo Marsh', profession: 'Art psychotherapist', registrationBody: 'HCPC', registrationNumber: 'AS09113' },
  },
];

/** The demo Multi-Agency Resource Panel: a quorum on its own (two psychologists and a social work manager from three agencies). */
export const DEMO_PANEL: Array<{ email: string; profession: 'clinical_psychologist' | 'educational_psychologist' | 'social_work_manager'; isChair?: boolean }> =
  [
    { email: 'panel.member@medway.example', profession: 'clinical_psychologist', isChair: true },
    { email: 'panel.psychologist@bexley.example', profession: 'educational_psychologist' },
    { email: 'panel.social@kent.example', profession: 'social_work_manager' },
  ];

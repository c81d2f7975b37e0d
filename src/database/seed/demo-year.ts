import type { RequirementStatus } from '../../competitions/requirement-lifecycle';

/**
 * The plan of the demo partnership's year of work (issue 21): which
 * requirements, in which state, and when, relative to the seeding date. The
 * seeder turns it into rows; a fixed pseudo-random seed makes every run the
 * same for the same date.
 */
export const DEMO_YEAR_SEED = 20260401;

/** Mulberry32: a small, fast, seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 shaped uuid from the generator, so ids are deterministic too. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Providers who join the demo market for the year, beside Oakleaf and Harbour, each with one admin user. */
export const DEMO_YEAR_PROVIDERS: Array<{
  name: string;
  email: string;
  fullName: string;
  lots: string[];
  areas: string[];
  practitioner: { fullName: string; profession: string; registrationBody: 'HCPC' | 'UKCP' | 'BACP'; registrationNumber: string };
}> = [
  {
    name: 'Willow Tree Therapies Ltd',
    email: 'provider@willowtree.example',
    fullName: 'Grace Adeyemi',
    lots: ['Theraplay', 'Dyadic developmental psychotherapy (DDP)', 'Eye movement desensitisation and reprocessing (EMDR)'],
    areas: ['Ashford', 'Maidstone', 'Canterbury', 'Dover'],
    practitioner: { fullName: 'Dr Sian Rees', profession: 'Clinical psychologist', registrationBody: 'HCPC', registrationNumber: 'PYL07733' },
  },
  {
    name: 'Bridges Attachment Centre',
    email: 'provider@bridges.example',
    fullName: 'Mark Fenwick',
    lots: ['Theraplay', 'Dyadic developmental psychotherapy (DDP)', 'Creative therapies (art, music, drama, play)'],
    areas: ['Ashford', 'Maidstone', 'Canterbury', 'Dover'],
    practitioner: { fullName: 'Lena Novak', profession: 'Child psychotherapist', registrationBody: 'UKCP', registrationNumber: 'UKCP20931' },
  },
  {
    name: 'Kestrel Trauma Therapy CIC',
    email: 'provider@kestrel.example',
    fullName: 'Owen Price',
    lots: ['Theraplay', 'Eye movement desensitisation and reprocessing (EMDR)'],
    areas: ['Ashford', 'Dover'],
    practitioner: { fullName: 'Farah Iqbal', profession: 'EMDR therapist', registrationBody: 'BACP', registrationNumber: 'BACP118204' },
  },
];

/** Lot and district pairs the year's requirements come from, each with two or more members covering it. */
export const DEMO_YEAR_NEEDS: Array<{ lot: string; area: string; basePence: number }> = [
  { lot: 'Theraplay', area: 'Ashford', basePence: 9_500 },
  { lot: 'Dyadic developmental psychotherapy (DDP)', area: 'Maidstone', basePence: 11_000 },
  { lot: 'Theraplay', area: 'Canterbury', basePence: 9_500 },
  { lot: 'Creative therapies (art, music, drama, play)', area: 'Dover', basePence: 8_500 },
  { lot: 'Eye movement desensitisation and reprocessing (EMDR)', area: 'Ashford', basePence: 12_000 },
  { lot: 'Theraplay', area: 'Dover', basePence: 9_500 },
];

export interface PlannedRequirement {
  status: RequirementStatus;
  /** Days from the seeding date to the bid deadline (negative is past); drafts have none. */
  deadlineDay: number | null;
  purchaseType: 'spot' | 'block';
  /** For cancelled ones: whether bids had closed first. */
  cancelledAfterClosing?: boolean;
}

/** The thirty requirements, oldest first: every state, spread over the year. */
export const DEMO_YEAR_PLAN: PlannedRequirement[] = [
  { status: 'awarded', deadlineDay: -340, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -312, purchaseType: 'block' },
  { status: 'awarded', deadlineDay: -285, purchaseType: 'spot' },
  { status: 'cancelled', deadlineDay: -262, purchaseType: 'spot', cancelledAfterClosing: true },
  { status: 'awarded', deadlineDay: -250, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -222, purchaseType: 'spot' },
  { status: 'no_award', deadlineDay: -200, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -190, purchaseType: 'block' },
  { status: 'awarded', deadlineDay: -165, purchaseType: 'spot' },
  { status: 'cancelled', deadlineDay: -150, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -135, purchaseType: 'spot' },
  { status: 'no_award', deadlineDay: -120, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -104, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -90, purchaseType: 'block' },
  { status: 'awarded', deadlineDay: -75, purchaseType: 'spot' },
  { status: 'awarded', deadlineDay: -62, purchaseType: 'spot' },
  { status: 'cancelled', deadlineDay: -45, purchaseType: 'spot', cancelledAfterClosing: true },
  { status: 'awarded', deadlineDay: -25, purchaseType: 'spot' },
  { status: 'evaluating', deadlineDay: -18, purchaseType: 'spot' },
  { status: 'evaluating', deadlineDay: -12, purchaseType: 'spot' },
  { status: 'evaluating', deadlineDay: -9, purchaseType: 'spot' },
  { status: 'closed', deadlineDay: -6, purchaseType: 'spot' },
  { status: 'closed', deadlineDay: -3, purchaseType: 'spot' },
  { status: 'closed', deadlineDay: -1, purchaseType: 'spot' },
  { status: 'published', deadlineDay: 3, purchaseType: 'spot' },
  { status: 'published', deadlineDay: 6, purchaseType: 'spot' },
  { status: 'published', deadlineDay: 11, purchaseType: 'block' },
  { status: 'published', deadlineDay: 18, purchaseType: 'spot' },
  { status: 'draft', deadlineDay: null, purchaseType: 'spot' },
  { status: 'draft', deadlineDay: null, purchaseType: 'spot' },
];

/** Panel meetings: every four weeks back through the year from a fortnight ago, and the next one a fortnight ahead. */
export const DEMO_YEAR_MEETING_DAYS = [...Array.from({ length: 13 }, (_, index) => -14 - 28 * (12 - index)), 14];

/** The first meeting at least five days after the deadline: where the panel decided. */
export function decisionMeetingDay(deadlineDay: number): number | null {
  return DEMO_YEAR_MEETING_DAYS.find((day) => day >= deadlineDay + 5 && day <= 0) ?? null;
}

export const CHILD_FIRST_NAMES = [
  'Alfie',
  'Maya',
  'Leo',
  'Isla',
  'Noah',
  'Ruby',
  'Finley',
  'Amelia',
  'Oscar',
  'Ivy',
  'Jack',
  'Poppy',
  'Theo',
  'Ella',
  'Harry',
  'Freya',
];
export const CHILD_SURNAMES = ['Walker', 'Hughes', 'Turner', 'Barker', 'Lawson', 'Pearce', 'Mills', 'Fraser', 'Doyle', 'Kemp'];
export const AGE_BANDS = ['4 to 7', '8 to 10', '11 to 13', '14 to 17'];
export const PRESENTING_NEEDS = [
  ['Attachment difficulties', 'Emotional regulation'],
  ['Developmental trauma', 'Sleep difficulties'],
  ['Emotional regulation', 'School refusal'],
  ['Attachment difficulties', 'Sibling conflict'],
];
export const SCORE_COMMENTS = [
  'Clear plan for building trust, tied to the needs profile',
  'Sound approach; less detail on involving the parents',
  'Strong on parents, generic on the child',
  'Thoughtful and specific to the age band',
];

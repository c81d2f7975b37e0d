/**
 * Looks for things in a needs profile's free text that could identify a
 * child (DESIGN.md §6): dates, postcodes, full names, school names and phone
 * numbers. It is a safety net that warns, not a guarantee; the commissioner
 * resolves each hit or overrides it, and the override is audited.
 */
export type IdentifierKind = 'date' | 'postcode' | 'name' | 'school' | 'phone';

export interface IdentifierHit {
  field: string;
  kind: IdentifierKind;
  match: string;
}

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  date: 'a date, which could be a date of birth',
  postcode: 'a postcode',
  name: 'what looks like a person’s full name',
  school: 'what looks like the name of a school',
  phone: 'a phone number',
};

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const PATTERNS: Array<[IdentifierKind, RegExp]> = [
  ['date', /\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b/g],
  ['date', /\b\d{4}-\d{2}-\d{2}\b/g],
  ['date', new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}\\b`, 'gi')],
  ['date', new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'gi')],
  ['postcode', /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi],
  ['phone', /(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/g],
  ['school', /\b(?:St\.?\s+)?(?:[A-Z][\w'’-]*\s+){1,4}(?:Primary|Infant|Junior|Secondary|Grammar|High|Community|Church of England|C of E|CE|RC)?\s*(?:School|Academy|College|Nursery)\b/g],
];

/** Capitalised words that commonly start phrases in a needs profile and are not names. */
const NOT_NAMES = new Set(
  [
    'the', 'a', 'an', 'he', 'she', 'they', 'his', 'her', 'their', 'child', 'young', 'person', 'mum', 'dad', 'adoptive', 'adopters', 'adopter', 'parents', 'parent',
    'birth', 'family', 'foster', 'carer', 'carers', 'social', 'worker', 'school', 'therapy', 'theraplay', 'emdr', 'ddp', 'camhs', 'nhs', 'previous', 'previously',
    'has', 'had', 'was', 'is', 'no', 'not', 'some', 'attended', 'completed', 'sessions', 'session', 'needs', 'support', 'special', 'guardianship', 'order',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
    'september', 'october', 'november', 'december', 'english', 'british', 'welsh', 'polish', 'urdu', 'arabic', 'bsl', 'sign', 'language', 'ehcp', 'sen', 'send',
    'after', 'before', 'since', 'during', 'following', 'in', 'on', 'at', 'with', 'and', 'but', 'or', 'for', 'from', 'to', 'of', 'by', 'this', 'that', 'these',
    'kent', 'medway', 'bexley', 'london', 'county', 'council', 'borough', 'dyadic', 'developmental', 'psychotherapy', 'eye', 'movement', 'life', 'story', 'work',
    'sensory', 'integration', 'creative', 'art', 'music', 'drama', 'play', 'therapeutic', 'parenting', 'programme', 'assessment', 'specialist', 'female', 'male',
    'prefers', 'prefer', 'would', 'likes', 'enjoys', 'struggles', 'wheelchair', 'access', 'autism', 'adhd', 'fasd', 'ptsd', 'aged', 'age', 'ks1', 'ks2', 'year',
    'mental', 'health', 'services', 'adolescent', 'team', 'local', 'authority', 'virtual', 'head', 'education',
  ].map((word) => word.toLowerCase()),
);

const NAME_WORD = String.raw`[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)?`;
const CAPITALISED_PAIR = new RegExp(String.raw`\b(${NAME_WORD})\s+(${NAME_WORD})\b`, 'g');

function nameHits(text: string): string[] {
  const hits: string[] = [];
  for (const match of text.matchAll(CAPITALISED_PAIR)) {
    const [whole, first, second] = match;
    if (!NOT_NAMES.has(first.toLowerCase()) && !NOT_NAMES.has(second.toLowerCase())) hits.push(whole);
  }
  return hits;
}

/** Every likely identifier in the given fields, each listed once per field. */
export function scanForIdentifiers(fields: Record<string, string | null | undefined>): IdentifierHit[] {
  const hits: IdentifierHit[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const seen = new Set<string>();
    const add = (kind: IdentifierKind, match: string) => {
      const key = `${kind}:${match.trim()}`;
      if (seen.has(key)) return;
      seen.add(key);
      hits.push({ field, kind, match: match.trim() });
    };
    const schools: string[] = [];
    for (const [kind, pattern] of PATTERNS) {
      for (const match of value.matchAll(pattern)) {
        if (kind === 'school') schools.push(match[0]);
        add(kind, match[0]);
      }
    }
    for (const name of nameHits(value)) {
      // "Oak Tree Primary School" is already reported as a school.
      if (!schools.some((school) => school.includes(name))) add('name', name);
    }
  }
  return hits;
}

/** A stable key for a hit, so an override covers exactly the hits the commissioner saw. */
export const identifierKey = (hit: IdentifierHit) => `${hit.field}|${hit.kind}|${hit.match}`;

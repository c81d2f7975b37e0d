/**
 * Looks for things in a needs profile's free text that could identify a
 * child (DESIGN.md §6): dates of birth, NHS numbers, postcodes and addresses,
 * names, schools, court case numbers, email addresses and phone numbers. It
 * is a safety net that warns, not a guarantee; the commissioner resolves each
 * hit or overrides it, and the override is audited.
 *
 * It runs on every save, so every pattern here is linear in the text: no
 * nested or unbounded repeats that could backtrack, and the email and name
 * searches walk the text by hand.
 */
import { GIVEN_NAMES, MID_SENTENCE_NAMES, PUBLIC_NAMES, SURNAMES, WORD_NAMES } from './data/given-names';

export type IdentifierKind =
  | 'date'
  | 'date-of-birth'
  | 'postcode'
  | 'partial-postcode'
  | 'address'
  | 'name'
  | 'first-name'
  | 'school'
  | 'court'
  | 'court-case'
  | 'nhs-number'
  | 'email'
  | 'phone';

export interface IdentifierHit {
  field: string;
  kind: IdentifierKind;
  match: string;
}

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  date: 'a date, which could be a date of birth',
  'date-of-birth': 'what looks like part of a date of birth',
  postcode: 'a postcode',
  'partial-postcode': 'the first part of a postcode, which narrows down where the child lives',
  address: 'what looks like a street address',
  name: 'what looks like a person’s full name',
  'first-name': 'what looks like a person’s first name',
  school: 'what looks like the name of a school',
  court: 'what looks like the name of a court',
  'court-case': 'what looks like a court case number',
  'nhs-number': 'an NHS number',
  email: 'an email address',
  phone: 'a phone number',
};

/** A candidate hit and where it is in the text, so hits inside longer hits can be dropped. */
interface Span {
  kind: IdentifierKind;
  start: number;
  end: number;
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));
const STRONG_NAMES = words(GIVEN_NAMES);
const WORD_LIKE_NAMES = words(WORD_NAMES);
const ABSTRACT_NAMES = words(MID_SENTENCE_NAMES);
const ANY_NAME = new Set([...STRONG_NAMES, ...WORD_LIKE_NAMES, ...ABSTRACT_NAMES]);
const COMMON_SURNAMES = words(SURNAMES);
/** Surnames that are also words, so "the Greens" or "the Foster family" is not read as a family's name. */
const WORD_SURNAMES = words(`
  green white brown hall wood hill king baker cook bell young price ward turner mason carter cooper parker hunt knight butler
  barker fisher mills holmes gray grey webb marshall foster lee hart walker martin wright
`);
const FAMILY_NAME = /\b[Tt]he\s([A-Z][a-z]+(?:['’][A-Z][a-z]+)?)(\s[Ff]amily)?\b/g;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const UNITS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth';
const ORDINAL_WORDS = `(?:(?:twenty|thirty)[\\s-]?(?:${UNITS})|${UNITS}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)`;
const YEAR = String.raw`(?:\d{4}|['’]?\d{2})`;

/** The ~120 postcode areas of the UK, Channel Islands and Isle of Man (Royal Mail). */
const POSTCODE_AREAS = words(`
  AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY
  HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO
  PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
`);
/** Outward codes that are far more often something else: key stages, chemistry. */
const NOT_POSTCODE_DISTRICTS = words('KS1 KS2 KS3 KS4 KS5 CO2 SO2 UB40');

/** Words that precede an outward code when it is being used as a place ("lives in ME4", "postcode ct11"). */
const BEFORE_PLACE =
  /(?:post\s?code|postal\s+district|\blive[sd]?|\bliving|\bbased|\bresides?|\bnear|\bmoved)(?:\s+(?:is|area|district))?(?:\s+(?:in|near|at|to))?(?:\s+the)?\s*[:-]?\s*$/i;
const AFTER_PLACE = /^\s*(?:area|postcode|post code|district)\b/i;

const DATE_PATTERNS: RegExp[] = [
  /\b(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})\b/g,
  /\b\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g,
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?(?:${MONTHS})\.?,?\s${YEAR}\b`, 'gi'),
  new RegExp(String.raw`\b(?:the\s)?${ORDINAL_WORDS}\s(?:of\s)?(?:${MONTHS})\.?,?\s${YEAR}\b`, 'gi'),
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}\b`, 'gi'),
];
/** "Born March 2015", "born in 2015", "born on Christmas Day 2014": part of a date of birth; full dates in figures or words are found above. */
const BIRTH_MONTH_OR_YEAR = new RegExp(
  String.raw`\b(?:born|d\.?o\.?b\.?|date\sof\sbirth|birthday)(?:\s(?:is|was|on|in))?(?:\sthe)?\s?[:-]?\s?(?:(?:early|mid|late)[\s-])?(?:(?:${MONTHS}|christmas\s(?:day|eve)|boxing\sday|new\syear['’]s\s(?:day|eve))\.?,?\s${YEAR}|(?:19|20)\d{2})\b(?![/.-]\d)`,
  'gi',
);
/** "Her birthday is 14 February", "turns 9 on 14 February": a birthday without the year. */
const BIRTHDAY = new RegExp(
  String.raw`\b(?:birthday|turns\s\d{1,2})(?:\s(?:is|was|falls))?(?:\s(?:on|in))?\s(?:the\s)?(?:\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?(?:${MONTHS})|(?:${MONTHS})\s\d{1,2}(?:st|nd|rd|th)?)\b`,
  'gi',
);
const PUBLIC_NAME = new RegExp(String.raw`\b(?:${PUBLIC_NAMES.map((name) => name.replace(/\s+/g, '\\s+')).join('|')})(?![A-Za-z])`, 'gi');

const NHS_NUMBER = /\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b/g;
const PHONE = /(?:\+44\s?(?:\(0\)\s?)?|\(?\b0)\d{2,5}\)?(?:[\s-]?\d{2,6}){1,3}\b/g;
// The inward code's letters never include C, I, K, M, O or V (Royal Mail).
const FULL_POSTCODE = /\b(([A-Z]{1,2})\d[A-Z\d]?)\s?\d[ABD-HJLNP-UW-Z]{2}\b/gi;
const OUTWARD_CODE = /(?<![\w-])([A-Za-z]{1,2})(\d{1,2}[A-Za-z]?)(?![\w-])/g;
const FAMILY_COURT_CASE = /\b[A-Z]{2}\d{2}[A-Z]\d{5}\b/gi;
const CASE_REFERENCE = /\bcase\s(?:no\.?|number|ref(?:erence)?)\s?[:.]?\s?([A-Z\d][A-Z\d/-]{3,20})/gi;
const TITLED_NAME =
  /\b(?:[Mm]rs?|[Mm]s|[Mm]x|[Dd]r|Miss)\.?(?:\s(?:and|&)\s(?:[Mm]rs?|[Mm]s|[Mm]x|[Dd]r|Miss)\.?)?\s([A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*)(?:\s([A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*))?/g;
const NAMED_AS = /\b(?:name\s(?:is|was)|named|called|known\sas|nicknamed|goes\sby)\s["“‘']?([A-Za-z][A-Za-z'’-]*)/gi;
const RELATIVE_NAMED =
  /\b(?:mother|mum|mummy|father|dad|daddy|sister|brother|sibling|twin|grandmother|grandma|granny|nan|nana|nanny|grandfather|grandad|granddad|grandpa|aunt|auntie|aunty|uncle|cousin|step-?mother|step-?father|step-?mum|step-?dad|partner|boyfriend|girlfriend|carer|guardian|son|daughter)\s?,?\s([A-Za-z][a-z]*(?:['’-][A-Z][a-z]+)?)/gi;
const STREET_ADDRESS =
  /\b\d{1,4}[A-Za-z]?,?\s((?:[A-Za-z][A-Za-z'’-]*\s){1,3})(road|street|lane|avenue|close|drive|way|crescent|gardens|place|grove|court|terrace|hill|rise|view|walk|mews|square|park|row|parade|green|rd|ave)\b/gi;
const LOWER_CASE_STREETS = words('road street lane avenue crescent terrace grove mews gardens rd ave');

const SCHOOL_PHRASE =
  /\b(?:(c\sof\se|ce|church\sof\sengland|r\.?c\.?|roman\scatholic|catholic|methodist|community|church|free|foundation)\s)?(?:(primary|junior|infants?|secondary|grammar|high|prep(?:aratory)?)(?:\s(school|academy|college))?|(school|academy|college|nursery))\b/gi;
const COURT_PHRASE = /\b(?:family|county|magistrates['’]?|crown|youth|combined)\scourt\b/gi;

/** Words that end a run of name words before "Primary", "Academy" or "Family Court". */
const NOT_PLACE_NAME = words(`
  a an the his her their its this that these those our my your same different another other new old current previous former
  local nearby village mainstream special specialist independent private state faith boarding residential day forest sunday
  summer holiday virtual hospital home alternative behaviour therapeutic nurture resource semh sen send asd autism autistic mld
  sld pmld pupil referral unit good outstanding small large big rural urban mixed girls boys single-sex all-girls all-boys
  at in to from of for into onto and or but with after before through via by than then when while whilst since until during
  about attends attended attending attend goes going go went gone moved moving move starts start started starting joined
  joining joins join left leaving leaves leave changed change changing finished finishes finishing completed complete
  loves loved love likes liked like hates hated hate enjoys enjoyed enjoy dislikes disliked refuses refused refusing avoids
  avoided avoiding misses missed missing finds found find struggles struggled struggling copes coped coping settled settling
  settle transitioned transition transitions transferred transfer excluded is was are were be been being has had have
  year reception class sixth form first second third last next one two three both each every any some no all whole
  football sports sport dance drama music art swimming theatre stage coding english weekend saturday kent medway london
  county council borough agency team secondary primary junior infant infants grammar high school academy college nursery
  s well also only now still currently already
`);

/** "The family court" is not identifying; "Medway Family Court" is. */
const NOT_COURT_PLACE = new Set([...NOT_PLACE_NAME].filter((word) => !['kent', 'medway', 'london', 'county'].includes(word)));

/** Capitalised words that follow a first name but are not surnames. */
const NOT_SURNAMES = words(`
  the a an he she they his her their and or but is was has had have can will would could should did does do who which that
  this when while since after before in on at with to for from of by as if so not no yes mum dad school primary academy
  year reception key stage and aged age also says said finds struggles becomes became likes loves enjoys wants needs attends
  goes lives gets feels felt seems presents hides hoards shows
`);

/** Words after a name at the start of a sentence that show it is a person ("Grace is …"), not the word. */
const PERSON_VERBS = words(`
  is was has had finds found struggles struggled becomes became can cannot can't will would does did doesn't didn't loves
  likes enjoys hates wants needs attends goes lives gets says said told feels felt seems presents experiences hides hoards shows
  reacts responds and who
`);

/** Words captured after "called", "birth mother" and so on that are not names. */
const NOT_GIVEN_NAMES = words(`
  a an the by to in into out up on off for as at him her them names name it back me us mum dad mummy daddy and or but is was
  has had who which that this with from of his their she he they not no also says said lives died left still currently
  order court council service services team agency ship has have also only now had twice once childline police
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december christmas easter
`);

/** The modulus 11 check of a 10-digit NHS number: the check digit is 11 minus the weighted sum mod 11 (11 counts as 0, 10 is never issued). */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Acronyms in children's services that are spelt like a name: the school ELSA (Emotional Literacy Support Assistant). */
const NAME_LIKE_ACRONYMS = words('ELSA ADA');

const isTitleCase = (word: string) => /^[A-Z][a-z]*(?:['’-][A-Z]?[a-z]+)*$/.test(word) && /[a-z]/.test(word);
const isUpperCase = (word: string) => word.length > 1 && /^[A-Z'’-]+$/.test(word);
const bare = (word: string) => word.replace(/['’]s$/i, '').toLowerCase();

/** True when the text before `index` ends a sentence (or is empty), skipping spaces and opening quotes. */
function startsSentence(text: string, index: number): boolean {
  let position = index - 1;
  while (position >= 0 && /[\s"“‘'(]/.test(text[position])) {
    if (text[position] === '\n') return true;
    position--;
  }
  return position < 0 || /[.!?•*]/.test(text[position]) || (text[position] === '-' && position > 0 && /\s/.test(text[position - 1]));
}

function emailSpans(text: string, spans: Span[]) {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && /[A-Za-z0-9._%+-]/.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && end - at < 255 && /[A-Za-z0-9.-]/.test(text[end])) end++;
    while (end > at + 1 && text[end - 1] === '.') end--;
    const domain = text.slice(at + 1, end);
    if (start < at && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(domain)) spans.push({ kind: 'email', start, end });
  }
}

/**
 * The name words just before `index` ("Oak Tree" before "Primary", "Medway"
 * before "Family Court"), at most four, stopping at a word that is not part of
 * a name. Returns where the run starts and its words.
 */
function nameWordsBefore(text: string, index: number, stop: Set<string> = NOT_PLACE_NAME): { start: number; names: string[] } {
  const names: string[] = [];
  let start = index;
  let position = index;
  while (names.length < 4) {
    if (position === 0 || text[position - 1] !== ' ') break;
    let wordStart = position - 1;
    while (wordStart > 0 && /[A-Za-z'’.-]/.test(text[wordStart - 1])) wordStart--;
    const word = text.slice(wordStart, position - 1);
    if (!/^[A-Za-z]/.test(word) || stop.has(bare(word.replace(/\.$/, '')))) break;
    names.unshift(word);
    start = wordStart;
    position = wordStart;
  }
  return { start, names };
}

function schoolSpans(text: string, spans: Span[]) {
  for (const match of text.matchAll(SCHOOL_PHRASE)) {
    const [phrase, qualifier, level, levelInstitution, bareInstitution] = match;
    const institution = levelInstitution ?? bareInstitution;
    const index = match.index;
    let end = index + phrase.length;
    const { start, names } = nameWordsBefore(text, index);
    if (!names.length || (level && /^high$/i.test(level) && !institution)) continue;
    // "Joshua's school" is not a school's name; "St Anne's Academy" is.
    if (/['’]s$/i.test(names[names.length - 1]) && !/^(?:st\.?|saint)$/i.test(names[0])) continue;
    const capitalised = names.every((name) => isTitleCase(name) || isUpperCase(name) || /^st\.?$/i.test(name));
    // "Oak Tree School" needs capitals; "greenfields primary" and "st john's c of e" are schools in any case.
    if (!capitalised && !qualifier && !(level && /^(?:primary|junior|infants?)$/i.test(level))) continue;
    const forSex = /^\s(?:for|of)\s(?:girls|boys)\b/i.exec(text.slice(end));
    if (forSex) end += forSex[0].length;
    spans.push({ kind: 'school', start, end });
  }
}

function courtSpans(text: string, spans: Span[]) {
  for (const match of text.matchAll(COURT_PHRASE)) {
    const { start, names } = nameWordsBefore(text, match.index, NOT_COURT_PLACE);
    if (names.length) spans.push({ kind: 'court', start, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(FAMILY_COURT_CASE)) spans.push({ kind: 'court-case', start: match.index, end: match.index + match[0].length });
  for (const match of text.matchAll(CASE_REFERENCE)) {
    if (/\d/.test(match[1])) spans.push({ kind: 'court-case', start: match.index, end: match.index + match[0].length });
  }
}

function postcodeSpans(text: string, spans: Span[]) {
  for (const match of text.matchAll(FULL_POSTCODE)) {
    const [whole, outward, area] = match;
    if (POSTCODE_AREAS.has(area.toUpperCase()) && !NOT_POSTCODE_DISTRICTS.has(outward.toUpperCase()))
      spans.push({ kind: 'postcode', start: match.index, end: match.index + whole.length });
  }
  for (const match of text.matchAll(OUTWARD_CODE)) {
    const [code, area] = match;
    if (!POSTCODE_AREAS.has(area.toUpperCase()) || NOT_POSTCODE_DISTRICTS.has(code.toUpperCase())) continue;
    const end = match.index + code.length;
    const inPlace = BEFORE_PLACE.test(text.slice(Math.max(0, match.index - 40), match.index)) || AFTER_PLACE.test(text.slice(end, end + 20));
    // "ME4" on its own is a postcode district; "B1", "M25" or "ct1" only when the text says it is a place.
    const standsAlone = code === code.toUpperCase() && area.length === 2;
    if (standsAlone || inPlace) spans.push({ kind: 'partial-postcode', start: match.index, end });
  }
}

function dateSpans(text: string, spans: Span[]) {
  for (const pattern of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (match[1] !== undefined && match[2] !== undefined) {
        const [first, second] = [Number(match[1]), Number(match[2])];
        if (!((first >= 1 && first <= 31 && second >= 1 && second <= 12) || (second >= 1 && second <= 31 && first >= 1 && first <= 12))) continue;
      }
      spans.push({ kind: 'date', start: match.index, end: match.index + match[0].length });
    }
  }
  for (const pattern of [BIRTH_MONTH_OR_YEAR, BIRTHDAY]) {
    for (const match of text.matchAll(pattern)) spans.push({ kind: 'date-of-birth', start: match.index, end: match.index + match[0].length });
  }
}

function numberSpans(text: string, spans: Span[]) {
  for (const match of text.matchAll(NHS_NUMBER)) {
    if (match[1][0] !== '0' && isValidNhsNumber(match[0])) spans.push({ kind: 'nhs-number', start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(PHONE)) {
    let digits = match[0].replace(/\D/g, '');
    if (match[0].startsWith('+44')) digits = digits.slice(2).replace(/^(?!0)/, '0');
    if (/^0[1235789]\d{8,9}$/.test(digits)) spans.push({ kind: 'phone', start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(STREET_ADDRESS)) {
    const [, street, suffix] = match;
    const streetWords = street.trim().split(/\s/);
    if (
      streetWords.some(
        (word) =>
          NOT_PLACE_NAME.has(bare(word)) || /^(?:minutes?|mins?|hours?|miles?|km|years?|months?|weeks?|days?|sessions?|times?|very|really)$/i.test(word),
      )
    )
      continue;
    const capitalised = isTitleCase(suffix) && streetWords.every(isTitleCase);
    if (capitalised || LOWER_CASE_STREETS.has(suffix.toLowerCase())) spans.push({ kind: 'address', start: match.index, end: match.index + match[0].length });
  }
}

function nameSpans(text: string, spans: Span[]) {
  // "Harry Potter" and "Dan Hughes" are not the child's family.
  const publicNames = [...text.matchAll(PUBLIC_NAME)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const isPublic = (start: number) => publicNames.some((name) => name.start <= start && start < name.end);
  const firstNames: Array<{ start: number; end: number }> = [];
  for (const match of text.matchAll(/[A-Za-z]+(?:['’-][A-Za-z]+)*/g)) {
    const token = match[0];
    const start = match.index;
    const end = start + token.length;
    const possessive = /['’]s$/i.test(token);
    const parts = (possessive ? token.slice(0, -2) : token).split('-');
    // Most words are not names: look them up before anything costlier.
    if (!parts.some((part) => ANY_NAME.has(part.toLowerCase()))) continue;
    if ((publicNames.length && isPublic(start)) || NAME_LIKE_ACRONYMS.has(token)) continue;
    if (/\bst\.?\s$/i.test(text.slice(Math.max(0, start - 4), start)) || /\bsaint\s$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
    const initial = startsSentence(text, start);
    const next = /^\s+([A-Za-z']+)/.exec(text.slice(end, end + 30))?.[1]?.toLowerCase();
    // "ellie-mae" in lower case only when every part is a name, so "travis-ci" or "test-ava" is not.
    const lowerCompound = parts.length > 1 && !parts.some(isTitleCase);
    if (lowerCompound && !parts.every((part) => STRONG_NAMES.has(part.toLowerCase()))) continue;
    const isName = parts.some((part) => {
      const lower = part.toLowerCase();
      if (STRONG_NAMES.has(lower)) return true;
      if (!isTitleCase(part)) return false;
      if (WORD_LIKE_NAMES.has(lower)) return !initial || possessive || (next !== undefined && PERSON_VERBS.has(next));
      return ABSTRACT_NAMES.has(lower) && !initial;
    });
    if (isName) firstNames.push({ start, end });
  }
  for (const { start, end } of firstNames) {
    const first = text.slice(start, end);
    const possessive = /['’]s$/i.test(first);
    const next = /^ ([A-Za-z]+(?:['’-][A-Za-z]+)*)/.exec(text.slice(end, end + 40))?.[1];
    // "Jamie Smith", "JAMIE SMITH"; in lower case only a known surname makes "jamie smith" a full name.
    const sameCase = next && ((isTitleCase(first) && isTitleCase(next)) || (isUpperCase(first) && isUpperCase(next)));
    const surname =
      next && !possessive && !NOT_SURNAMES.has(bare(next)) && (sameCase || COMMON_SURNAMES.has(bare(next))) ? next.replace(/['’]s$/i, '') : undefined;
    if (surname) spans.push({ kind: 'name', start, end: end + 1 + surname.length });
    else spans.push({ kind: 'first-name', start, end: end - (possessive ? 2 : 0) });
  }
  for (const match of text.matchAll(FAMILY_NAME)) {
    const [whole, word, family] = match;
    const lower = word.toLowerCase();
    const surname = family ? lower : [lower.replace(/es$/, ''), lower.replace(/s$/, '')].find((stem) => stem !== lower && COMMON_SURNAMES.has(stem));
    if (surname && COMMON_SURNAMES.has(surname) && !WORD_SURNAMES.has(surname) && !isPublic(match.index)) {
      spans.push({ kind: 'name', start: match.index + whole.length - word.length - (family?.length ?? 0), end: match.index + whole.length });
    }
  }
  for (const match of text.matchAll(TITLED_NAME)) {
    const [whole, name, surname] = match;
    if (NOT_SURNAMES.has(bare(name))) continue;
    // "Dr Helen Price" is one name; in "Mrs Khan Has", the second word is not part of it.
    const length = surname && NOT_SURNAMES.has(bare(surname)) ? whole.length - surname.length - 1 : whole.length;
    spans.push({ kind: 'name', start: match.index, end: match.index + length });
  }
  for (const pattern of [NAMED_AS, RELATIVE_NAMED]) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1];
      const lower = bare(name);
      if (NOT_GIVEN_NAMES.has(lower) || NOT_PLACE_NAME.has(lower)) continue;
      const known = STRONG_NAMES.has(lower) || WORD_LIKE_NAMES.has(lower) || ABSTRACT_NAMES.has(lower);
      // "called Millie", "birth mum Stacey"; "called NSPCC" is not a name unless it is a known one.
      if (!(isTitleCase(name) || (known && (pattern === NAMED_AS || isUpperCase(name))))) continue;
      // "known as Looked After", "named Lead Professional": a capitalised term, not a name nobody knows.
      if (!known && /^\s[A-Z][a-z]/.test(text.slice(match.index + match[0].length, match.index + match[0].length + 3))) continue;
      const start = match.index + match[0].length - name.length;
      spans.push({ kind: 'first-name', start, end: start + name.replace(/['’]s$/i, '').length });
    }
  }
}

/** The spans in one text, less any that lie inside a longer one ("Jamie" inside "Jamie Smith", "ME4" inside "ME4 4AA"). */
function spansIn(text: string): Span[] {
  const spans: Span[] = [];
  emailSpans(text, spans);
  courtSpans(text, spans);
  numberSpans(text, spans);
  postcodeSpans(text, spans);
  dateSpans(text, spans);
  schoolSpans(text, spans);
  nameSpans(text, spans);
  // Sorted by start, longest first (the first found wins a tie), a span lies inside another exactly when an earlier one reaches as far.
  const ordered = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.index - b.index);
  const kept: Span[] = [];
  let reach = -1;
  for (const { span } of ordered) {
    if (span.end > reach) kept.push(span);
    reach = Math.max(reach, span.end);
  }
  return kept;
}

/** Every likely identifier in the given fields, each listed once per field, in the order they appear. */
export function scanForIdentifiers(fields: Record<string, string | null | undefined>): IdentifierHit[] {
  const hits: IdentifierHit[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const seen = new Set<string>();
    for (const span of spansIn(value)) {
      const match = value.slice(span.start, span.end).trim();
      const key = `${span.kind}:${match}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ field, kind: span.kind, match });
    }
  }
  return hits;
}

/** A stable key for a hit, so an override covers exactly the hits the commissioner saw. */
export const identifierKey = (hit: IdentifierHit) => `${hit.field}|${hit.kind}|${hit.match}`;

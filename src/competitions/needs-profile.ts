/** The controlled lists of the pseudonymised needs profile (DESIGN.md §6). */
export const AGE_BANDS = ['0 to 4', '5 to 7', '8 to 10', '11 to 13', '14 to 17', '18 to 25'] as const;

export const PRESENTING_NEEDS = [
  'Attachment difficulties',
  'Developmental trauma',
  'Emotional regulation',
  'Child to parent violence',
  'Anxiety',
  'Low mood',
  'Self-harm',
  'Sensory processing difficulties',
  'Foetal alcohol spectrum disorder (FASD)',
  'Autism or suspected autism',
  'ADHD or suspected ADHD',
  'Identity and life story',
  'Contact with birth family',
  'School difficulties',
  'Sibling relationships',
  'Placement at risk of disruption',
] as const;

export const PRACTITIONER_GENDERS = { any: 'No preference', female: 'Female practitioner', male: 'Male practitioner' } as const;
export type PractitionerGender = keyof typeof PRACTITIONER_GENDERS;

export const DELIVERY_MODE_LABELS = { in_person: 'In person', remote: 'Remote (video)', either: 'In person or remote' } as const;
export const PURCHASE_TYPE_LABELS = { spot: 'Spot purchase (one child or family)', block: 'Block purchase (a volume of sessions or hours)' } as const;

/** The default 0 to 4 scoring scale and what each level means. */
export const DEFAULT_SCALE_DESCRIPTORS = [
  'Unacceptable: the answer is missing or does not address the question',
  'Poor: the answer addresses the question with significant gaps or risks',
  'Acceptable: the answer meets the requirement with minor gaps',
  'Good: the answer fully meets the requirement',
  'Excellent: the answer meets the requirement and adds value, with evidence',
];

/** Quality questions shown on the evaluation page; blank rows are ignored. */
export const CRITERION_ROWS = 5;

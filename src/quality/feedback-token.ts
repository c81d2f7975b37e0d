import { createHash, randomBytes } from 'node:crypto';

/** A feedback link lasts four weeks. */
export const FEEDBACK_LINK_DAYS = 28;

/**
 * A new feedback link token: 32 random bytes, shown once in the email. Only
 * its SHA-256 is stored, so a copy of the database cannot answer for anyone.
 * (A fast hash is right here: the token has 256 bits, so it cannot be guessed.)
 */
export function createFeedbackToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashFeedbackToken(token) };
}

export function hashFeedbackToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Only something shaped like one of our tokens is looked up. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type FeedbackLinkState = 'open' | 'used' | 'expired' | 'unknown';

export function feedbackLinkState(request: { usedAt: Date | null; expiresAt: Date } | null, now: Date): FeedbackLinkState {
  if (!request) return 'unknown';
  if (request.usedAt) return 'used';
  if (request.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

export const RESPONDENTS = {
  adopter: 'The adopter or carer',
  young_person: 'The young person',
  professional: 'The referring professional',
} as const;
export type Respondent = keyof typeof RESPONDENTS;

/** The three rated questions, worded for each respondent; the young person's are simpler. */
export const FEEDBACK_QUESTIONS: Record<Respondent, { helpful: string; listened: string; better: string; comment: string }> = {
  adopter: {
    helpful: 'How helpful was the therapy for your family?',
    listened: 'How well did the therapist listen to you and your child?',
    better: 'How much better are things for your child since the therapy started?',
    comment: 'Is there anything else you would like to tell us about the therapy?',
  },
  young_person: {
    helpful: 'Did the sessions help you?',
    listened: 'Did your therapist listen to you?',
    better: 'Do things feel better for you now?',
    comment: 'Is there anything else you want to tell us? You can leave this empty.',
  },
  professional: {
    helpful: 'How helpful was the therapy for the child and family?',
    listened: 'How well did the provider work with you and other professionals?',
    better: 'How much have things improved for the child since the therapy started?',
    comment: 'Any other comments on the provider’s work',
  },
};

/** 1 to 5; the young person sees friendlier words for the same points. */
export const RATING_LABELS: Record<'grown_up' | 'young_person', string[]> = {
  grown_up: ['Not at all', 'A little', 'Somewhat', 'Quite a lot', 'A great deal'],
  young_person: ['No', 'Not really', 'A bit', 'Mostly', 'Yes, a lot'],
};

/** Every email the portal sends: views/emails/<name>.text.hbs and .html.hbs, and its subject. */
export const EMAIL_SUBJECTS = {
  'confirm-registration': 'Confirm your email address',
  'registration-existing-account': 'You already have an account',
  'password-reset': 'Reset your password',
  'colleague-invitation': 'You have been invited to the Adoption Support Commissioning Portal',
  'agency-user-invitation': 'Your account for the Adoption Support Commissioning Portal',
  'application-submitted': 'Your application has been submitted',
  'application-received': 'A new application to join a framework',
  'application-clarification': 'A question about your application',
  'application-decided': 'The decision on your application',
  'compliance-reminder': 'Something in your compliance record is about to expire',
  'membership-suspended': 'Your framework membership has been suspended',
  'membership-reinstated': 'Your framework membership is active again',
  'requirement-invitation': 'You are invited to bid for adoption support therapy',
  'requirement-cancelled': 'A requirement you were invited to bid for has been cancelled',
  'clarification-asked': 'A provider has asked a question about your requirement',
  'clarification-answered': 'A question about a requirement has been answered',
  'bid-submitted': 'Your bid has been submitted',
  'bid-reminder': 'Bids close in 48 hours',
  'requirement-closed': 'Bids have closed for a requirement',
  'panel-excluded': 'You are excluded from evaluating a requirement',
  'award-won': 'Your bid has been successful',
  'assessment-summary': 'The outcome of your bid and your assessment summary',
  'requirement-decided': 'The panel has decided a requirement',
} as const;

export type EmailTemplate = keyof typeof EMAIL_SUBJECTS;

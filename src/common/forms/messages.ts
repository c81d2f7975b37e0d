/** GOV.UK Design System wording shared by several forms. */
export const EMAIL_FORMAT_MESSAGE = 'Enter an email address in the correct format, like name@example.com';

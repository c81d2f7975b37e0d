import type { FieldError } from '../common/forms/form-invalid.error';
import type { OrganisationDetailsForm } from './dto/organisation-details.form';
import { charityNumber, companiesHouseNumber, icoRegistrationNumber, ofstedUrn, ukPhoneNumber, ukPostcode } from './organisation-identifiers';

export interface OrganisationDetails {
  name: string;
  tradingName: string | null;
  companiesHouseNumber: string | null;
  charityNumber: string | null;
  ofstedUrn: string | null;
  registeredAgencyName: string | null;
  icoRegistrationNumber: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const error = (field: string, text: string): FieldError => ({ field, text, href: `#${field}` });

/**
 * Checks identifier formats and the either-or rules: a Companies House or a
 * charity number; an Ofsted URN or the registered agency worked under.
 */
export function buildOrganisationDetails(form: OrganisationDetailsForm): { details: OrganisationDetails } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const check = (field: keyof OrganisationDetailsForm, raw: string | undefined, parse: (value: string) => string | null, message: string) => {
    if (raw === undefined) return null;
    const parsed = parse(raw);
    if (parsed === null) errors.push(error(field, message));
    return parsed;
  };
  const company = check(
    'companiesHouseNumber',
    form.companiesHouseNumber,
    companiesHouseNumber,
    'Enter a Companies House number in the correct format, like 01234567 or SC123456',
  );
  const charity = check('charityNumber', form.charityNumber, charityNumber, 'Enter a charity number in the correct format, like 1123456');
  if (form.companiesHouseNumber === undefined && form.charityNumber === undefined) {
    errors.push(error('companiesHouseNumber', 'Enter a Companies House number or a charity number'));
  }
  const urn = check('ofstedUrn', form.ofstedUrn, ofstedUrn, 'Enter an Ofsted URN in the correct format, like SC123456');
  if (form.ofstedUrn === undefined && form.registeredAgencyName === undefined) {
    errors.push(error('ofstedUrn', 'Enter your Ofsted URN, or the registered adoption support agency you work under'));
  }
  const ico = check(
    'icoRegistrationNumber',
    form.icoRegistrationNumber,
    icoRegistrationNumber,
    'Enter an ICO registration number in the correct format, like ZA123456',
  );
  const postcode = check('postcode', form.postcode, ukPostcode, 'Enter a real postcode');
  const phone = check('contactPhone', form.contactPhone, ukPhoneNumber, 'Enter a telephone number, like 01632 960 001 or +44 808 157 0192');
  if (errors.length) return { errors };
  return {
    details: {
      name: form.name,
      tradingName: form.tradingName ?? null,
      companiesHouseNumber: company,
      charityNumber: charity,
      ofstedUrn: urn,
      registeredAgencyName: form.registeredAgencyName ?? null,
      icoRegistrationNumber: ico!,
      addressLine1: form.addressLine1,
      addressLine2: form.addressLine2 ?? null,
      town: form.town,
      postcode: postcode!,
      contactName: form.contactName,
      contactEmail: form.contactEmail,
      contactPhone: phone!,
    },
  };
}

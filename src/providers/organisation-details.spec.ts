import type { OrganisationDetailsForm } from './dto/organisation-details.form';
import { buildOrganisationDetails } from './organisation-details';

const form: OrganisationDetailsForm = {
  name: 'Oakleaf Family Therapy Ltd',
  companiesHouseNumber: '01234567',
  ofstedUrn: 'sc477328',
  icoRegistrationNumber: 'za123456',
  addressLine1: '1 High Street',
  town: 'Maidstone',
  postcode: 'me14 1xx',
  contactName: 'Priya Shah',
  contactEmail: 'priya@oakleaf.example',
  contactPhone: '01622 123456',
  areaIds: [],
};
const problems = (result: ReturnType<typeof buildOrganisationDetails>) => ('errors' in result ? result.errors.map((e) => `${e.field}: ${e.text}`) : []);

describe('buildOrganisationDetails', () => {
  it('normalises identifiers', () => {
    expect(buildOrganisationDetails(form)).toMatchObject({
      details: { ofstedUrn: 'SC477328', icoRegistrationNumber: 'ZA123456', postcode: 'ME14 1XX', charityNumber: null, registeredAgencyName: null },
    });
  });

  it('accepts a charity instead of a company, and a registered agency instead of a URN', () => {
    expect(
      problems(
        buildOrganisationDetails({
          ...form,
          companiesHouseNumber: undefined,
          charityNumber: '1123456',
          ofstedUrn: undefined,
          registeredAgencyName: 'Family Futures',
        }),
      ),
    ).toEqual([]);
  });

  it('needs one of each pair', () => {
    expect(problems(buildOrganisationDetails({ ...form, companiesHouseNumber: undefined, ofstedUrn: undefined }))).toEqual([
      'companiesHouseNumber: Enter a Companies House number or a charity number',
      'ofstedUrn: Enter your Ofsted URN, or the registered adoption support agency you work under',
    ]);
  });

  it('checks every format', () => {
    expect(
      problems(
        buildOrganisationDetails({
          ...form,
          companiesHouseNumber: '1234',
          charityNumber: 'x',
          ofstedUrn: '12',
          icoRegistrationNumber: '123',
          postcode: 'nowhere',
          contactPhone: '999',
        }),
      ),
    ).toEqual([
      'companiesHouseNumber: Enter a Companies House number in the correct format, like 01234567 or SC123456',
      'charityNumber: Enter a charity number in the correct format, like 1123456',
      'ofstedUrn: Enter an Ofsted URN in the correct format, like SC123456',
      'icoRegistrationNumber: Enter an ICO registration number in the correct format, like ZA123456',
      'postcode: Enter a real postcode',
      'contactPhone: Enter a telephone number, like 01632 960 001 or +44 808 157 0192',
    ]);
  });
});

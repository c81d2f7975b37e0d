import { charityNumber, companiesHouseNumber, icoRegistrationNumber, ofstedUrn, ukPhoneNumber, ukPostcode } from './organisation-identifiers';

describe('organisation identifiers', () => {
  it.each([
    ['01234567', '01234567'],
    ['sc 123456', 'SC123456'],
    ['OC301540', 'OC301540'],
    ['1234567', null],
    ['123456789', null],
    ['S1234567', null],
    ['AB12345X', null],
  ])('Companies House %p → %p', (input, expected) => expect(companiesHouseNumber(input)).toBe(expected));

  it.each([
    ['1123456', '1123456'],
    ['212345', '212345'],
    ['1123456-1', '1123456-1'],
    ['SC012345', 'SC012345'],
    ['NIC101234', 'NIC101234'],
    ['12345', null],
    ['charity', null],
  ])('charity %p → %p', (input, expected) => expect(charityNumber(input)).toBe(expected));

  it.each([
    ['SC477328', 'SC477328'],
    ['1234567', '1234567'],
    ['12345', null],
  ])('Ofsted URN %p → %p', (input, expected) => expect(ofstedUrn(input)).toBe(expected));

  it.each([
    ['ZA123456', 'ZA123456'],
    ['z1234567', 'Z1234567'],
    ['A1234567', null],
    ['ZA12345', null],
  ])('ICO %p → %p', (input, expected) => expect(icoRegistrationNumber(input)).toBe(expected));

  it.each([
    ['me4 4tr', 'ME4 4TR'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['DA7 4DG', 'DA7 4DG'],
    ['12345', null],
    ['ME4', null],
  ])('postcode %p → %p', (input, expected) => expect(ukPostcode(input)).toBe(expected));

  it.each([
    ['01634 306000', '01634 306000'],
    ['+44 1634 306000', '+44 1634 306000'],
    ['(020) 8303 7777', '(020) 8303 7777'],
    ['12345', null],
  ])('phone %p → %p', (input, expected) => expect(ukPhoneNumber(input)).toBe(expected));
});

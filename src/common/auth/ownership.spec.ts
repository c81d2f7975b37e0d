import { NotFoundException } from '@nestjs/common';
import { assertOwnsAgencyRecord, assertOwnsProviderRecord, ownsAgencyRecord, ownsProviderRecord } from './ownership';
import type { SignedInUser } from './signed-in-user';

const base: SignedInUser = { id: 'u', email: 'a@b.c', fullName: 'A', roles: [], agencyId: null, providerId: null, isProviderAdmin: false };
const providerA = { ...base, roles: ['provider_user'], providerId: 'provider-a' } as SignedInUser;
const kentCommissioner = { ...base, roles: ['commissioner'], agencyId: 'kent' } as SignedInUser;

describe('ownership', () => {
  it('lets a provider user touch only its own organisation’s records', () => {
    expect(ownsProviderRecord(providerA, { providerId: 'provider-a' })).toBe(true);
    expect(ownsProviderRecord(providerA, { providerId: 'provider-b' })).toBe(false);
    expect(ownsProviderRecord(kentCommissioner, { providerId: 'provider-a' })).toBe(false);
  });

  it('never matches missing ids', () => {
    expect(ownsProviderRecord(base, { providerId: null })).toBe(false);
    expect(ownsAgencyRecord(base, { agencyId: undefined })).toBe(false);
  });

  it('lets a commissioner touch only their own agency’s records', () => {
    expect(ownsAgencyRecord(kentCommissioner, { agencyId: 'kent' })).toBe(true);
    expect(ownsAgencyRecord(kentCommissioner, { agencyId: 'medway' })).toBe(false);
  });

  it('reports records someone may not see as not found', () => {
    const record = { providerId: 'provider-a', name: 'x' };
    expect(assertOwnsProviderRecord(providerA, record)).toBe(record);
    expect(() => assertOwnsProviderRecord(providerA, { providerId: 'provider-b' })).toThrow(NotFoundException);
    expect(() => assertOwnsProviderRecord(providerA, null)).toThrow(NotFoundException);
    expect(() => assertOwnsAgencyRecord(kentCommissioner, { agencyId: 'bexley' })).toThrow(NotFoundException);
  });
});

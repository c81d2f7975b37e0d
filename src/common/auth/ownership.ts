import { NotFoundException } from '@nestjs/common';
import type { SignedInUser } from './signed-in-user';

/**
 * Ownership rules: a provider user may touch only its own organisation's
 * records, and agency staff only their own agency's. A record someone may not
 * see is reported as not found, so ids cannot be probed.
 */
export function ownsProviderRecord(user: SignedInUser, record: { providerId: string | null | undefined }): boolean {
  return !!user.providerId && !!record.providerId && user.providerId === record.providerId;
}

export function ownsAgencyRecord(user: SignedInUser, record: { agencyId: string | null | undefined }): boolean {
  return !!user.agencyId && !!record.agencyId && user.agencyId === record.agencyId;
}

export function assertOwnsProviderRecord<T extends { providerId: string | null | undefined }>(user: SignedInUser, record: T | null | undefined): T {
  if (!record || !ownsProviderRecord(user, record)) throw new NotFoundException();
  return record;
}

/** For a record that belongs to both a provider and an agency, such as a contract: each side sees its own. */
export function assertOwnsRecord<T extends { providerId: string | null | undefined; agencyId: string | null | undefined }>(
  user: SignedInUser,
  record: T | null | undefined,
): T {
  return user.providerId ? assertOwnsProviderRecord(user, record) : assertOwnsAgencyRecord(user, record);
}

export function assertOwnsAgencyRecord<T extends { agencyId: string | null | undefined }>(user: SignedInUser, record: T | null | undefined): T {
  if (!record || !ownsAgencyRecord(user, record)) throw new NotFoundException();
  return record;
}

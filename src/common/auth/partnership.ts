import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '../../agencies/agency.entity';
import type { SignedInUser } from './signed-in-user';

/**
 * The partnership an agency user works for, through their agency. Framework
 * managers see only their own partnership's frameworks, applications and members.
 */
export async function partnershipIdOf(manager: EntityManager, user: SignedInUser): Promise<string> {
  const agency = user.agencyId ? await manager.findOneBy(Agency, { id: user.agencyId }) : null;
  if (!agency) throw new NotFoundException();
  return agency.partnershipId;
}

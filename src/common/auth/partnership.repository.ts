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

/**
 * Whether a provider deals with a staff member's partnership: it has applied
 * to or is a member of one of its frameworks, or was invited to bid by one of
 * its agencies. Staff see a provider's documents and figures only then.
 */
export async function providerDealsWithPartnershipOf(manager: EntityManager, providerId: string, staff: SignedInUser): Promise<boolean> {
  if (!staff.agencyId) return false;
  const partnershipId = await partnershipIdOf(manager, staff);
  const [row] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM applications a JOIN frameworks f ON f.id = a.framework_id WHERE a.provider_id = $1 AND f.partnership_id = $2)
         OR EXISTS (SELECT 1 FROM memberships m JOIN frameworks f ON f.id = m.framework_id WHERE m.provider_id = $1 AND f.partnership_id = $2)
         OR EXISTS (SELECT 1 FROM invitations i JOIN requirements r ON r.id = i.requirement_id JOIN agencies g ON g.id = r.agency_id
                     WHERE i.provider_id = $1 AND g.partnership_id = $2) AS deals`,
    [providerId, partnershipId],
  );
  return row.deals;
}

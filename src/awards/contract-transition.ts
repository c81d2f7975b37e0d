import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { contractLifecycle, ContractStatus } from './award-rules';
import type { Contract } from './contract.entity';
import { ContractRepository } from './contract.repository';

/**
 * The one way a contract's status changes (issue 23): activation and call-offs
 * in the awards feature, and the ending recorded by delivery (quality), all
 * come through here in the caller's transaction, checked by the lifecycle.
 */
@Injectable()
export class ContractTransition {
  constructor(private readonly contracts: ContractRepository) {}

  /** Moves the contract from the status it was read (and locked) with; an illegal move is refused and nothing is written. */
  async transitionContract(
    manager: EntityManager,
    contract: Pick<Contract, 'id' | 'status'>,
    to: ContractStatus,
    values: QueryDeepPartialEntity<Omit<Contract, 'status'>> = {},
  ): Promise<void> {
    contractLifecycle.assertMove(contract.status, to);
    await this.contracts.writeContractStatus(manager, contract.id, to, values);
  }
}

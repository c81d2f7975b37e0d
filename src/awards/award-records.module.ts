import { Module } from '@nestjs/common';
import { AwardTransition } from './award-transition';
import { AwardRepository } from './award.repository';
import { ContractTransition } from './contract-transition';
import { ContractRepository } from './contract.repository';

/**
 * The awards feature's own tables and their transitions, shared with the
 * features that change a contract's status through it (quality records the
 * ending) without importing the whole awards module.
 */
@Module({
  providers: [AwardRepository, ContractRepository, AwardTransition, ContractTransition],
  exports: [AwardRepository, ContractRepository, AwardTransition, ContractTransition],
})
export class AwardRecordsModule {}

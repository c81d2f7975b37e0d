import { Module } from '@nestjs/common';
import { FairAccessLimitRepository } from './fair-access-limit.repository';
import { FairAccessLimitsController } from './fair-access-limits.controller';
import { FairAccessLimitsService } from './fair-access-limits.service';

/** The ASGSF fair access limits the funding checks read, kept by the system admin. */
@Module({
  controllers: [FairAccessLimitsController],
  providers: [FairAccessLimitsService, FairAccessLimitRepository],
})
export class FairAccessLimitsModule {}

import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { FrameworkRepository } from './framework.repository';
import { FrameworksController } from './frameworks.controller';
import { FrameworksService } from './frameworks.service';
import { MembershipRepository } from './membership.repository';
import { TherapyTypeRepository } from './therapy-type.repository';
import { TherapyTypesService } from './therapy-types.service';
import { TherapyTypesAdminController } from './therapy-types-admin.controller';
import { TherapyTypesAdminService } from './therapy-types-admin.service';

@Module({
  imports: [AgenciesModule],
  controllers: [FrameworksController, TherapyTypesAdminController],
  providers: [FrameworkRepository, MembershipRepository, TherapyTypeRepository, TherapyTypesService, TherapyTypesAdminService, FrameworksService],
  exports: [TherapyTypesService, FrameworksService, FrameworkRepository, MembershipRepository, TherapyTypeRepository],
})
export class FrameworksModule {}

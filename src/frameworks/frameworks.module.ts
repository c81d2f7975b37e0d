import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { FrameworkRepository } from './framework.repository';
import { FrameworksController } from './frameworks.controller';
import { FrameworksService } from './frameworks.service';
import { TherapyTypeRepository } from './therapy-type.repository';
import { TherapyTypesService } from './therapy-types.service';
import { TherapyTypesAdminController } from './therapy-types-admin.controller';
import { TherapyTypesAdminService } from './therapy-types-admin.service';

@Module({
  imports: [AgenciesModule],
  controllers: [FrameworksController, TherapyTypesAdminController],
  providers: [FrameworkRepository, TherapyTypeRepository, TherapyTypesService, TherapyTypesAdminService, FrameworksService],
  exports: [TherapyTypesService, FrameworksService, FrameworkRepository, TherapyTypeRepository],
})
export class FrameworksModule {}

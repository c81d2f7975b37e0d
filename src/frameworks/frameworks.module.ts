import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrameworkApplicationWindow } from './framework-application-window.entity';
import { FrameworkAgency, FrameworkArea } from './framework-coverage.entity';
import { FrameworkLot } from './framework-lot.entity';
import { Framework } from './framework.entity';
import { FrameworksController } from './frameworks.controller';
import { FrameworksService } from './frameworks.service';
import { MembershipCondition } from './membership-condition.entity';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypesService } from './therapy-types.service';
import { TherapyTypesAdminController } from './therapy-types-admin.controller';
import { TherapyTypesAdminService } from './therapy-types-admin.service';

@Module({
  imports: [TypeOrmModule.forFeature([TherapyType, Framework, FrameworkLot, FrameworkArea, FrameworkAgency, FrameworkApplicationWindow, MembershipCondition])],
  controllers: [FrameworksController, TherapyTypesAdminController],
  providers: [TherapyTypesService, TherapyTypesAdminService, FrameworksService],
  exports: [TherapyTypesService, FrameworksService],
})
export class FrameworksModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TherapyType } from './therapy-type.entity';
import { TherapyTypesService } from './therapy-types.service';

@Module({
  imports: [TypeOrmModule.forFeature([TherapyType])],
  providers: [TherapyTypesService],
  exports: [TherapyTypesService],
})
export class FrameworksModule {}

import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { FirstRunService } from './first-run.service';
import { SetupController } from './setup.controller';

@Module({
  imports: [UsersModule],
  controllers: [SetupController],
  providers: [FirstRunService],
  exports: [FirstRunService],
})
export class SetupModule {}

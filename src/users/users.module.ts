import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { AdminUsersController } from './admin-users.controller';
import { UserRecordsModule } from './user-records.module';
import { UserToken } from './user-token.entity';
import { UserTokenRepository } from './user-token.repository';
import { UserTokensService } from './user-tokens.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken]), AgenciesModule, UserRecordsModule],
  controllers: [AdminUsersController],
  providers: [UserTokenRepository, UsersService, UserTokensService],
  exports: [UsersService, UserTokensService],
})
export class UsersModule {}

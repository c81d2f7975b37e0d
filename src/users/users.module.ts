import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { AdminUsersController } from './admin-users.controller';
import { UserToken } from './user-token.entity';
import { UserTokensService } from './user-tokens.service';
import { User } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserToken]), AgenciesModule],
  controllers: [AdminUsersController],
  providers: [UsersService, UserTokensService, UserRepository],
  exports: [UsersService, UserTokensService, UserRepository],
})
export class UsersModule {}

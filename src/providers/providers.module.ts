import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { User } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { ColleaguesController } from './colleagues.controller';
import { ProviderProfileController } from './provider-profile.controller';
import { ProviderProfileService } from './provider-profile.service';
import { ProviderOrganisation } from './provider-organisation.entity';
import { ProvidersService } from './providers.service';
import { RegistrationController } from './registration.controller';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderOrganisation, User]), UsersModule, AuthModule],
  controllers: [RegistrationController, ColleaguesController, ProviderProfileController],
  providers: [ProvidersService, ProviderProfileService],
  exports: [ProvidersService, ProviderProfileService],
})
export class ProvidersModule {}

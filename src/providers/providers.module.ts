import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuthModule } from '../auth/auth.module';
import { FrameworksModule } from '../frameworks/frameworks.module';
import { User } from '../users/user.entity';
import { UserRecordsModule } from '../users/user-records.module';
import { UsersModule } from '../users/users.module';
import { ColleaguesController } from './colleagues.controller';
import { ProviderProfileController } from './provider-profile.controller';
import { ProviderProfileService } from './provider-profile.service';
import { ProviderOrganisation } from './provider-organisation.entity';
import { PractitionerRepository } from './practitioner.repository';
import { ProviderOrganisationRepository } from './provider-organisation.repository';
import { ProvidersService } from './providers.service';
import { RegistrationController } from './registration.controller';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderOrganisation, User]), UsersModule, AuthModule, AgenciesModule, FrameworksModule, UserRecordsModule],
  controllers: [RegistrationController, ColleaguesController, ProviderProfileController],
  providers: [ProviderOrganisationRepository, PractitionerRepository, ProvidersService, ProviderProfileService],
  exports: [ProvidersService, ProviderProfileService],
})
export class ProvidersModule {}

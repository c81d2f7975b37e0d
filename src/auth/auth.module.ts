import { Module } from '@nestjs/common';
import { UserRecordsModule } from '../users/user-records.module';
import { UsersModule } from '../users/users.module';
import { AccountController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { AdminAccountsController } from './account/admin-accounts.controller';
import { AuthController } from './auth.controller';
import { SessionTimeoutController } from './session-timeout.controller';
import { AuthService } from './auth.service';
import { passportProvider, PortalPassport } from './passport.provider';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { SignInThrottleService } from './sign-in-throttle.service';
import { RecoveryCodeRepository } from './two-factor/recovery-code.repository';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorService } from './two-factor/two-factor.service';

@Module({
  imports: [UsersModule, UserRecordsModule],
  controllers: [AuthController, TwoFactorController, AccountController, AdminAccountsController, SessionTimeoutController],
  providers: [SignInThrottleRepository, RecoveryCodeRepository, AuthService, SignInThrottleService, TwoFactorService, AccountService, passportProvider],
  exports: [AuthService, PortalPassport, SignInThrottleService],
})
export class AuthModule {}

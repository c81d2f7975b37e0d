import { Module } from '@nestjs/common';
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
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorService } from './two-factor/two-factor.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, TwoFactorController, AccountController, AdminAccountsController, SessionTimeoutController],
  providers: [SignInThrottleRepository, AuthService, SignInThrottleService, TwoFactorService, AccountService, passportProvider],
  exports: [AuthService, PortalPassport, SignInThrottleService],
})
export class AuthModule {}

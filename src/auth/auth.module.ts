import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { passportProvider, PortalPassport } from './passport.provider';
import { SignInThrottleService } from './sign-in-throttle.service';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorService } from './two-factor/two-factor.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, TwoFactorController],
  providers: [AuthService, SignInThrottleService, TwoFactorService, passportProvider],
  exports: [AuthService, PortalPassport],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { passportProvider, PortalPassport } from './passport.provider';
import { SignInThrottleService } from './sign-in-throttle.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, SignInThrottleService, passportProvider],
  exports: [AuthService, PortalPassport],
})
export class AuthModule {}

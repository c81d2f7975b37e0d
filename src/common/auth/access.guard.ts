import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../users/role';
import { IS_PUBLIC, ROLES } from './access.decorators';
import { hasRole, SignedInUser } from './signed-in-user';

/**
 * Global guard: every route needs a signed-in user unless marked @Public(),
 * and @Roles() narrows it further. A route cannot be public by accident.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const user = request.user as SignedInUser | undefined;
    if (!user) throw new UnauthorizedException();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !hasRole(user, ...roles)) throw new ForbiddenException();
    return true;
  }
}

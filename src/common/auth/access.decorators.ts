import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '../../users/role';
import type { SignedInUser } from './signed-in-user';

export const IS_PUBLIC = 'is-public';
export const ROLES = 'roles';

/** The route needs no sign-in. Every public route must say so with this. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The signed-in user must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): SignedInUser => {
  return context.switchToHttp().getRequest().user;
});

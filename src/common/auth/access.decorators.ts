import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ROLES as ALL_ROLES, type Role } from '../../users/role';
import type { SignedInUser } from './signed-in-user';

export const IS_PUBLIC = 'is-public';
export const ROLES = 'roles';

/** The route needs no sign-in. Every public route must say so with this. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The signed-in user must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Any signed-in person, whatever their role (their own account pages, their dashboard). */
export const AnySignedInUser = () => SetMetadata(ROLES, [...ALL_ROLES]);

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): SignedInUser => {
  return context.switchToHttp().getRequest().user;
});

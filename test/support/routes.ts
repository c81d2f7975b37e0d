import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC, ROLES } from '../../src/common/auth/access.decorators';
import type { Role } from '../../src/users/role';
import type { TestApp } from './test-app';

export interface RegisteredRoute {
  /** "GET /requirements/:id" */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  isPublic: boolean;
  /** Who may use it, from @Roles or @AnySignedInUser; undefined when the route declares nothing. */
  roles?: Role[];
}

/** Every route registered with Nest, read from the router's metadata, so a new route is covered without editing a list. */
export function listRoutes(testApp: TestApp): RegisteredRoute[] {
  const modules = testApp.app.get(ModulesContainer);
  const reflector = testApp.app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as new (...args: unknown[]) => object;
    if (!controller) continue;
    const base = String(Reflect.getMetadata('path', controller) ?? '').replace(/^\/|\/$/g, '');
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, () => void>)[name];
      const path = Reflect.getMetadata('path', handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata('method', handler) as number] as 'GET' | 'POST';
      const full = `/${[base, String(path).replace(/^\/|\/$/g, '')].filter(Boolean).join('/')}`;
      routes.push({
        route: `${method} ${full}`,
        method,
        path: full,
        isPublic: !!reflector.getAllAndOverride(IS_PUBLIC, [handler, controller]),
        roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES, [handler, controller]),
      });
    }
  }
  return routes;
}

/** A well-formed id that matches no record. */
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export function withIds(path: string, id = NO_SUCH_ID): string {
  return path.replace(/:\w+/g, id);
}

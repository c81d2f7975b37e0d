import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { optionalRouteId, routeId, signedInUser } from './route-inputs';

const requestWith = (params: Record<string, string>, user?: object) => ({ params, user }) as unknown as Request;
const ID = '6f1c2a4e-8b1d-4c3e-9a5f-0d2b7e4c1a93';

describe('route inputs', () => {
  it('gives a UUID from the URL and treats anything else as a page that does not exist', () => {
    expect(routeId(requestWith({ id: ID }))).toBe(ID);
    expect(routeId(requestWith({ bidId: ID }), 'bidId')).toBe(ID);
    for (const bad of ['1', "1' OR '1'='1", `${ID}x`, '']) expect(() => routeId(requestWith({ id: bad }))).toThrow(NotFoundException);
    expect(() => routeId(requestWith({}))).toThrow(NotFoundException);
  });

  it('lets a shared new-or-edit page have no id, but not a bad one', () => {
    expect(optionalRouteId(requestWith({}))).toBeUndefined();
    expect(optionalRouteId(requestWith({ id: ID }))).toBe(ID);
    expect(() => optionalRouteId(requestWith({ id: 'new' }))).toThrow(NotFoundException);
  });

  it('refuses a request with nobody signed in', () => {
    expect(() => signedInUser(requestWith({}))).toThrow(ForbiddenException);
    expect(signedInUser(requestWith({}, { id: ID })).id).toBe(ID);
  });
});

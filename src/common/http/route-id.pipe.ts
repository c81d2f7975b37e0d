import { HttpStatus, ParseUUIDPipe } from '@nestjs/common';

/**
 * Validates a record id in a URL (`@Param('id', RouteIdPipe)`). An id that is not a UUID
 * names no record, so it gets the same GOV.UK "Page not found" as an unknown UUID.
 */
export const RouteIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

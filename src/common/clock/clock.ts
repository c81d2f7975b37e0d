import { DynamicModule, Global, Injectable, Module } from '@nestjs/common';
import { IsoDate, londonDate } from '../calendar/working-days';

/**
 * The application's clock for services: what time it is and what day it is
 * in London. Tests put their own clock in its place (test/support/test-clock.ts).
 * The database's clock stays the judge of deadlines (sealed bids, closing):
 * SQL that compares with now() keeps doing so.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date in London, as an ISO date. */
  today(): IsoDate {
    return londonDate(this.now());
  }
}

/** Every service can inject the Clock; `clock` replaces the system clock (for tests). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { describeDatabaseError } from '../database/database-errors';

/**
 * Reports whether the database takes writes, by upserting the single row of `health_checks`.
 * A read-only, full or locked database still serves reads but fails this probe, which keeps a
 * replica that cannot store messages out of the load balancer.
 */
@Injectable()
export class DatabaseWriteHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly healthIndicatorService: HealthIndicatorService,
  ) {}

  async acceptsWrites(key: string) {
    const indicator = this.healthIndicatorService.check(key);

    try {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into('health_checks')
        .values({ id: 1, checked_at: new Date().toISOString() })
        .orUpdate(['checked_at'], ['id'])
        .execute();
    } catch (error) {
      return indicator.down(`database did not accept a write: ${describeDatabaseError(error)}`);
    }

    return indicator.up();
  }
}

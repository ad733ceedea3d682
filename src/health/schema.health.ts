import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { describeDatabaseError } from '../database/database-errors';

/** Reports whether every migration of this build has been applied to the database. */
@Injectable()
export class SchemaHealthIndicator {
  // Migrations are never unapplied while the service runs, so one success is final and
  // later probes skip the query.
  private current = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly healthIndicatorService: HealthIndicatorService,
  ) {}

  async isCurrent(key: string) {
    const indicator = this.healthIndicatorService.check(key);
    if (this.current) {
      return indicator.up();
    }

    try {
      this.current = !(await this.dataSource.showMigrations());
    } catch (error) {
      return indicator.down(`could not read the applied migrations: ${describeDatabaseError(error)}`);
    }

    return this.current ? indicator.up() : indicator.down('database migrations are pending');
  }
}

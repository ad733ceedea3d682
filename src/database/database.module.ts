import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './dialect';

/** Opens the database and applies pending migrations before the service accepts requests. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config),
        retryAttempts: 0,
      }),
      dataSourceFactory: async (options) => {
        if (options === undefined) {
          throw new Error('TypeORM passed no data source options');
        }
        const dataSource = await new DataSource(options).initialize();
        await runMigrationsExclusively(dataSource);

        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}

import { DataSource } from 'typeorm';
import { loadConfigFromEnvironment } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/** The data source for the TypeORM CLI, built from the same environment as the service. */
export default new DataSource(buildDataSourceOptions(loadConfigFromEnvironment()));

import { DataSource } from 'typeorm';
import { Bind } from './dialect';

/** Parameters of a statement being written: each bound value gets the driver's next placeholder. */
export class Statement {
  readonly parameters: unknown[] = [];

  constructor(private readonly dataSource: DataSource) {}

  readonly bind: Bind = (value) => {
    this.parameters.push(value);

    return this.dataSource.driver.createParameter(`p${this.parameters.length}`, this.parameters.length - 1);
  };
}

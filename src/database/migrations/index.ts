import { CreateMessages1764806400000 } from './1764806400000-create-messages';
import { CreateHealthChecks1764892800000 } from './1764892800000-create-health-checks';
import { AddSearchAndStatsTables1764979200000 } from './1764979200000-add-search-and-stats-tables';
import { AddMessageTotals1765065600000 } from './1765065600000-add-message-totals';
import { AddTextScanIndex1765152000000 } from './1765152000000-add-text-scan-index';

/** Every migration, oldest first. Listed by class so the build needs no file globbing. */
export const MIGRATIONS = [
  CreateMessages1764806400000,
  CreateHealthChecks1764892800000,
  AddSearchAndStatsTables1764979200000,
  AddMessageTotals1765065600000,
  AddTextScanIndex1765152000000,
];

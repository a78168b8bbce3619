import type { Migration } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-sla.js';
import * as m0003 from './0003-catalog.js';
import * as m0004 from './0004-notifications.js';
import * as m0005 from './0005-tickets.js';
import * as m0006 from './0006-mail-intake.js';
import * as m0007 from './0007-knowledge.js';
import * as m0008 from './0008-audit-sealing.js';
import * as m0009 from './0009-knowledge-search-terms.js';
import * as m0010 from './0010-ticket-created-by-index.js';
import * as m0011 from './0011-ticket-open-load.js';
import * as m0012 from './0012-analytics.js';
import * as m0013 from './0013-assets.js';
import * as m0014 from './0014-spares.js';
import * as m0015 from './0015-stocktake.js';
import * as m0016 from './0016-operations-core.js';
import * as m0017 from './0017-incidents.js';
import * as m0018 from './0018-faults.js';
import * as m0019 from './0019-demands.js';
import * as m0020 from './0020-releases.js';
import * as m0021 from './0021-asset-reference-checks.js';
import * as m0022 from './0022-asset-search-catch-up.js';
import * as m0023 from './0023-bulk-reference-checks.js';

/** Forward-only migrations, applied in key order. Never edit one that has shipped; add a new one. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-sla': m0002,
  '0003-catalog': m0003,
  '0004-notifications': m0004,
  '0005-tickets': m0005,
  '0006-mail-intake': m0006,
  '0007-knowledge': m0007,
  '0008-audit-sealing': m0008,
  '0009-knowledge-search-terms': m0009,
  '0010-ticket-created-by-index': m0010,
  '0011-ticket-open-load': m0011,
  '0012-analytics': m0012,
  '0013-assets': m0013,
  '0014-spares': m0014,
  '0015-stocktake': m0015,
  '0016-operations-core': m0016,
  '0017-incidents': m0017,
  '0018-faults': m0018,
  '0019-demands': m0019,
  '0020-releases': m0020,
  '0021-asset-reference-checks': m0021,
  '0022-asset-search-catch-up': m0022,
  '0023-bulk-reference-checks': m0023,
};

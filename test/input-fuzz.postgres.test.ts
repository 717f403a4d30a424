import { describeInputFuzz } from './support/input-fuzz.js';
import { backendsUnderTest } from './support/test-db.js';

// The same fuzz on PostgreSQL (when it runs: always under CI=true), in a file of its own so that it
// runs beside the PGlite one.
if ((await backendsUnderTest()).includes('postgres')) describeInputFuzz('postgres');

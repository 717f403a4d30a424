import { describeInputFuzz } from './support/input-fuzz.js';

// Every route the authorization matrix knows, fuzzed with bad query, form and JSON values: no 500.
describeInputFuzz('pglite');

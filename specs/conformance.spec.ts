// The conformance cases, one module per area (`*.cases.ts`), declared in the order Playwright queues
// them: every case is a test of its own, and a free worker takes the next one in declaration order.
// The longest go first (cases whose runtime variants run one after another, the invoke groups, the
// ten-second tickers, the 200 MB streams) and the instant ones last, so free workers fill the end of
// the run with short cases instead of the run waiting on one long chain that started late (README,
// "Where the time goes").
import { test } from '../harness/playwright/fixtures.ts';
import './connections.cases.ts';
import './invoke.cases.ts';
import './cadence.cases.ts';
import './limits.cases.ts';
import './timeout.cases.ts';
import './iam.cases.ts';
import './lifecycle.cases.ts';
import './errors.cases.ts';
import './buffered.cases.ts';
import './framing.cases.ts';
import './malformed.cases.ts';
import './prelude.cases.ts';

// Cases run side by side unless a group says otherwise (one function's invoke cases, the IAM cases,
// the runtime variants of a case that loads the machine).
test.describe.configure({ mode: 'parallel' });

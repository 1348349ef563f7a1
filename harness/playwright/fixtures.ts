import { readFileSync } from 'node:fs';
import {
  test as base,
  expect,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type TestInfo,
} from '@playwright/test';
import { caseKey, caseRuntimes, findCase } from '../cases/catalogue.ts';
import { fixtureFunction, selectedRuntimes } from '../runtimes/languages.ts';
import type { Language } from '../template/function-spec.ts';
import { HarnessError } from '../core/errors.ts';
import { judgeAccepted, type Answer } from '../verdict/answer.ts';
import { failureLine } from '../verdict/failure-line.ts';
import type { EndpointMap } from '../targets/endpoint-map.ts';
import type { Expectation } from '../verdict/expectations.ts';
import { allowsPass, failedDifferently } from '../verdict/signature.ts';
import { runEnv } from '../core/run-environment.ts';
import { INCONCLUSIVE } from '../report/verdict-annotations.ts';
import { answerDeadlineMs } from './deadlines.ts';
import { runPlan } from './run-plan.ts';
import { Evidence } from './evidence.ts';
import { requireSigningFor, whenUnsignable } from '../observe/signing.ts';

export interface CaseFixtures {
  /** The runtime this run of the case uses; `functionUrl('SseTicker')` then names that runtime's ticker. */
  language: Language;
  /** The Function URL of a fixture function; a target without it makes the case UNSUPPORTED. */
  functionUrl: (name: string) => string;
  /** The direct invoke endpoint of a fixture function (RIE's route); UNSUPPORTED when absent. */
  invokeUrl: (name: string) => string;
  /** The InvokeWithResponseStream endpoint of a fixture function; UNSUPPORTED when absent. */
  streamInvokeUrl: (name: string) => string;
  /** How long to wait for a fixture function's whole answer: its Timeout and some slack (deadlines.ts). */
  answerDeadlineMs: (name: string) => number;
  /** The floor of timing tolerances (--timing-tolerance), in ms. */
  toleranceFloorMs: number | undefined;
  evidence: Evidence;
  /** The target's logs so far, or undefined when the target exposes none (an external emulator). */
  targetLogs: () => Promise<string | undefined>;
  /**
   * Proves the normal path on the same target before a case asks for a failure. If the check fails,
   * the case is INCONCLUSIVE (its real question was never asked), never PASS and never FAIL.
   */
  precondition: (what: string, check: () => Promise<void>) => Promise<void>;
  /** Judges an answer against the behaviours the case's catalogue entry accepts. */
  accept: (answer: Answer) => void;
}

const caseIdOf = (testInfo: TestInfo) => testInfo.annotations.find((annotation) => annotation.type === 'case')?.description;

function readEndpoints(): EndpointMap {
  const file = process.env[runEnv.bootedEndpoints];
  if (!file) throw new HarnessError('no endpoint map: the run was started without the global setup that boots the target');
  const map = JSON.parse(readFileSync(file, 'utf8')) as EndpointMap;
  for (const entry of Object.values(map.functions)) {
    if (entry.auth === 'aws_iam' && entry.url) requireSigningFor(entry.url);
    if (map.invokeAuth === 'aws_iam') for (const url of [entry.invokeUrl, entry.streamInvokeUrl]) if (url) requireSigningFor(url);
  }
  // Every observer of this worker signs for the map's region.
  if (map.region) process.env.LSC_AWS_REGION = map.region;
  // An observer that cannot sign (the browser) at an AWS_IAM endpoint: UNSUPPORTED there, as a target
  // without the endpoint would be.
  whenUnsignable((reason) => {
    test.info().annotations.push({ type: 'verdict', description: 'UNSUPPORTED' });
    test.skip(true, `UNSUPPORTED: ${reason}`);
  });
  return map;
}

/**
 * One endpoint of a fixture function, exactly as the target declared it: nothing is derived, so a
 * verdict is about the URL the target named. A target without the endpoint makes the case
 * UNSUPPORTED rather than failed.
 */
function endpointOf(endpoints: EndpointMap, behaviour: string, language: Language, kind: 'url' | 'invokeUrl' | 'streamInvokeUrl'): string {
  const name = fixtureFunction(behaviour, language);
  const value = endpoints.functions[name]?.[kind];
  if (!value) {
    test.info().annotations.push({ type: 'verdict', description: 'UNSUPPORTED' });
    test.skip(true, `UNSUPPORTED: ${endpoints.target} gives function ${name} no ${kind}`);
  }
  return value!;
}

export const test = base.extend<CaseFixtures & { knownFailure: void }, { endpoints: EndpointMap }>({
  endpoints: [async ({}, use) => use(readEndpoints()), { scope: 'worker' }],
  language: ['node', { option: true }],
  // A case the target's manifest lists runs as an expected failure: an unexpected pass fails (unless the
  // entry lists PASS too), and so does a failure other than the one the entry's signature describes.
  // The controls take no entry.
  knownFailure: [
    async ({ language, evidence: _evidence }, use, testInfo) => {
      const id = caseIdOf(testInfo);
      const expectation = id && !id.startsWith('CONTROL-') ? runPlan().expectations[caseKey(id, language)] : undefined;
      // --strict: a broken SHOULD (NON_STRICT) is no longer acceptable.
      const strict = process.env[runEnv.strict] === '1';
      const active = expectation && !(strict && expectation.verdict === 'NON_STRICT') ? expectation : undefined;
      if (active) {
        testInfo.annotations.push({ type: 'expected', description: JSON.stringify(active) });
        testInfo.fail(true, active.note);
      }
      await use();
      // An intermittent entry (PASS among its verdicts): the target's timing decided for the pass this time.
      if (active && testInfo.status === 'passed' && allowsPass(active)) testInfo.expectedStatus = 'passed';
      if (active && testInfo.status !== 'passed' && testInfo.status !== 'skipped') {
        const mismatch = mismatchOf(active, testInfo);
        if (mismatch) {
          testInfo.annotations.push({ type: 'mismatch', description: mismatch });
          testInfo.expectedStatus = 'passed';
        }
      }
    },
    { auto: true },
  ],
  functionUrl: async ({ endpoints, language }, use) => use((name) => endpointOf(endpoints, name, language, 'url')),
  invokeUrl: async ({ endpoints, language }, use) => use((name) => endpointOf(endpoints, name, language, 'invokeUrl')),
  streamInvokeUrl: async ({ endpoints, language }, use) => use((name) => endpointOf(endpoints, name, language, 'streamInvokeUrl')),
  answerDeadlineMs: async ({ language }, use) => use((name) => answerDeadlineMs(name, language)),
  toleranceFloorMs: async ({}, use) => {
    const raw = process.env[runEnv.timingTolerance];
    await use(raw ? Number(raw) : undefined);
  },
  targetLogs: async ({}, use) => {
    const logsUrl = process.env[runEnv.targetLogsUrl];
    await use(async () => {
      if (!logsUrl) return undefined;
      const logs = await fetch(logsUrl).then((response) => response.text());
      return logs.length > 0 ? logs : undefined;
    });
  },
  precondition: async ({}, use, testInfo) => {
    await use(async (what, check) => {
      try {
        await check();
      } catch (error) {
        // A harness fault stays an ERROR; a missing endpoint (test.skip) stays UNSUPPORTED.
        if (error instanceof HarnessError || testInfo.expectedStatus === 'skipped') throw error;
        testInfo.annotations.push({ type: 'verdict', description: INCONCLUSIVE });
        throw new Error(`precondition not met (${what}): ${failureLine((error as Error).message) ?? 'failed'}`, { cause: error });
      }
    });
  },
  accept: async ({ evidence }, use, testInfo) => {
    await use((answer) => {
      const accepted = findCase(caseIdOf(testInfo) ?? '')?.accepted;
      if (!accepted) throw new HarnessError(`${caseIdOf(testInfo)} has no acceptance rule in the case catalogue`);
      const judgement = judgeAccepted(accepted, answer);
      evidence.observed(
        judgement.matched.length > 0
          ? `${judgement.matched.join(', ')} (${judgement.summary.split(' / ')[1]})`
          : judgement.summary.split(' / ')[1]!,
      );
      expect(judgement.ok, judgement.summary).toBe(true);
    });
  },
  evidence: async ({}, use, testInfo) => {
    await use(new Evidence(testInfo));
    const logsUrl = process.env[runEnv.targetLogsUrl];
    if (testInfo.status !== testInfo.expectedStatus && logsUrl) {
      const logs = await fetch(logsUrl)
        .then((response) => response.text())
        .catch((error: Error) => `logs unavailable: ${error.message}`);
      await testInfo.attach('target-logs.txt', { body: logs.slice(-200_000), contentType: 'text/plain' });
    }
  },
});

/** Why a failure is not the one a manifest entry excuses, or undefined when it is. */
function mismatchOf(expectation: Expectation, testInfo: TestInfo): string | undefined {
  return failedDifferently(expectation, {
    inconclusive: testInfo.annotations.some((a) => a.type === 'verdict' && a.description === INCONCLUSIVE),
    message: failureLine(testInfo.errors[0]?.message) ?? testInfo.status ?? 'failed',
  });
}

/**
 * Title and annotations of one catalogue case: `test(...lscCase('SSE-001'), async (...) => …)`.
 * The case's clause, requirement and provenance travel with the test into every report.
 */
export function lscCase(id: string, language: Language = 'node'): [string, { annotation: Array<{ type: string; description: string }> }] {
  const meta = findCase(id);
  if (!meta) throw new Error(`${id} is not in harness/cases/catalogue.ts`);
  return [
    `${caseKey(id, language)} ${meta.title}`,
    {
      annotation: [
        { type: 'case', description: id },
        { type: 'runtime', description: language },
        { type: 'clauses', description: meta.clauses.join(', ') },
        { type: 'requirement', description: meta.requirement },
        { type: 'provenance', description: meta.provenance },
      ],
    },
  ];
}

type CaseArgs = CaseFixtures & PlaywrightTestArgs & PlaywrightTestOptions & PlaywrightWorkerArgs & { endpoints: EndpointMap };

/**
 * Declares a catalogue case once per runtime whose fixtures express it (and that the run selected):
 * `SSE-001`, `SSE-001 [go]`, `SSE-001 [rust]`, each with that runtime's functions. Inside a group
 * whose cases must run one after another (one function's invoke cases), pass the group's runtime.
 * A case that loads the machine (many streams or instances at once, hundreds of MB) passes
 * `{ oneRuntimeAtATime: true }`: its variants then run one after another instead of side by side, so
 * they do not pile their load onto each other and onto the timing cases running beside them.
 */
export function lscTest(
  id: string,
  body: (args: CaseArgs, testInfo: TestInfo) => Promise<void>,
  options: Language | { oneRuntimeAtATime: boolean } = { oneRuntimeAtATime: false },
): void {
  const meta = findCase(id);
  if (!meta) throw new Error(`${id} is not in harness/cases/catalogue.ts`);
  const runtimes = caseRuntimes(meta).filter((candidate) => selectedRuntimes().includes(candidate));
  if (typeof options === 'string') {
    if (runtimes.includes(options)) test(...lscCase(id, options), body);
    return;
  }
  const declare = () => {
    for (const language of runtimes)
      test.describe(() => {
        test.use({ language });
        test(...lscCase(id, language), body);
      });
  };
  if (!options.oneRuntimeAtATime) return declare();
  test.describe(`${id} in each runtime`, () => {
    test.describe.configure({ mode: 'default' });
    declare();
  });
}

/** Groups of cases that must run in order, one group per selected runtime (see specs/invoke.cases.ts). */
export function perRuntime(title: string, define: (language: Language) => void): void {
  for (const language of selectedRuntimes()) {
    test.describe(language === 'node' ? title : `${title} [${language}]`, () => {
      test.use({ language });
      define(language);
    });
  }
}

export { expect, Evidence };

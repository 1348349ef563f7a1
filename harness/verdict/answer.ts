import type { Behaviour } from '../cases/catalogue.ts';
import type { SdkObservation } from '../observe/sdk.ts';
import { header, type Timeline } from '../observe/timeline.ts';

/**
 * What an answer tells its client, reduced to the behaviours cases are judged on. This is the one
 * place that decides "this answer signals a failed invocation"; cases whose spec clause is inferred
 * list the behaviours they accept (`accepted` in the case catalogue) from this same vocabulary.
 */
export interface Answer {
  status?: number;
  ending: Timeline['ending'];
  /** X-Amz-Function-Error, where the invoke layer flags a function error. */
  functionError?: string;
  bytes: number;
}

export const behaviours: Record<Behaviour, (answer: Answer) => boolean> = {
  /** A Function URL maps a function error to 502 (SPEC RS-FURL-08 and §10); any 5xx says the invocation failed. */
  'status 5xx': (answer: Answer) => answer.status !== undefined && answer.status >= 500 && answer.status <= 599,
  /** The connection closed before the framing said the body was over. */
  'abnormal end': (answer: Answer) => answer.ending === 'aborted',
  /** The Invoke API's way to flag a function error on a 200. */
  'function error flag': (answer: Answer) => answer.functionError !== undefined,
  'status 200': (answer: Answer) => answer.status === 200,
  'status 429': (answer: Answer) => answer.status === 429,
  /** How Lambda refuses a request at an AWS_IAM Function URL that is not signed as it must be. */
  'status 403': (answer: Answer) => answer.status === 403,
};

export type { Behaviour };

/** The behaviours that signal a failed invocation to a client. */
export const FAILURE_SIGNALS: readonly Behaviour[] = ['status 5xx', 'abnormal end', 'function error flag'];

/** The behaviours that signal a request refused before the function ran. */
export const REFUSAL_SIGNALS: readonly Behaviour[] = ['status 403'];

export function answerOf(timeline: Timeline): Answer {
  return {
    status: timeline.status,
    ending: timeline.ending,
    functionError: header(timeline, 'x-amz-function-error'),
    bytes: timeline.totalBytes,
  };
}

/**
 * What the AWS SDK told its caller, as an answer: the status it saw (its error's, when it raised one),
 * a call the SDK could not finish reading as an abnormal end, and its FunctionError as the flag.
 */
export function answerOfSdk(observation: SdkObservation): Answer {
  const error = observation.sdkError;
  const status = error?.httpStatus ?? observation.StatusCode;
  const cutOff = error !== undefined && error.name !== 'Timeout' && !(status !== undefined && status >= 400);
  return {
    ...(status !== undefined ? { status } : {}),
    ending: error?.name === 'Timeout' ? 'timeout' : cutOff ? 'aborted' : 'complete',
    ...(observation.FunctionError !== undefined ? { functionError: observation.FunctionError } : {}),
    bytes: observation.payloadBytes,
  };
}

export function shown(answer: Answer): string {
  const parts = [
    answer.status === undefined ? 'no status' : `status ${answer.status}`,
    `${answer.bytes} body bytes`,
    `ended ${answer.ending}`,
  ];
  if (answer.functionError !== undefined) parts.push(`X-Amz-Function-Error: ${answer.functionError}`);
  return parts.join(', ');
}

export const behavesAs = (answer: Answer, behaviour: Behaviour): boolean => behaviours[behaviour](answer);

export const signalsFailure = (answer: Answer): boolean => FAILURE_SIGNALS.some((signal) => behavesAs(answer, signal));

export interface AcceptanceJudgement {
  ok: boolean;
  /** "Expected any of: status 5xx, abnormal end / Actual: status 200, 0 body bytes, ended complete" */
  summary: string;
  /** The accepted behaviours the answer showed; recorded as the observed behaviour. */
  matched: Behaviour[];
}

export function judgeAccepted(accepted: readonly Behaviour[], answer: Answer): AcceptanceJudgement {
  if (accepted.length === 0) throw new Error('a case with an acceptance rule must accept at least one behaviour');
  const matched = accepted.filter((behaviour) => behavesAs(answer, behaviour));
  const summary = `Expected any of: ${accepted.join(', ')} / Actual: ${shown(answer)}`;
  return { ok: matched.length > 0, summary, matched };
}

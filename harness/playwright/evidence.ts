import { expect, type TestInfo } from '@playwright/test';
import { HarnessError } from '../core/errors.ts';
import { describeTimeline, type Timeline } from '../observe/timeline.ts';
import { EVIDENCE_CONTENT_TYPE, sdkEvidence, timelineEvidence, type FramesEvidence } from '../report/evidence.ts';
import type { SdkObservation } from '../observe/sdk.ts';
import type { FrameChart, Judgement } from '../verdict/cadence.ts';

/** Evidence attached to the test: what a maintainer needs to see why a case failed. */
export class Evidence {
  constructor(private readonly testInfo: TestInfo) {}

  async timeline(name: string, timeline: Timeline): Promise<void> {
    await this.testInfo.attach(`${name}.txt`, { body: describeTimeline(timeline), contentType: 'text/plain' });
    await this.testInfo.attach(`${name}.json`, {
      body: JSON.stringify(timelineEvidence(name, timeline)),
      contentType: EVIDENCE_CONTENT_TYPE,
    });
  }

  /** Frames with their emission and arrival times, drawn as a chart in the report. */
  async frames(name: string, chart: FrameChart): Promise<void> {
    const evidence: FramesEvidence = { kind: 'frames', name, ...chart };
    await this.testInfo.attach(`${name}-frames.json`, { body: JSON.stringify(evidence), contentType: EVIDENCE_CONTENT_TYPE });
  }

  /** Records which of several allowed behaviours the target showed (for inferred cases). */
  observed(behaviour: string): void {
    this.testInfo.annotations.push({ type: 'observed', description: behaviour });
  }

  /** What the AWS SDK surfaced: into report.json and the HTML report, as a timeline is. */
  async sdk(name: string, observation: SdkObservation): Promise<void> {
    await this.testInfo.attach(`${name}.json`, {
      body: JSON.stringify(sdkEvidence(name, observation)),
      contentType: EVIDENCE_CONTENT_TYPE,
    });
  }

  async json(name: string, value: unknown): Promise<void> {
    await this.testInfo.attach(name, { body: JSON.stringify(value, null, 2), contentType: 'application/json' });
  }

  /**
   * Fails the case with the judgement's one-line summary; details go to an attachment. A judge that
   * could not judge makes the case a harness ERROR.
   */
  async judge(name: string, judgement: Judgement): Promise<void> {
    await this.testInfo.attach(`${name}-judgement.txt`, {
      body: [judgement.summary, ...judgement.details].join('\n'),
      contentType: 'text/plain',
    });
    if (judgement.chart) await this.frames(name, judgement.chart);
    if (judgement.error) throw new HarnessError(judgement.summary);
    expect(judgement.ok, judgement.summary).toBe(true);
  }
}

import http from 'node:http';
import { expect, test } from '@playwright/test';
import { burstTokenHandler, takeBurstTurn } from './burst-token.ts';

async function withTokenServer(body: (url: string) => Promise<void>): Promise<void> {
  const server = http.createServer(burstTokenHandler());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as { port: number }).port}/burst-token`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('turns are taken one at a time', async () => {
  await withTokenServer(async (url) => {
    const granted: string[] = [];
    const first = await takeBurstTurn(url);
    first.answering();
    const turns = ['a', 'b'].map((name) => takeBurstTurn(url).then((turn) => (granted.push(name), turn)));
    // A negative can only be seen over a window: neither is granted while the first holds the token.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(granted).toEqual([]);
    first.release();
    const next = await Promise.race(turns);
    next.answering();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(granted, 'one turn at a time').toHaveLength(1);
    next.release();
    for (const turn of await Promise.all(turns)) turn.release();
    expect(granted.sort()).toEqual(['a', 'b']);
  });
});

test('a holder whose target stays quiet gives the token up; one that dies gives it back', async () => {
  await withTokenServer(async (url) => {
    const quiet = await takeBurstTurn(url, { quietHoldMs: 300 });
    const started = Date.now();
    const next = await takeBurstTurn(url);
    expect(Date.now() - started, 'granted once the quiet hold ran out').toBeGreaterThanOrEqual(250);
    quiet.release();
    next.answering();
    // A worker that dies closes its request, as release does.
    next.release();
    (await takeBurstTurn(url)).release();
  });
});

test('without a token (no global setup) a turn is free, and a case never waits past its bound', async () => {
  const free = await takeBurstTurn(undefined);
  free.release();
  await withTokenServer(async (url) => {
    const holder = await takeBurstTurn(url);
    holder.answering();
    const started = Date.now();
    (await takeBurstTurn(url, { maxWaitMs: 300 })).release();
    expect(Date.now() - started).toBeLessThan(2000);
    holder.release();
  });
});

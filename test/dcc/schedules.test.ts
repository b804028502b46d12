// DSP-held requests (dcc.md 7.2, 8, 14 #25): a 5.1 Daily schedule of 4.6.1 for ESME1 starting
// 2026-04-02 runs at 00:00 UTC each day as a child request whose response goes to the owner;
// 5.2 reads it, 5.3 deletes it and later runs stop; another User cannot read it. A DSP
// future-dated 4.1.1 is held and sent at its ExecutionDateTime. Virtual time, no HTTP.

import { describe, expect, it } from 'vitest';
import { prepareRequest, type PrepareOptions } from '../../host/dcc/prepare-request.js';
import { ESTATE_CLOCK_MS } from '../../host/dcc/reference-estate.js';
import { createDccRuntime } from '../../host/dcc/server/create-runtime.js';
import type { Outbound } from '../../host/dcc/service.js';
import { keystore, provider, readTemplate } from './fixture.js';

const SUPPLIER_EUI = '90B3D51F30010000';

function setup() {
  const posted: { atMs: number; message: Outbound }[] = [];
  const runtime = createDccRuntime({ keys: keystore, provider, startMs: ESTATE_CLOCK_MS, post: async () => 'ok', callbackUrl: 'http://127.0.0.1:9/unused' });
  // Record what the deliverer would POST, with the virtual time of the first attempt.
  runtime.callbacks.observer = (e) => {
    if (e.outcome === undefined) posted.push({ atMs: e.atMs, message: { userId: e.userId, requestId: e.requestId, xml: '' } });
  };
  let counter = 50_000n;
  const send = (template: string, endpoint: 'serviceD' | 'serviceS', opts: PrepareOptions & { signer?: string } = {}) =>
    runtime.handle(endpoint, prepareRequest(readTemplate(template), runtime.service.signers.signingKey(opts.signer ?? SUPPLIER_EUI)!, provider, { counter: counter++, ...opts }));
  return { runtime, posted, send };
}

const code = (body: string): string => /<sr:ResponseCode>([^<]+)</.exec(body)![1]!;
const scheduleIdOf = (body: string): string => /<sr:DSPScheduleID>([^<]+)</.exec(body)![1]!;

describe('DSP schedules and future-dated requests', () => {
  it('#25: Daily 4.6.1 from 2026-04-02; by 2026-04-05T00:00Z exactly 3 SCHEDULED responses; 5.3 stops later runs', async () => {
    const { runtime, posted, send } = setup();
    const template = readTemplate('ECS21a_5.1._DCC_SCHEDULED_REQUEST_DUIS.XML').replace('2015-01-02', '2026-04-02');
    const created = runtime.handle('serviceD', prepareRequest(template, runtime.service.signers.signingKey(SUPPLIER_EUI)!, provider, { counter: 40_000n }));
    expect(code(created.body)).toBe('I0');
    const id = scheduleIdOf(created.body);
    await runtime.advanceTo(Date.UTC(2026, 3, 5));
    const responses = posted.filter((p) => p.message.requestId.startsWith('90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:'));
    expect(responses.map((p) => new Date(p.atMs).toISOString())).toEqual(['2026-04-02T00:00:10.000Z', '2026-04-03T00:00:10.000Z', '2026-04-04T00:00:10.000Z']);
    const scheduled = runtime.service.state.events.filter((e) => e.detail === 'SCHEDULED');
    expect(scheduled).toHaveLength(4); // the 5 April run has started; its response is still on the WAN
    const read = send('5.2_READ_SCHEDULE_REQUEST_DUIS.XML', 'serviceD', { bodyXml: `<sr:ReadSchedule xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:DSPScheduleID>${id}</sr:DSPScheduleID></sr:ReadSchedule>` });
    expect(read.body).toContain('<sr:ScheduleFrequency>Daily</sr:ScheduleFrequency>');
    const foreign = send('5.2_READ_SCHEDULE_REQUEST_DUIS.XML', 'serviceD', {
      signer: '90B3D51F30020000', requestId: '90-B3-D5-1F-30-02-00-00:90-B3-D5-1F-30-00-00-02:70000',
      bodyXml: `<sr:ReadSchedule xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:DSPScheduleID>${id}</sr:DSPScheduleID></sr:ReadSchedule>`,
    });
    expect(code(foreign.body)).toBe('E050201');
    const deleted = send('5.3_DELETE_SCHEDULE_REQUEST_DUIS.XML', 'serviceD', { bodyXml: `<sr:DeleteSchedule xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"><sr:DSPScheduleID>${id}</sr:DSPScheduleID></sr:DeleteSchedule>` });
    expect(code(deleted.body)).toBe('I99');
    await runtime.advanceTo(Date.UTC(2026, 3, 8));
    expect(runtime.service.state.events.filter((e) => e.detail === 'SCHEDULED')).toHaveLength(4);
  });

  it('a DSP future-dated 4.1.1 is held (I99) and sent at its ExecutionDateTime', async () => {
    const { runtime, send } = setup();
    const at = Date.UTC(2026, 3, 1, 9, 10);
    const reply = send('ECS17b_4.1.1_DSP_FUTURE_DATED_REQUEST_DUIS.XML', 'serviceS', { redate: () => new Date(at).toISOString() });
    expect(code(reply.body)).toBe('I99');
    expect(runtime.service.state.pending.size).toBe(0);
    await runtime.advanceTo(at - 1);
    expect(runtime.service.state.pending.size).toBe(0);
    await runtime.advanceTo(at);
    expect([...runtime.service.state.pending.values()].map((p) => p.sentAtMs)).toEqual([at]);
  });
});

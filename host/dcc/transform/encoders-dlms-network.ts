import { messageCodesOf } from '../../../gbcs/tables/message-codes.js';
import { get, accessRequest, type AccessItem } from './dlms-request.js';
import { rangeRead } from './encoders-dlms-logs.js';
import type { EncoderRow, TransformInput } from './types.js';

// SR 4.10 Read Network Data on an ESME (GBCS 5.5): per phase, the RMS voltage sag / swell counters
// (class 3 value and scaler-unit), the average RMS voltage profile over ReadLogPeriod and its
// capture period. ECS23 reads L1; ECS23b, the polyphase sibling (tables/sibling-use-cases.ts),
// L1, L2 and L3. Objects as the RTDS reference commands have them.

const REGISTER_CLASS = 3;
const PROFILE_CLASS = 7;
const VALUE = 2;
const SCALER_UNIT = 3;
const CAPTURE_PERIOD = 4;
/** OBIS group C of each phase's voltage quantities (L1 32, L2 52, L3 72). */
const PHASES: Readonly<Record<'ECS23' | 'ECS23b', readonly number[]>> = { ECS23: [32], ECS23b: [32, 52, 72] };

function phaseItems(c: number, i: TransformInput): AccessItem[] {
  return [
    get(REGISTER_CLASS, `1-0:${c}.32.0.4`, VALUE), get(REGISTER_CLASS, `1-0:${c}.32.0.4`, SCALER_UNIT),
    get(REGISTER_CLASS, `1-0:${c}.36.0.4`, VALUE), get(REGISTER_CLASS, `1-0:${c}.36.0.4`, SCALER_UNIT),
    rangeRead(`1-0:${c}.24.0.255`, i.request), get(PROFILE_CLASS, `1-0:${c}.24.0.255`, CAPTURE_PERIOD),
  ];
}

function commandCode(useCase: string): number {
  const row = messageCodesOf(useCase).find((r) => r.kind === 'command');
  if (!row) throw new RangeError(`no GBCS command code for ${useCase}`); // table invariant
  return row.code;
}

export const DLMS_NETWORK_ENCODERS: readonly EncoderRow[] = (['ECS23', 'ECS23b'] as const).map((useCase) => {
  const messageCode = commandCode(useCase);
  return { useCase, srv: '4.10', deviceTypes: ['ESME'], encode: (i) => ({ messageCode, content: accessRequest(i.counter, PHASES[useCase].flatMap((c) => phaseItems(c, i))) }) };
});

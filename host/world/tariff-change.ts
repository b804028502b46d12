import { encodeDlms } from '../../gbcs/payload/dlms.js';
import { encodeDlmsDateTime, DEVIATION_NOT_SPECIFIED } from '../../gbcs/payload/dlms-date-time.js';
import type { AccessRequestItem } from '../../gbcs/payload/dlms-request.js';
import type { TariffChange } from '../scenario/scenario.js';
import { invokeIdBytes } from '../head-end.js';
import { useCaseCounts } from './premises-stats.js';
import { MESSAGE_CODE } from './remote-commands.js';
import type { PremisesWorld } from './premises-world.js';
import {
  CHARGE_ACTIVATION, CHARGE_CLASS_ID, CHARGE_PASSIVE, PRICE_MATRIX_OBIS, STANDING_CHARGE_OBIS, priceMatrixValue, standingChargeValue,
} from './tariff-objects.js';
import { DAY_MS } from './uk-time.js';
import { SUPPLIER_EUI } from './world-context.js';

// The supplier's price changes (scenario tariffChanges): ECS01b Set Price (GBCS 11.1, devices
// 3.3) built as the reference `1.2.1_ECS01b FUTURE_DATED` command is: SETs of the passive
// standing charge and price matrix (class 113 attribute 6) and of their activation date-times
// (attribute 7), signed by the supplier and MACed by the ACB through the head-end, sent over the
// SM WAN `sendDaysBefore` days ahead. The ESME activates it at the date-time (0x8F66 per part)
// and its ledger prices from then on with the new charges.

const CLOCK_STATUS_NOT_SPECIFIED = 0xff;

/** When the command of a price change is sent: sendDaysBefore days ahead, not before the run starts. */
export function tariffChangeSendMs(w: PremisesWorld, change: TariffChange): number {
  return Math.max(w.ctx.startMs, Date.parse(change.activation) - change.sendDaysBefore * DAY_MS);
}

function activationDateTime(ms: number): Uint8Array {
  const t = new Date(ms);
  return encodeDlmsDateTime({
    year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, dayOfMonth: t.getUTCDate(), dayOfWeek: 0xff,
    hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds(), hundredths: 0,
    deviation: DEVIATION_NOT_SPECIFIED, clockStatus: CLOCK_STATUS_NOT_SPECIFIED,
  });
}

/** The DLMS access-request of an ECS01b price change. */
export function ecs01bContent(change: TariffChange): (counter: bigint) => Uint8Array {
  const set = (obis: string, member: number, data: AccessRequestItem['data']): AccessRequestItem => ({ kind: 'set', target: { classId: CHARGE_CLASS_ID, obis }, member, data });
  const when = { type: 'octet-string', value: activationDateTime(Date.parse(change.activation)) } as const;
  const items = [
    set(STANDING_CHARGE_OBIS, CHARGE_PASSIVE, standingChargeValue(change.tariff.standingChargeMilliPencePerDay)),
    set(PRICE_MATRIX_OBIS, CHARGE_PASSIVE, priceMatrixValue(change.tariff.unitPriceMilliPencePerKWh)),
    set(STANDING_CHARGE_OBIS, CHARGE_ACTIVATION, when),
    set(PRICE_MATRIX_OBIS, CHARGE_ACTIVATION, when),
  ];
  return (counter) => {
    const longInvokeIdAndPriority = invokeIdBytes(counter).reduce((v, byte) => v * 256 + byte, 0);
    return encodeDlms({ apdu: 'access-request', longInvokeIdAndPriority, dateTime: new Uint8Array(0), items });
  };
}

export function sendTariffChange(w: PremisesWorld, nowMs: number, change: TariffChange): void {
  const { s } = w;
  const d = w.roles.esme;
  const command = s.headEnd.buildCommand(SUPPLIER_EUI, w.euis[d]!, MESSAGE_CODE.ECS01b, ecs01bContent(change));
  s.stats.commandsSent++;
  useCaseCounts(s.stats, change.useCase).sent++;
  w.sendDown(nowMs, d, command.bytes);
}

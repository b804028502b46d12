// Future-dated activation on the ESME (devices 1.3 "Future-dated command", 11.6; GBCS 9.3): a
// command writes passive values and an activation date-time. The date-time decides: all zero =
// activate now, all FF = cancel the pending activation of that use case, else activate then and
// raise 0x8F66 naming the activation attribute. Activating copies each passive attribute to its
// active twin. This table lists every activation attribute the reference commands use with the
// copies it triggers; a class-9000 activation attribute (a6) not listed copies its own a4 to a2
// (GBCS 5.4: value_passive -> value_active). Part names are the reference alert file suffixes.

export interface ActivationRow {
  readonly part: string;
  /** The activation date-time attribute, 'class/OBIS/attribute'. */
  readonly activation: string;
  /** [passive, active] attribute pairs, 'class/OBIS/attribute'. */
  readonly copies: readonly (readonly [string, string])[];
}

const calendar = (obis: string) =>
  [[`20/${obis}/7`, `20/${obis}/3`], [`20/${obis}/8`, `20/${obis}/4`], [`20/${obis}/9`, `20/${obis}/5`]] as const;
const passiveToActive = (classId: number, passiveObis: string, activeObis: string, attribute: number) =>
  [`${classId}/${passiveObis}/${attribute}`, `${classId}/${activeObis}/${attribute}`] as const;
const blockThresholds = [11, 12, 13, 14, 15, 16, 17, 18].map((tou) => passiveToActive(21, `0-0:16.1.${tou}.255`, `0-0:16.0.${tou}.255`, 2));

export const ESME_ACTIVATIONS: readonly ActivationRow[] = [
  { part: 'SWITCHING_TABLE', activation: '20/0-0:13.0.0.255/10', copies: calendar('0-0:13.0.0.255') }, // ECS01a
  { part: 'SWITCHING_TABLE', activation: '20/0-0:13.0.1.255/10', copies: calendar('0-0:13.0.1.255') }, // ECS01c secondary element
  { part: 'SPECIAL_DAYS', activation: '9000/0-0:94.44.128.29/6', copies: [passiveToActive(11, '0-1:11.0.0.255', '0-0:11.0.0.255', 2)] },
  { part: 'SPECIAL_DAYS', activation: '9000/0-0:94.44.128.30/6', copies: [passiveToActive(11, '0-1:11.0.1.255', '0-0:11.0.1.255', 2)] },
  { part: 'SPECIAL_DAYS', activation: '9000/0-0:94.44.128.31/6', copies: [passiveToActive(11, '0-1:11.0.2.255', '0-0:11.0.2.255', 2)] }, // ECS08 non-disablement
  { part: 'CALENDAR', activation: '9000/0-0:94.44.128.28/6', copies: [passiveToActive(10, '0-1:12.0.1.255', '0-0:12.0.1.255', 2)] }, // ECS08 non-disablement
  { part: 'CALENDAR', activation: '9000/0-0:94.44.128.26/6', copies: [passiveToActive(10, '0-1:12.0.2.255', '0-0:12.0.2.255', 2)] }, // ECS46d auxiliary
  { part: 'SPECIAL_DAYS', activation: '9000/0-0:94.44.128.35/6', copies: [passiveToActive(11, '0-1:11.0.3.255', '0-0:11.0.3.255', 2)] }, // ECS46d auxiliary
  { part: 'THRESHOLD_MATRIX', activation: '9000/0-0:63.1.1.255/6', copies: blockThresholds },
  { part: 'STANDING_CHARGE', activation: '113/0-0:19.20.4.255/7', copies: [['113/0-0:19.20.4.255/6', '113/0-0:19.20.4.255/5']] },
  { part: 'PRICE_MATRIX', activation: '113/0-0:19.20.0.255/7', copies: [['113/0-0:19.20.0.255/6', '113/0-0:19.20.0.255/5']] },
  { part: 'PRICE_MATRIX', activation: '113/0-0:19.20.5.255/7', copies: [['113/0-0:19.20.5.255/6', '113/0-0:19.20.5.255/5']] }, // ECS01c/d
  { part: 'PAYMENT_MODE', activation: '111/0-1:19.0.0.255/13', copies: [passiveToActive(111, '0-1:19.0.0.255', '0-0:19.0.0.255', 2), passiveToActive(111, '0-1:19.0.0.255', '0-0:19.0.0.255', 11)] }, // ECS02
];

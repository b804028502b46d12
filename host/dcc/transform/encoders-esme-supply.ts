import { action, AXDR } from './dlms-request.js';
import { dlmsRow } from './encoders-esme-common.js';
import type { EncoderRow } from './types.js';

// Supply control and emergency credit on an ESME (devices.md 5.2, 4.8; GBCS 5.5 [unverified
// mapping], as the firmware serves them: gbcs/tables/esme-objects.ts). No RTDS folder exists for
// these critical use cases; each goes transform -> pre-command signed by the User -> send.
// ECS43 opens the load switch (class 70 m1 remote_disconnect), ECS42 closes it and ECS44 arms
// it (m2 remote_reconnect: the message code tells them apart), ECS09 invokes emergency credit
// (class 112 m3 on the emergency credit object).

const DISCONNECT_CONTROL_CLASS = 70;
const LOAD_SWITCH = '0-0:96.3.10.255';
const REMOTE_DISCONNECT = 1;
const REMOTE_RECONNECT = 2;
const CREDIT_CLASS = 112;
const EMERGENCY_CREDIT = '0-0:19.10.1.255';
const INVOKE_CREDIT = 3;

export const ESME_SUPPLY_ENCODERS: readonly EncoderRow[] = [
  dlmsRow('ECS42', '7.1', () => [action(DISCONNECT_CONTROL_CLASS, LOAD_SWITCH, REMOTE_RECONNECT, AXDR.integer(0))]),
  dlmsRow('ECS43', '7.2', () => [action(DISCONNECT_CONTROL_CLASS, LOAD_SWITCH, REMOTE_DISCONNECT, AXDR.integer(0))]),
  dlmsRow('ECS44', '7.3', () => [action(DISCONNECT_CONTROL_CLASS, LOAD_SWITCH, REMOTE_RECONNECT, AXDR.null())]),
  dlmsRow('ECS09', '2.5', () => [action(CREDIT_CLASS, EMERGENCY_CREDIT, INVOKE_CREDIT, AXDR.null())]),
];

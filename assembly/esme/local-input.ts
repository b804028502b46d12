import { INBOX_BASE } from '../layout';
import { Status } from '../status';
import { device } from '../device/context';
import { DEVICE_TYPE_ESME, DEVICE_TYPE_CHF, DEVICE_TYPE_PPMID, DEVICE_TYPE_HCALCS, DEVICE_TYPE_SAPC, DEVICE_TYPE_GSME, DEVICE_TYPE_GPF } from '../device/types';
import { esmeState, ELEMENTS_SINGLE, ELEMENTS_TWIN } from './state';
import { loadU64BE } from '../bytes';
import { parseCertificate, parsedCertificate, KEY_USAGE_DS, KEY_USAGE_KA } from '../asn1/certificate';
import { powerEvent, LOCAL_POWER_EVENT } from '../power/power-event';
import { scriptedAlert, scriptedGbzAlert, LOCAL_SCRIPT_ALERT } from '../alerts/scripted';
import { putCell, setSequenceNumber, findDeviceLogEntry, addDeviceLogEntry, ROLES_MAX, USAGE_DS, USAGE_KA, CELL_ID_PREPAYMENT } from '../credentials/store';

// LOCAL inputs that only an ESME understands (host/local-inputs.ts encodes them); the common
// kinds are in device/local-input.ts, which hands every kind it does not know to this file.
// Each is validated whole before it changes anything.

export const LOCAL_SET_ELEMENTS: u8 = 16;
export const LOCAL_ELEMENT2_CONSUMPTION: u8 = 17;
export const LOCAL_TRUST_ANCHOR: u8 = 18;
export const LOCAL_DEVICE_LOG_ENTRY: u8 = 19;
const TRUST_ANCHOR_HEADER_BYTES: u32 = 7;
const DEVICE_LOG_ENTRY_BYTES_IN: u32 = 10;
const DEVICE_TYPE_MAX: u32 = 6; // GBCS 7: 0 GSME … 6 Type 2
const SET_ELEMENTS_BYTES: u32 = 2;
const ELEMENT2_CONSUMPTION_BYTES: u32 = 5;

/** The DLMS devices whose scripted events raise DLMS alerts (alerts/scripted.ts): the ESME and the
 *  HAN devices of Appendix S (CHF DBCH06/07/10, SAPC ECS100/ECS102); not the GBZ GSME / GPF. */
function scriptsDlmsAlerts(deviceType: u32): bool {
  return deviceType == DEVICE_TYPE_ESME || deviceType == DEVICE_TYPE_CHF || deviceType == DEVICE_TYPE_PPMID ||
    deviceType == DEVICE_TYPE_HCALCS || deviceType == DEVICE_TYPE_SAPC;
}

/** Status.BAD_INPUT for a kind no ESME input handles (or a device that is not an ESME). */
export function esmeLocalInput(slot: u32, kind: u8, length: u32): Status {
  if (kind == LOCAL_POWER_EVENT) return powerEvent(slot, length); // every device type takes it (power/power-event.ts)
  if (kind == LOCAL_SCRIPT_ALERT && scriptsDlmsAlerts(device(slot).deviceType)) return scriptedAlert(slot, length);
  if (kind == LOCAL_SCRIPT_ALERT && device(slot).deviceType == DEVICE_TYPE_GSME) return scriptedGbzAlert(slot, length); // GBZ alerts (devices R.12)
  // The SAPC and CHF hold a certificate store too, where the ESME's is (sapc/sapc.ts: CS02g; chf/chf.ts: CS02a).
  if (kind == LOCAL_TRUST_ANCHOR && (device(slot).deviceType == DEVICE_TYPE_SAPC || device(slot).deviceType == DEVICE_TYPE_CHF)) return trustAnchor(slot, length);
  // The GSME and GPF hold a credential store and device log too (gsme/asn1.ts).
  if ((kind == LOCAL_TRUST_ANCHOR || kind == LOCAL_DEVICE_LOG_ENTRY) && holdsCredentialStore(device(slot).deviceType)) {
    return kind == LOCAL_TRUST_ANCHOR ? trustAnchor(slot, length) : deviceLogEntryInput(slot, length);
  }
  if (device(slot).deviceType != DEVICE_TYPE_ESME) return Status.BAD_INPUT;
  if (kind == LOCAL_SET_ELEMENTS) {
    // Installation: a single-element or twin-element meter (devices 2, variants).
    if (length != SET_ELEMENTS_BYTES) return Status.BAD_LENGTH;
    const count = <u32>load<u8>(INBOX_BASE + 1);
    if (count != ELEMENTS_SINGLE && count != ELEMENTS_TWIN) return Status.BAD_INPUT;
    esmeState(slot).elementCount = count;
    return Status.OK;
  }
  if (kind == LOCAL_ELEMENT2_CONSUMPTION) {
    // Energy through the secondary element (devices 2.1): only a twin meter has one; registers only count up.
    if (length != ELEMENT2_CONSUMPTION_BYTES) return Status.BAD_LENGTH;
    const importWh = load<i32>(INBOX_BASE + 1);
    if (importWh < 0) return Status.BAD_INPUT;
    const e = esmeState(slot);
    if (e.elementCount != ELEMENTS_TWIN) return Status.BAD_INPUT;
    e.element2ImportActiveWh += importWh;
    return Status.OK;
  }
  if (kind == LOCAL_TRUST_ANCHOR) return trustAnchor(slot, length);
  if (kind == LOCAL_DEVICE_LOG_ENTRY) return deviceLogEntryInput(slot, length);
  return Status.BAD_INPUT;
}

function holdsCredentialStore(deviceType: u32): bool {
  return deviceType == DEVICE_TYPE_GSME || deviceType == DEVICE_TYPE_GPF;
}

// Installation: a HAN device already joined to the device (CS03x / CS04x device log).
function deviceLogEntryInput(slot: u32, length: u32): Status {
  if (length != DEVICE_LOG_ENTRY_BYTES_IN) return Status.BAD_LENGTH;
  const eui = loadU64BE(INBOX_BASE + 1);
  const deviceType = <u32>load<u8>(INBOX_BASE + 9);
  if (deviceType > DEVICE_TYPE_MAX || findDeviceLogEntry(slot, eui) >= 0) return Status.BAD_INPUT;
  return addDeviceLogEntry(slot, eui, deviceType) ? Status.OK : Status.TABLE_FULL;
}

// role u8 | cellId u8 | sequenceNumber u32 | DER X.509 certificate: the certificate's subject, key
// id and key usage go into the trust-anchor cell (GBCS 4.7), the number becomes the role's.
function trustAnchor(slot: u32, length: u32): Status {
  if (length <= TRUST_ANCHOR_HEADER_BYTES) return Status.BAD_LENGTH;
  const role = <u32>load<u8>(INBOX_BASE + 1);
  const cellId = <u32>load<u8>(INBOX_BASE + 2);
  const sequence = load<u32>(INBOX_BASE + 3);
  if (role >= ROLES_MAX || cellId > <u32>CELL_ID_PREPAYMENT) return Status.BAD_INPUT;
  if (!parseCertificate(INBOX_BASE + TRUST_ANCHOR_HEADER_BYTES, INBOX_BASE + length)) return Status.BAD_INPUT;
  const c = parsedCertificate();
  const usage = c.keyUsage == KEY_USAGE_DS ? <u32>USAGE_DS : c.keyUsage == KEY_USAGE_KA ? <u32>USAGE_KA : 0;
  if (usage == 0 || c.subjectEui == 0) return Status.BAD_INPUT; // a cell names a party
  if (!putCell(slot, role, usage, cellId, c.subjectEui, c.subjectKeyId)) return Status.TABLE_FULL;
  setSequenceNumber(slot, role, sequence);
  return Status.OK;
}

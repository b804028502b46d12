import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { fromHex } from '../../gbcs/crypto/bytes.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { generateUTRN, type UtrnValueClass } from '../../gbcs/utrn.js';
import { Firmware } from '../../host/firmware.js';
import { LookupKeyring } from '../../host/keyring.js';
import { ACB_EUI, DEFAULT_START_MS, SUPPLIER_EUI } from '../../host/premises.js';
import { HeadEnd } from '../../host/head-end.js';
import { encodeGbz, type GbzComponent } from '../../gbcs/payload/gbz.js';
import type { ZclRecord } from '../../gbcs/payload/zcl-fields.js';
import { provisioningRecord } from '../../host/provisioning.js';
import { SecureElement } from '../../host/secure-element.js';
import { DEVICE_TYPES, Status } from '../../host/status.js';
import { LEDGER_VALUE, ledgerSetInput } from '../../host/local-inputs.js';
import { setZclAttributeInput } from '../../host/gsme-inputs.js';
import { readLedger, PAYMENT_MODE } from '../../host/ledger-view.js';
import { PARTIES } from './esme-fixture.js';

// A prepayment GSME for ledger tests (devices.md 4.16): one gas meter provisioned like the
// default premises, its ledger set up through LOCAL inputs (LEDGER_SET, and the Price cluster
// attributes through SET_ZCL_ATTRIBUTE: conversion factor 1.02264, calorific value 40.0 MJ/m3,
// 6 p/kWh, standing charge 30 p/day), UTRNs made with the test PKI's supplier prepayment key.
// Defaults as the ESME ledger fixture: MB 1 000 p, ECL 500, ECT 100, LCT 200, DT 0,
// MaxMB 25 000, MaxCT 10 000, PREPAYMENT.

export const P = 1000n;

/** One ZCL command of a GBZ command (gbcs/payload/zcl-commands.ts field names). */
export interface GsmeZclCommand { clusterId: number; commandId: number; serverToClient: boolean; fields: ZclRecord }
export const GSME_EUI = '00DB0000000000A1';
const PRICE = 0x0700;
const UINT32 = 0x23;
const UINT8 = 0x20;
const BITMAP8 = 0x18;
/** 2026-01-05T00:00:00Z, a Monday. */
export const MONDAY_MS = Date.UTC(2026, 0, 5);

/** The fixture's pricing: CF 1.02264 (5 digits), CV 40.0 MJ/m3 (1 digit), 6 000 milli-pence per kWh. */
export const GAS_PRICING = { cfRaw: 102_264n, cfDigits: 5, cvRaw: 400n, cvDigits: 1, priceMilliPerKWh: 6_000n } as const;

/** 1/GAS_ENERGY_UNITS Wh: the unit of the GSME's carried gas energy (assembly/ledger/state.ts). */
export const GAS_ENERGY_UNITS = 36_000_000n;

/**
 * The gas energy of a total volume in 1/GAS_ENERGY_UNITS Wh, exactly: dm3 x cf x cv x 10^(7 - digits)
 * (kWh = m3 x CF x CV / 3.6, devices 3.5; 1 MJ = 10^6 / 3600 Wh). The GSME rates its whole Wh and carries the rest.
 */
export function gasEnergyUnits(dm3: bigint): bigint {
  return dm3 * GAS_PRICING.cfRaw * GAS_PRICING.cvRaw * 10n ** BigInt(7 - GAS_PRICING.cfDigits - GAS_PRICING.cvDigits);
}

function u32(value: number): Uint8Array {
  const b = new Uint8Array(5);
  b[0] = UINT32;
  new DataView(b.buffer).setUint32(1, value, true);
  return b;
}

export function createGsmeLedgerWorld(seed = 7n) {
  const provider = createNodeProvider();
  const keys = new TestPki(seed, provider, { organisations: PARTIES });
  const secureElement = new SecureElement(provider);
  const firmware = new Firmware(secureElement, 'debug');
  const slot = 0;
  secureElement.attach(slot, new LookupKeyring(provider, keys, GSME_EUI, PARTIES.map((p) => p.eui)));
  const created = firmware.createDevice(slot, DEVICE_TYPES.GSME, DEFAULT_START_MS, provisioningRecord(GSME_EUI, PARTIES));
  if (created !== Status.OK) throw new Error(`createDevice GSME -> ${created}`);
  const state = { nowMs: MONDAY_MS };
  const local = (bytes: Uint8Array) => {
    const status = firmware.deliverMessage(slot, 'LOCAL', bytes, state.nowMs);
    if (status !== Status.OK) throw new Error(`LOCAL input ${bytes[0]} -> ${status}`);
  };
  const set = (register: number, value: bigint) => local(ledgerSetInput(register, value));
  const secretKeys = {
    privateKey: keys.privateKey(SUPPLIER_EUI, 'pp-ka'),
    peerPublicKey: keys.publicKey(GSME_EUI, 'ka'),
    supplierEui: fromHex(SUPPLIER_EUI),
    deviceEui: fromHex(GSME_EUI),
  };
  firmware.advanceTime(slot, state.nowMs);
  local(setZclAttributeInput(PRICE, 0x0302, u32(Number(GAS_PRICING.cfRaw))));
  local(setZclAttributeInput(PRICE, 0x0303, Uint8Array.of(BITMAP8, GAS_PRICING.cfDigits << 4)));
  local(setZclAttributeInput(PRICE, 0x0304, u32(Number(GAS_PRICING.cvRaw))));
  local(setZclAttributeInput(PRICE, 0x0305, Uint8Array.of(UINT8, 1))); // MJ/m3
  local(setZclAttributeInput(PRICE, 0x0306, Uint8Array.of(BITMAP8, GAS_PRICING.cvDigits << 4)));
  local(setZclAttributeInput(PRICE, 0x0400, u32(Number(GAS_PRICING.priceMilliPerKWh))));
  local(setZclAttributeInput(PRICE, 0x0301, u32(30_000))); // standing charge 30 p/day
  set(LEDGER_VALUE.PAYMENT_MODE, BigInt(PAYMENT_MODE.PREPAYMENT));
  set(LEDGER_VALUE.EC_LIMIT, 500n * P);
  set(LEDGER_VALUE.EC_THRESHOLD, 100n * P);
  set(LEDGER_VALUE.LOW_CREDIT_THRESHOLD, 200n * P);
  set(LEDGER_VALUE.DISABLEMENT_THRESHOLD, 0n);
  set(LEDGER_VALUE.MAX_METER_BALANCE, 25_000n * P);
  set(LEDGER_VALUE.MAX_CREDIT_THRESHOLD, 10_000n * P);
  set(LEDGER_VALUE.METER_BALANCE, 1000n * P);
  firmware.drainOutbox();
  const headEnd = new HeadEnd(provider, keys, ACB_EUI);
  let sequence = 0;
  return {
    provider, keys, secureElement, firmware, slot, state, local, set, headEnd,
    ledger: () => readLedger(firmware, slot, { gas: true })!,
    advanceTo: (ms: number) => {
      state.nowMs = ms;
      const status = firmware.advanceTime(slot, ms);
      if (status !== Status.OK) throw new Error(`advanceTime -> ${status}`);
    },
    /** A GBZ command of ZCL commands from the supplier at the fixture's clock; the decoded answers and what followed. */
    send: (messageCode: number, commands: readonly GsmeZclCommand[], options: { open?: boolean } = {}) => {
      firmware.drainOutbox();
      const components: GbzComponent[] = commands.map((c, i) => ({
        control: i === commands.length - 1 ? 0x01 : 0x00, clusterId: c.clusterId,
        zcl: { frameControl: c.serverToClient ? 0x09 : 0x01, sequenceNumber: ++sequence & 0xff, commandId: c.commandId },
        payload: { kind: 'command', fields: c.fields },
      }));
      const content = () => encodeGbz({ form: 'components', profileId: 0x0109, components });
      const built = headEnd.buildCommand(SUPPLIER_EUI, GSME_EUI, messageCode, content);
      const status = firmware.deliverMessage(slot, 'WAN', built.bytes, state.nowMs);
      if (status !== Status.OK) throw new Error(`GBZ ${messageCode} -> ${status}`);
      const out = firmware.drainOutbox();
      return options.open === false ? [] : out.map((m) => headEnd.open(m.bytes)); // open: verify and decode (costs a signature check each)
    },
    utrn: (counterHigh: number, value: number, valueClass: UtrnValueClass = 'pence') =>
      generateUTRN(provider, secretKeys, { counter: BigInt(counterHigh) << 32n, valueClass, value }),
  };
}

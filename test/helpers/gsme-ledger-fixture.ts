import { createNodeProvider } from '../../gbcs/crypto/node-provider.js';
import { fromHex } from '../../gbcs/crypto/bytes.js';
import { TestPki } from '../../gbcs/keys/test-pki.js';
import { generateUTRN, type UtrnValueClass } from '../../gbcs/utrn.js';
import { Firmware } from '../../host/firmware.js';
import { LookupKeyring } from '../../host/keyring.js';
import { DEFAULT_START_MS, SUPPLIER_EUI } from '../../host/premises.js';
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
export const GSME_EUI = '00DB0000000000A1';
const PRICE = 0x0700;
const UINT32 = 0x23;
const UINT8 = 0x20;
const BITMAP8 = 0x18;
/** 2026-01-05T00:00:00Z, a Monday. */
export const MONDAY_MS = Date.UTC(2026, 0, 5);

/** The fixture's pricing: CF 1.02264 (5 digits), CV 40.0 MJ/m3 (1 digit), 6 000 milli-pence per kWh. */
export const GAS_PRICING = { cfRaw: 102_264n, cfDigits: 5, cvRaw: 400n, cvDigits: 1, priceMilliPerKWh: 6_000n } as const;

/** The exact cost of dm3 in 1/1 000 000 milli-penny as the GSME computes it (assembly/gsme/prepayment.ts gasCost). */
export function gasCostFraction(dm3: bigint): bigint {
  const den = 36n * 10n ** BigInt(GAS_PRICING.cfDigits + GAS_PRICING.cvDigits);
  const x = dm3 * GAS_PRICING.cfRaw * GAS_PRICING.cvRaw;
  const a = GAS_PRICING.priceMilliPerKWh * 10_000n;
  return (x / den) * a + ((x % den) * a) / den;
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
  return {
    provider, keys, secureElement, firmware, slot, state, local, set,
    ledger: () => readLedger(firmware, slot, { gas: true })!,
    utrn: (counterHigh: number, value: number, valueClass: UtrnValueClass = 'pence') =>
      generateUTRN(provider, secretKeys, { counter: BigInt(counterHigh) << 32n, valueClass, value }),
  };
}

// PCS01 / PECS01: a UTRN typed on the PPMID reaches the meter it names over the HAN (devices.md
// 4.11, 8.1), in a device-to-device GBCS envelope MACed with the emulator's d2d key path: ECDH
// between the two devices' own KA keys, the GBCS 4.2 KDF and 4.3 GMAC (gbcs.md 14 trap 18: the
// keystore supplies no d2d keys, so the reference PCS01 pair stays unverifiable, pinned in
// test/gbcs/security.test.ts). The gbcs/ codec verifies the emulated messages independently with
// the test PKI's device keys. A bad MAC or a replayed counter is refused with its own status and
// changes nothing; the PPMID takes only the answer it is waiting for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireSharedData, RTDS_DIR } from '../gbcs/reference-data.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { SecurityContext, verifyMac } from '../../gbcs/security.js';
import { ppmidTopUpInput } from '../../host/han-device-inputs.js';
import { readPpmid } from '../../host/han-device-view.js';
import { readLedger } from '../../host/ledger-view.js';
import { readDeviceCounters } from '../../host/device-view.js';
import { Status } from '../../host/status.js';
import { createHanPremises, EUI, P } from '../helpers/han-premises-fixture.js';

const PCS01 = 0x009b;
const PECS01 = 0x0116;
requireSharedData();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('PCS01 Apply Prepayment Top Up to a GSME using PPMID', () => {
  it('the PPMID sends PCS01 MACed with the PPMID-GSME key; the GSME credits 20 pounds and answers ConsumerTopUpResponse', () => {
    const p = createHanPremises();
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, p.utrn('GSME', 7, 20)));
    expect(sent.status).toBe(Status.OK);
    expect(sent.han).toHaveLength(1);
    const command = parseEnvelope(sent.han[0]!);
    expect(command).toMatchObject({ cra: 1, originator: EUI.PPMID, recipient: EUI.GSME, transactionId: 1n });
    expect(command.otherInfo.messageCode).toBe(PCS01);
    // GBCS 10.1: ConsumerTopUp (ZCL sequence = the counter's low byte), originating device 02 (PPMID), the 20 digits.
    expect(hex(command.content).slice(0, 26)).toBe('01090101070500190101040214');
    const security = new SecurityContext({ keystore: p.keys, provider: p.provider });
    expect(() => verifyMac(command, security)).not.toThrow();

    const answered = p.deliver('GSME', 'HAN', sent.han[0]!);
    expect(answered.status).toBe(Status.OK);
    expect(answered.han).toHaveLength(1);
    const response = parseEnvelope(answered.han[0]!);
    expect(response).toMatchObject({ cra: 2, originator: EUI.GSME, recipient: EUI.PPMID, transactionId: 1n });
    expect(() => verifyMac(response, security)).not.toThrow();
    const ledger = readLedger(p.firmware, p.slot.GSME, { gas: true })!;
    expect(ledger.meterBalance).toBe(3000n * P);
    // devices 6.4: result 00, value 2 000 000, source 02, credit 3 000 000 (int32 LE).
    expect(hex(response.content)).toBe('010901010705000D090103' + '00' + '80841E00' + '02' + 'C0C62D00');

    expect(p.deliver('PPMID', 'HAN', answered.han[0]!).status).toBe(Status.OK);
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ entered: 1, accepted: 1, rejected: 0, pending: 0, lastResult: 'accepted', lastMeter: EUI.GSME, lastValue: 2_000_000, lastCredit: 3_000_000 });
  });

  it('a PCS01 whose MAC does not verify is refused with BAD_MAC: no credit, no answer, a Security Log entry', () => {
    const p = createHanPremises();
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, p.utrn('GSME', 7, 20)));
    const forged = Uint8Array.from(sent.han[0]!);
    forged[forged.length - 1]! ^= 0x01;
    const before = readLedger(p.firmware, p.slot.GSME, { gas: true })!;
    const refused = p.deliver('GSME', 'HAN', forged);
    expect(refused.status).toBe(Status.BAD_MAC);
    expect(refused.han).toHaveLength(0);
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.meterBalance).toBe(before.meterBalance);
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.utrnCache).toEqual(before.utrnCache);
    expect(readDeviceCounters(p.firmware, p.slot.GSME).rejectedCount).toBe(1);
  });

  it('a PCS01 delivered twice is refused the second time with COUNTER_REPLAYED, the credit applied once', () => {
    const p = createHanPremises();
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, p.utrn('GSME', 7, 20)));
    expect(p.deliver('GSME', 'HAN', sent.han[0]!).status).toBe(Status.OK);
    const replay = p.deliver('GSME', 'HAN', sent.han[0]!);
    expect(replay.status).toBe(Status.COUNTER_REPLAYED);
    expect(replay.han).toHaveLength(0);
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.meterBalance).toBe(3000n * P);
  });

  it('the PPMID refuses an answer it is not waiting for (a replayed response) with COUNTER_REPLAYED', () => {
    const p = createHanPremises();
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, p.utrn('GSME', 7, 20)));
    const answer = p.deliver('GSME', 'HAN', sent.han[0]!).han[0]!;
    expect(p.deliver('PPMID', 'HAN', answer).status).toBe(Status.OK);
    expect(p.deliver('PPMID', 'HAN', answer).status).toBe(Status.COUNTER_REPLAYED);
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('a PCS01 from a PPMID the GSME is not bound to is refused with UNKNOWN_ORIGINATOR; one for another meter with WRONG_RECIPIENT', () => {
    const p = createHanPremises(['ESME', 'GSME', 'PPMID'], ['GSME']);
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, p.utrn('GSME', 7, 20)));
    expect(p.deliver('GSME', 'HAN', sent.han[0]!)).toMatchObject({ status: Status.UNKNOWN_ORIGINATOR, han: [] });
    const forEsme = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, p.utrn('ESME', 7, 20)));
    expect(p.deliver('GSME', 'HAN', forEsme.han[0]!).status).toBe(Status.WRONG_RECIPIENT);
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.meterBalance).toBe(1000n * P);
  });

  it('the GSME answers result 01 to a UTRN already used (keypad entry: 0x8F51), and the PPMID shows the refusal', () => {
    const p = createHanPremises();
    const utrn = p.utrn('GSME', 7, 20);
    for (const expected of ['accepted', 'rejected'] as const) {
      const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.GSME, utrn));
      const answer = p.deliver('GSME', 'HAN', sent.han[0]!);
      expect(answer.status).toBe(Status.OK);
      expect(p.deliver('PPMID', 'HAN', answer.han[0]!).status).toBe(Status.OK);
      expect(readPpmid(p.firmware, p.slot.PPMID).lastResult).toBe(expected);
    }
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ entered: 2, accepted: 1, rejected: 1, lastValue: -1, lastCredit: -1 });
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.alerts).toContain(0x8f51);
  });
});

describe('NA_PCS01 reference command against the emulator key path (gbcs.md 14 trap 18)', () => {
  it('reaches a GSME bound to the reference PPMID but fails its MAC: the reference d2d keys are not the devices\' ECDH keys we hold', () => {
    const p = createHanPremises();
    const reference = Buffer.from(readFileSync(join(RTDS_DIR, 'NA_PCS01', 'PCS01_NA_SUCCESS_COMMAND_GBCS.HEX'), 'utf8').trim(), 'hex');
    const envelope = parseEnvelope(reference);
    expect(envelope).toMatchObject({ originator: EUI.PPMID, recipient: EUI.GSME });
    const refused = p.deliver('GSME', 'HAN', reference);
    expect(refused).toMatchObject({ status: Status.BAD_MAC, han: [] });
    expect(readLedger(p.firmware, p.slot.GSME, { gas: true })!.meterBalance).toBe(1000n * P);
  });
});

describe('PECS01 Apply Prepayment Top Up to an ESME using PPMID', () => {
  it('the ESME takes the ZSE ConsumerTopUp as local entry (0x810E), answers over the HAN and the PPMID counts it', () => {
    const p = createHanPremises();
    const sent = p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, p.utrn('ESME', 3, 15)));
    const command = parseEnvelope(sent.han[0]!);
    expect(command.otherInfo.messageCode).toBe(PECS01);
    expect(() => verifyMac(command, new SecurityContext({ keystore: p.keys, provider: p.provider }))).not.toThrow();
    const answered = p.deliver('ESME', 'HAN', sent.han[0]!);
    expect(answered.status).toBe(Status.OK);
    const ledger = readLedger(p.firmware, p.slot.ESME)!;
    expect(ledger.meterBalance).toBe(2500n * P);
    expect(ledger.alerts).toContain(0x810e);
    expect(p.deliver('PPMID', 'HAN', answered.han[0]!).status).toBe(Status.OK);
    expect(readPpmid(p.firmware, p.slot.PPMID)).toMatchObject({ accepted: 1, lastMeter: EUI.ESME, lastValue: 1_500_000, lastCredit: 2_500_000 });
  });

  it('a keypad entry for a meter the PPMID is not bound to, or with a non-digit, is refused with BAD_INPUT and sends nothing', () => {
    const p = createHanPremises();
    expect(p.deliver('PPMID', 'LOCAL', ppmidTopUpInput('00DB0000000000FF', p.utrn('ESME', 3, 15)))).toMatchObject({ status: Status.BAD_INPUT, han: [] });
    expect(p.deliver('PPMID', 'LOCAL', ppmidTopUpInput(EUI.ESME, '1234567890123456789X'))).toMatchObject({ status: Status.BAD_INPUT, han: [] });
    expect(readPpmid(p.firmware, p.slot.PPMID).entered).toBe(0);
  });
});

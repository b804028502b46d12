// 4.14_ECS21b Read prepayment daily read log for an UNKNOWN REMOTE PARTY (GBCS 2.2, 4.5; devices
// R.12): the command's other-information carries the KA certificate of the party the reply is
// for. The ESME encrypts the protected read with that certificate's key, keyed by its own next
// originator counter, and answers with the 26-byte other-information that returns the counter.
// A certificate that does not name the supplementary party, is not a KA certificate or does not
// parse is refused whole (no response, nothing changes). Driven through the head-end; the reply
// is decrypted with the supplier's KA key from the test PKI.
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../gbcs/message-build.js';
import { parseEnvelope } from '../../gbcs/envelope.js';
import { setAlertCounterInput } from '../../host/local-inputs.js';
import { ACB_EUI, NETWORK_OPERATOR_EUI, SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';
import { accessRequest, code, deliverLocal, protectedRead, SEND_AFTER_MS, t, type World } from '../helpers/esme-access.js';

const PREPAYMENT_REGISTERS = t(1, '0-0:94.44.34.30', 2);

function urpCommand(world: World, certificate: Uint8Array, supplementary = SUPPLIER_EUI) {
  const counter = 0x516n;
  return buildCommand({
    originator: ACB_EUI, recipient: esmeEui(0), counter, messageCode: code('ECS19'),
    content: accessRequest(counter, [{ kind: 'action', target: t(30, '0-0:43.2.1.255', 1), data: protectedRead([PREPAYMENT_REGISTERS]) }]),
    supplementaryRemotePartyId: supplementary, supplementaryRemotePartyCounter: 0x3ecn, certificate,
  }, { security: world.headEnd.security }).bytes;
}

const deliver = (world: World, bytes: Uint8Array) => world.firmware.deliverMessage(0, 'WAN', bytes, world.nowMs + SEND_AFTER_MS);

describe('4.14_ECS21b URP: reply encrypted for the certificate the command carries (GBCS 2.2, 4.5)', () => {
  it('answers with the 26-byte other-information: the supplementary originator counter is the device counter + 1, which it then uses', () => {
    const world = createEsmeWorld();
    expect(deliverLocal(world, setAlertCounterInput(0x7d1n))).toBe(Status.OK);
    const certificate = world.keys.certificateDer(SUPPLIER_EUI, 'ka');
    expect(deliver(world, urpCommand(world, certificate))).toBe(Status.OK);
    const bytes = world.firmware.drainOutbox()[0]!.bytes;
    const envelope = parseEnvelope(bytes);
    expect(envelope.otherInfo.supplementaryRemotePartyId).toBe(SUPPLIER_EUI);
    expect(envelope.otherInfo.supplementaryRemotePartyCounter).toBe(0x3ecn);
    expect(envelope.otherInfo.supplementaryOriginatorCounter).toBe(0x7d2n);
    expect(envelope.otherInfo.certificate).toBeUndefined();
    const reply = world.headEnd.open(bytes);
    expect(reply.decrypted?.length).toBe(1);
    expect(Buffer.from(reply.decrypted![0]!.plaintext).toString('hex').slice(0, 8)).toBe('02010206'); // {the six registers}
  });

  it('refuses a certificate of another party, a DS certificate or a truncated one: no response, counter unchanged', () => {
    const world = createEsmeWorld();
    const ka = world.keys.certificateDer(SUPPLIER_EUI, 'ka');
    expect(deliver(world, urpCommand(world, world.keys.certificateDer(NETWORK_OPERATOR_EUI, 'ka')))).toBe(Status.BAD_ENVELOPE);
    expect(deliver(world, urpCommand(world, world.keys.certificateDer(SUPPLIER_EUI, 'ds')))).toBe(Status.BAD_ENVELOPE);
    expect(deliver(world, urpCommand(world, ka.subarray(0, ka.length - 1)))).toBe(Status.BAD_ENVELOPE);
    expect(world.firmware.drainOutbox().filter((m) => m.bytes[0] === 0xdd)).toEqual([]);
    // The same command with the right certificate is still accepted: nothing moved the counters.
    expect(deliver(world, urpCommand(world, ka))).toBe(Status.OK);
  });
});

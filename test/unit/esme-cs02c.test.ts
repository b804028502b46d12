// 6.17_CS02c Issue Security Credentials (GBCS 7; devices R.12): the ESME's secure element
// generates a new key pair and the device answers a PKCS#10 certification request for it (empty
// subject, the requested key usage and its EUI as extension requests) signed with the NEW key.
// The reference answer carries fresh key material, so it can only match in structure; here the
// request is checked to be well formed and its proof-of-possession signature to verify. A
// key-agreement request is refused with 3, as the reference ERROR variant shows.
import { describe, expect, it } from 'vitest';
import { derChildren, derOid, readDerWhole, derBitStringBytes } from '../../gbcs/keys/der.js';
import { ecdsaDerToRaw } from '../../gbcs/keys/x509.js';
import { SUPPLIER_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createEsmeWorld, esmeEui } from '../helpers/esme-fixture.js';

const CS02C = 0x000a;
const REQUEST_DS = Uint8Array.of(0x30, 0x04, 0x03, 0x02, 0x07, 0x80);
const REQUEST_KA = Uint8Array.of(0x30, 0x04, 0x03, 0x02, 0x03, 0x08);

function issue(world: ReturnType<typeof createEsmeWorld>, request: Uint8Array, atMs: number) {
  const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), CS02C, () => request);
  expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, atMs)).toBe(Status.OK);
  const response = world.headEnd.open(world.firmware.drainOutbox()[0]!.bytes);
  expect(response.security.signatureValid).toBe(true); // a critical use case: the response is signed
  return response.envelope.content;
}

describe('6.17_CS02c Issue Security Credentials', () => {
  it('answers a certification request for a new DS key whose signature verifies with that key', () => {
    const world = createEsmeWorld();
    const csr = readDerWhole(issue(world, REQUEST_DS, world.nowMs + 1000), 0x30, 'CertificationRequest');
    const [info, algorithm, signature] = derChildren(csr);
    const [version, subject, spki, attributes] = derChildren(info!);
    expect(version!.value).toEqual(Uint8Array.of(0));
    expect(subject!.value.length).toBe(0);
    expect(derOid(derChildren(algorithm!)[0]!)).toBe('1.2.840.10045.4.3.2'); // ecdsa-with-SHA256
    const publicKey = derBitStringBytes(derChildren(spki!)[1]!);
    expect(publicKey.length).toBe(65);
    // The new key is not the device's current DS key.
    expect(Buffer.from(publicKey).equals(Buffer.from(world.keys.publicKey(esmeEui(0), 'ds')))).toBe(false);
    const raw = ecdsaDerToRaw(derBitStringBytes(signature!));
    expect(world.provider.ecdsaVerify(publicKey, info!.bytes, raw)).toBe(true);
    // The extension request names the device's EUI (hardwareModuleName, GBCS 4.7) and the usage asked for.
    const text = Buffer.from(attributes!.bytes).toString('hex');
    expect(text).toContain(esmeEui(0).toLowerCase());
    expect(text).toContain('040403020780'); // keyUsage extension value: OCTET STRING { BIT STRING digitalSignature }
  });

  it('a second request makes another key (each generation is new, and deterministic per device)', () => {
    const a = createEsmeWorld();
    const b = createEsmeWorld();
    const first = issue(a, REQUEST_DS, a.nowMs + 1000);
    const again = issue(a, REQUEST_DS, a.nowMs + 2000);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(false);
    expect(Buffer.from(issue(b, REQUEST_DS, b.nowMs + 1000)).equals(Buffer.from(first))).toBe(true);
  });

  it('refuses a key-agreement request with 3 (6.17_CS02c ERROR)', () => {
    const world = createEsmeWorld();
    expect([...issue(world, REQUEST_KA, world.nowMs + 1000)]).toEqual([0x02, 0x01, 0x03]);
  });

  it('a malformed request is BAD_PAYLOAD (devices 1.3 cause 8) and no key is made', () => {
    const world = createEsmeWorld();
    const command = world.headEnd.buildCommand(SUPPLIER_EUI, esmeEui(0), CS02C, () => Uint8Array.of(0x30, 0x04, 0x03, 0x02, 0x07));
    expect(world.firmware.deliverMessage(0, 'WAN', command.bytes, world.nowMs + 1000)).toBe(Status.BAD_PAYLOAD);
  });
});

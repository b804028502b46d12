// CS02a Provide Security Credential Details on the CHF (NA_CS02aSignature SUCCESS on `…A2`; GBCS
// 4.7, 7): the CHF runs the ESME's credential handlers (credentials/) over its own certificate
// store, installed by LOCAL TRUST_ANCHOR, which sits clear of the CHF's device logs (a compile-time
// check in chf/chf.ts). Asking for the ACB's cells lists them with their key ids; a role without
// cells answers 25; a malformed request is refused.
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../gbcs/keys/x509.js';
import { trustAnchorInput } from '../../host/local-inputs.js';
import { ACB_EUI } from '../../host/premises.js';
import { Status } from '../../host/status.js';
import { createHanWorld } from '../helpers/han-fixture.js';

type World = ReturnType<typeof createHanWorld>;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const seq = (...parts: string[]) => {
  const body = parts.join('');
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
};
/** {requester {role 4, KA}, roles [...]} as NA_CS02aSignature sends it. */
const detailsRequest = (...roles: number[]) =>
  bytes(seq(seq('020104', '03020308'), seq(...roles.map((r) => `0201${r.toString(16).padStart(2, '0')}`))));
const ski = (world: World, eui: string, usage: 'ds' | 'ka') => hex(parseCertificate(world.keys.certificateDer(eui, usage)).subjectKeyId!);
const CS02A = 0x0008;

function chfWithAcbCells(): World {
  const world = createHanWorld('CHF');
  for (const usage of ['ds', 'ka'] as const) {
    expect(world.local(trustAnchorInput(4, 0, 0, world.keys.certificateDer(ACB_EUI, usage)))).toBe(Status.OK);
  }
  return world;
}

describe('NA_CS02aSignature CS02a on the CHF (GBCS 7)', () => {
  it('lists the ACB\'s DS and KA cells with subject and key id, sequence number 0', () => {
    const world = chfWithAcbCells();
    const reply = world.send(ACB_EUI, CS02A, () => detailsRequest(4));
    expect(reply.status).toBe(Status.OK);
    const cell = (usage: string, keyUsage: 'ds' | 'ka') => seq(usage, `0408${ACB_EUI}`, `0408${ski(world, ACB_EUI, keyUsage)}`);
    const expected = seq(seq('020104', '0A0100', '020100', seq(cell('03020780', 'ds'), cell('03020308', 'ka'))));
    expect(hex(reply.out[0]!.envelope.content)).toBe(expected.toUpperCase());
  });

  it('a role without cells answers 25; a malformed request changes nothing and answers no cells', () => {
    const world = chfWithAcbCells();
    expect(hex(world.send(ACB_EUI, CS02A, () => detailsRequest(5)).out[0]!.envelope.content)).toBe('300830060201050A0119');
    const bad = world.send(ACB_EUI, CS02A, () => bytes('3005300302'));
    expect(bad.status).not.toBe(Status.OK);
  });

});

// Codec benchmark (`npx tsx bench/codec.ts`): messages per second on one core for
// - decode + verify and build + MAC of a typical non-critical response (ECS17a_4.2 SUCCESS
//   RESPONSE, MAC only), and of a critical signed command (ECS01a_1.1.1 IMMEDIATE_TOU SUCCESS
//   COMMAND, MAC + signature; build = sign + MAC),
// - with each crypto provider (node:crypto, @noble),
// - against the bare crypto ceiling: KDF (SHA-256) + AES-GCM MAC of the same bytes with
//   node:crypto only (plus one ECDSA verify for the signed command), with the ECDH result
//   cached as the codec caches it (ARCHITECTURE.md "cache shared secrets per pair").
// Benchmarks may read the wall clock (ARCHITECTURE.md); nothing here asserts on it.
// Options: BENCH_SECONDS (per figure, default 1), BENCH_PROVIDERS=node,noble.

import { createCipheriv, createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createNodeProvider } from '../gbcs/crypto/node-provider.js';
import { createNobleProvider } from '../gbcs/crypto/noble-provider.js';
import type { CryptoProvider } from '../gbcs/crypto/provider.js';
import { parseEnvelope, type GbcsEnvelope } from '../gbcs/envelope.js';
import { KeyStore } from '../gbcs/keys/keystore.js';
import { decodeMessage } from '../gbcs/message.js';
import { buildCommand, buildResponse } from '../gbcs/message-build.js';
import { SecurityContext, macKeyParties } from '../gbcs/security.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const PROVIDERS = (process.env.BENCH_PROVIDERS ?? 'node,noble').split(',');
const SHARED = fileURLToPath(new URL('../../shared/conformance/', import.meta.url));
const RTDS = `${SHARED}rtds-4.5.0/`;

function load(path: string): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(`${RTDS}${path}`, 'utf8').trim(), 'hex'));
}

/** Runs fn repeatedly for about SECONDS after a short warm-up; returns calls per second. */
function rate(fn: () => unknown): number {
  const warmUntil = performance.now() + 200 * SECONDS;
  while (performance.now() < warmUntil) fn();
  let calls = 0;
  const start = performance.now();
  const end = start + 1000 * SECONDS;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) fn();
    calls += 16;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB').padStart(9);

const keystore = KeyStore.loadDir(`${SHARED}keystore`);
const responseBytes = load('4.2_ECS17a/ECS17a_4.2_SUCCESS_RESPONSE_GBCS.HEX');
const commandOfResponse = parseEnvelope(load('4.2_ECS17a/ECS17a_4.2_SUCCESS_COMMAND_GBCS.HEX'));
const criticalBytes = load('1.1.1_ECS01a/ECS01a_1.1.1_IMMEDIATE_TOU_SUCCESS_COMMAND_GBCS.HEX');
const response = parseEnvelope(responseBytes);
const critical = parseEnvelope(criticalBytes);

/** The bare crypto of one MAC check with node:crypto: KDF block + GMAC over the APDU. */
function ceilingFor(env: GbcsEnvelope, withSignature: boolean): () => void {
  const ctx = new SecurityContext({ keystore, provider: createNodeProvider() });
  const [a, b] = macKeyParties(env, ctx);
  const z = ctx.sharedSecret(a, b)!;
  const otherInfo = Buffer.concat([Buffer.from('60857406080300', 'hex'), env.wire!.originator, Buffer.of(9, env.cra), env.transactionIdBytes, env.wire!.recipient]);
  const kdfInput = Buffer.concat([Buffer.of(0, 0, 0, 1), z, otherInfo]);
  const iv = Buffer.concat([env.wire!.originator, Buffer.alloc(4)]);
  const aad = Buffer.concat([Buffer.of(0x11, 0, 0, 0, 0, 0), env.wire!.apdu]);
  const ds = keystore.certificate(env.originator, 'ds');
  const dsKey = ds ? createPublicKey({ key: Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'), ds.publicKey]), format: 'der', type: 'spki' }) : undefined;
  return () => {
    const key = createHash('sha256').update(kdfInput).digest().subarray(0, 16);
    const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: 12 });
    cipher.setAAD(aad);
    cipher.final();
    if (!Buffer.from(env.mac!).equals(cipher.getAuthTag())) throw new Error('ceiling MAC mismatch');
    if (withSignature && !nodeVerify('sha256', env.wire!.signedBytes, { key: dsKey!, dsaEncoding: 'ieee-p1363' }, env.signature!)) {
      throw new Error('ceiling signature mismatch');
    }
  };
}

function benchProvider(name: string, provider: CryptoProvider): Record<string, number> {
  const security = new SecurityContext({ keystore, provider });
  const parts = {
    originator: critical.originator,
    recipient: critical.recipient,
    counter: critical.transactionId,
    messageCode: critical.otherInfo.messageCode,
    content: critical.content,
  };
  const check = decodeMessage(responseBytes, { security });
  if (check.security.macValid !== true) throw new Error(`${name}: ECS17a response MAC does not verify`);
  return {
    'ECS17a response decode+verify': rate(() => decodeMessage(responseBytes, { security })),
    'ECS17a response build+MAC': rate(() => buildResponse(commandOfResponse, response.content, { security, dateTime: response.dateTime! })),
    'ECS01a command decode+verify (MAC+sig)': rate(() => decodeMessage(criticalBytes, { security })),
    'ECS01a command build (sign+MAC)': rate(() => buildCommand(parts, { security })),
  };
}

const cpu = cpus();
console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'} x${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`);
console.log(`ran: one thread (figures are per core), ${SECONDS} s per figure after warm-up; machine shared with other work, so figures vary by ~10-20%`);
console.log(`messages: ECS17a_4.2 SUCCESS RESPONSE (${responseBytes.length} B, MAC), ECS01a_1.1.1 IMMEDIATE_TOU SUCCESS COMMAND (${criticalBytes.length} B, MAC + signature)\n`);

const ceilingResponse = rate(ceilingFor(response, false));
const ceilingCriticalMac = rate(ceilingFor(critical, false));
const ceilingCriticalFull = rate(ceilingFor(critical, true));
console.log('bare crypto ceiling (node:crypto only, ECDH cached):');
console.log(`  ECS17a response KDF+GMAC            ${fmt(ceilingResponse)} /s`);
console.log(`  ECS01a command  KDF+GMAC            ${fmt(ceilingCriticalMac)} /s`);
console.log(`  ECS01a command  KDF+GMAC+ECDSA verify ${fmt(ceilingCriticalFull)} /s\n`);

const ceilings: Record<string, number> = {
  'ECS17a response decode+verify': ceilingResponse,
  'ECS17a response build+MAC': ceilingResponse,
  'ECS01a command decode+verify (MAC+sig)': ceilingCriticalFull,
};
for (const name of PROVIDERS) {
  const provider = name === 'node' ? createNodeProvider() : name === 'noble' ? createNobleProvider() : undefined;
  if (!provider) throw new Error(`unknown provider ${name}`);
  console.log(`provider ${name}:`);
  for (const [what, perSecond] of Object.entries(benchProvider(name, provider))) {
    const ceiling = ceilings[what];
    const ratio = ceiling ? `  ${(perSecond / ceiling).toFixed(2)} of ceiling` : '';
    console.log(`  ${what.padEnd(40)} ${fmt(perSecond)} /s${ratio}`);
  }
  console.log('');
}

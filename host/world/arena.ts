import { Firmware, type FirmwareBuild } from '../firmware.js';
import { SecureElement } from '../secure-element.js';
import type { CryptoProvider } from '../../gbcs/crypto/provider.js';

// Firmware instances shared by many premises (ARCHITECTURE.md "fleet arena"): each instance
// holds up to DEVICES_MAX device contexts; when one is full the pool opens the next. Slots are
// handed out in order and never reused within a run, so which slot a device gets depends only
// on the premises order, never on timing.

/** Instances one pool opens; a process reserves ~10 GiB of address space per instance (ARCHITECTURE.md). */
export const ARENAS_MAX = 256;

export interface Arena {
  firmware: Firmware;
  secureElement: SecureElement;
  nextSlot: number;
}

export interface DeviceHome {
  arena: Arena;
  slot: number;
}

export class ArenaPool {
  readonly arenas: Arena[] = [];

  constructor(
    private readonly provider: CryptoProvider,
    private readonly build: FirmwareBuild = 'release',
  ) {}

  /** Slots for `count` devices of one premises, all in the same instance. */
  allocate(count: number): DeviceHome[] {
    let arena = this.arenas[this.arenas.length - 1];
    if (!arena || arena.nextSlot + count > arena.firmware.layout.DEVICES_MAX) arena = this.open();
    const homes: DeviceHome[] = [];
    for (let i = 0; i < count; i++) homes.push({ arena, slot: arena.nextSlot++ });
    return homes;
  }

  /** Bytes of linear memory over all instances. */
  get memoryBytes(): number {
    return this.arenas.reduce((n, a) => n + a.firmware.memoryBytes, 0);
  }

  private open(): Arena {
    if (this.arenas.length >= ARENAS_MAX) throw new Error(`more than ARENAS_MAX (${ARENAS_MAX}) firmware instances`);
    const secureElement = new SecureElement(this.provider);
    const arena = { firmware: new Firmware(secureElement, this.build), secureElement, nextSlot: 0 };
    this.arenas.push(arena);
    return arena;
  }
}

import { ACCESS_GET, ACCESS_SET, ACCESS_ACTION } from '../generated/esme-objects';
import { RequestItem, SPEC_GET, SPEC_SET, SPEC_ACTION } from './request';
import { RESULT_READ_WRITE_DENIED } from './results';
import { chfGet, chfSet, chfAction } from '../chf/handlers';

// Items whose object-table row names a device type's own handler (DEVICE_HANDLER_BASE and up,
// gbcs/tables/chf-objects.ts): the same access rules as the ESME's rows, then that handler.
// Only the CHF has such handlers so far; a GET-with-selection never reaches one (no row grants it).

export function runDeviceItem(slot: u32, handler: u32, access: u32, item: RequestItem): u8 {
  const kind = item.kind;
  if (kind == SPEC_GET) {
    if ((access & ACCESS_GET) == 0) return RESULT_READ_WRITE_DENIED;
    return chfGet(slot, handler, item.classId, item.obisPtr, item.member);
  }
  if (kind == SPEC_SET) {
    if ((access & ACCESS_SET) == 0) return RESULT_READ_WRITE_DENIED;
    return chfSet(slot, handler, item.classId, item.obisPtr, item.member, item.dataPtr, item.dataEnd - item.dataPtr);
  }
  if (kind == SPEC_ACTION) {
    if ((access & ACCESS_ACTION) == 0) return RESULT_READ_WRITE_DENIED;
    return chfAction(slot, handler, item.obisPtr, item.dataPtr, item.dataEnd);
  }
  return RESULT_READ_WRITE_DENIED;
}

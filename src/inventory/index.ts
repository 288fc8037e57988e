export { Inventory, type InventoryDelta, type InventoryCredential, type InventoryStatus } from './inventory.js';
export { InventoryError } from './open.js';
export { APPLICATION_ID, SCHEMA_VERSION } from './schema.js';

export { createPriceCatalog, type PriceCatalog, type PriceRequest } from './price-catalog.js';
export { PriceOverrideError } from './price-override-error.js';
export { withCost } from './with-cost.js';

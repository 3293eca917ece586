import { z } from 'zod';
import { countSchema, currencySchema, idSchema, minorSchema, quantitySchema } from '../fields';

/** Adding and removing carry the same facts; they are two types so counting either needs no filter. */
const cartChangeShape = {
  productId: idSchema,
  quantity: quantitySchema.describe('units added or removed'),
  unitPriceMinor: minorSchema.describe('price of one unit'),
  currency: currencySchema,
  cartValueMinor: minorSchema.optional().describe('cart value after the change'),
};

export const ADD_TO_CART_VERSION = 1;
export const addToCartProperties = z.strictObject(cartChangeShape);

export const REMOVE_FROM_CART_VERSION = 1;
export const removeFromCartProperties = z.strictObject(cartChangeShape);

export const CHECKOUT_STARTED_VERSION = 1;
export const checkoutStartedProperties = z.strictObject({
  cartValueMinor: minorSchema.describe('cart value when checkout began'),
  currency: currencySchema,
  itemCount: countSchema.min(1, 'checkout needs at least one item').describe('units in the cart'),
});

/**
 * Below this P(alive) no next purchases are predicted: a customer who has probably left has no rhythm to predict.
 * Its own module so the insight card (client code) can say so without importing the models.
 */
export const TIMING_MIN_P_ALIVE = 0.2;

/** Below this P(still buying it), a category reads "probably stopped buying", with no window to act on. */
export const STOPPED_BELOW = 0.2;

/** The horizon the product's next-purchase windows are given for: "if they buy it in the next 90 days, when". */
export const WINDOW_HORIZON_DAYS = 90;

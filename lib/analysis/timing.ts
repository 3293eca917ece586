/**
 * Below this P(alive) no next purchases are predicted: a customer who has probably left has no rhythm to predict.
 * Its own module so the insight card (client code) can say so without importing the models.
 */
export const TIMING_MIN_P_ALIVE = 0.2;

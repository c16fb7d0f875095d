/** All time in kis-desk comes through a Clock. The domain never reads the system time itself. */
export interface Clock {
  now(): Date;
}

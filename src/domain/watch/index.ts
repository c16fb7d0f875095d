export * from './settings';
export * from './indicators';
export * from './conditions';
export * from './rearm';

export * from './core';
export * from './vector';

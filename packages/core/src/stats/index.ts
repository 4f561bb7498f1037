export * from './latency-sketch.js';

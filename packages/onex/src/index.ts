export { methodExampleSchema, methodExamplesSchema, exampleIoSchema, expectsRaise } from './examples.js';
export type { MethodExample } from './examples.js';

export {
  startFakeQdrant,
  type FakeQdrant,
  type FakeQdrantOptions,
  type RecordedQdrantRequest,
} from './server';
export { QDRANT_VERSION } from './schemas';

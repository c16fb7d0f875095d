/** An error the fake answers with Qdrant's envelope: `{ status: { error }, time }` and an HTTP status. */
export class QdrantHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'QdrantHttpError';
  }
}

/** Qdrant's StorageError texts (lib/storage content_manager/errors.rs) with their status codes. */
export const qdrantErrors = {
  badInput: (description: string) => new QdrantHttpError(400, `Wrong input: ${description}`),
  notFound: (description: string) => new QdrantHttpError(404, `Not found: ${description}`),
  alreadyExists: (description: string) => new QdrantHttpError(409, `Wrong input: ${description}`),
  missingCollection: (name: string) =>
    new QdrantHttpError(404, `Not found: Collection \`${name}\` doesn't exist!`),
  validation: (where: string, problems: string) =>
    new QdrantHttpError(422, `Validation error in ${where}: [${problems}]`),
  format: (where: string, problem: string) =>
    new QdrantHttpError(400, `Format error in ${where}: ${problem}`),
  /** Something Qdrant does that this fake does not: a loud 501 rather than a guess. */
  notImplemented: (what: string) =>
    new QdrantHttpError(501, `fake-qdrant does not implement ${what} (kis-desk does not use it)`),
};

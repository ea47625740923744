/** The output of `tessera convert` exists and --overwrite was not given. */
export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists; pass --overwrite to replace it`);
    this.name = 'OutputExistsError';
  }
}

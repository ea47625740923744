// The version written into created_by (keep in step with package.json).

/** Tessera's version. */
export const TESSERA_VERSION = '0.1.0';

/** The default FileMetaData.created_by, in the "<application> version <semver>" form readers parse. */
export const CREATED_BY = `tessera version ${TESSERA_VERSION}`;

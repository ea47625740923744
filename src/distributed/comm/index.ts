// The cluster's comm layer: framed, batched, authenticated connections (see README in src/distributed/).
export { formatAddress, isLoopback, type ParsedAddress, parseAddress } from './address.js';
export {
  type CloseInfo,
  Comm,
  type CommLogger,
  type CommOptions,
  DEFAULT_MAX_FRAME_SIZE,
  HANDSHAKE_MAX_FRAME,
  type LocalIdentity,
  type PeerInfo,
  stderrLogger,
} from './comm.js';
export { type ConnectOptions, connect } from './connect.js';
export { CommError, type CommErrorCode } from './errors.js';
export { type Listener, type ListenOptions, listen } from './listen.js';
export { PendingRequests } from './requests.js';
export {
  newToken,
  readTlsFiles,
  readTokenFile,
  type SecurityOptions,
  type TlsOptions,
} from './security.js';
export { decodeMessage, encodeMessage } from './serialize.js';

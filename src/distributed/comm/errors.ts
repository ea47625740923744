/** Machine-readable reasons a connection failed or was refused. */
export type CommErrorCode =
  | 'BAD_ARGUMENT' // bad options or address
  | 'BAD_HANDSHAKE' // the peer did not speak the Tessera handshake (random bytes, another protocol)
  | 'VERSION_MISMATCH' // the peer speaks another major version of the protocol
  | 'AUTH_FAILED' // wrong or missing token (HMAC challenge-response failed)
  | 'INSECURE' // refusing to listen on a non-loopback address without a token or TLS
  | 'FRAME_TOO_LARGE' // a frame longer than the connection's maximum frame size
  | 'MALFORMED' // a message that does not decode
  | 'TIMEOUT' // connect or handshake took too long
  | 'CONNECT_FAILED' // the TCP / TLS connection could not be made
  | 'CLOSED'; // the connection is closed

/** Any failure of the comm layer; `remote` is the peer's `host:port` when known. */
export class CommError extends Error {
  readonly code: CommErrorCode;
  readonly remote: string | undefined;

  constructor(code: CommErrorCode, message: string, remote?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CommError';
    this.code = code;
    this.remote = remote;
  }
}

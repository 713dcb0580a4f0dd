import { SignJWT, jwtVerify, errors } from 'jose';

/** Tokens live 15 minutes; clients renew them with auth.refresh while the session lasts. */
export const TOKEN_LIFETIME_SECONDS = 15 * 60;
const ISSUER = 'linewatch';

export interface TokenClaims {
  sessionId: string;
  userId: number;
}

/** Short-lived HS256 JWTs; revocation is the session row, checked on every call. */
export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(
    secretHex: string,
    private readonly now: () => number,
  ) {
    this.key = Buffer.from(secretHex, 'hex');
  }

  async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.now() / 1000);
    const expires = issuedAt + TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .sign(this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The claims of a valid token, or null for a forged, malformed or expired one. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
      const userId = Number(payload.sub);
      if (typeof payload.sid !== 'string' || !Number.isInteger(userId)) return null;
      return { sessionId: payload.sid, userId };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}

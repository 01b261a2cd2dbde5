// Local mode: the page's own server signs the user in (POST /local/sign-in) and answers as Firebase's
// REST API does (idToken, localId, email). The token lives in memory only; signing out forgets it.
export function start(onChange) {
  let session = null;
  return {
    async signIn(email, { expired = false, anonymous = false } = {}) {
      const response = await fetch('/local/sign-in', {
        method: 'POST',
        body: new URLSearchParams(anonymous ? { anonymous: 'true' } : { email, expired: String(expired) }),
      });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(body.error ?? `status ${response.status}`);
      }
      session = body;
      onChange({ email: body.email, uid: body.localId, note: expired ? 'token expired' : '' });
    },
    async signOut() {
      session = null;
      onChange(null);
    },
    async idToken() {
      return session ? session.idToken : null;
    },
  };
}

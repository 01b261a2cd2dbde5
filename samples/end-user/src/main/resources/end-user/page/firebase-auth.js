// Production mode: the Firebase JS SDK as ES modules from Google's CDN, as Firebase documents for pages
// without a bundler. Sign-in with Google in a popup; getIdToken() returns a fresh ID token (the SDK
// refreshes it before it expires). Needs the network and a real project: not part of the offline tests.
import { initializeApp } from 'https://www.gstatic.com/firebasejs/12.10.0/firebase-app.js';
import {
  getAuth, onAuthStateChanged, GoogleAuthProvider, signInWithPopup, signOut,
} from 'https://www.gstatic.com/firebasejs/12.10.0/firebase-auth.js';

export function start(config, onChange) {
  const auth = getAuth(initializeApp({
    apiKey: config.apiKey, authDomain: config.authDomain, projectId: config.projectId,
  }));
  if (config.tenantId) {
    auth.tenantId = config.tenantId; // an Identity Platform tenant: its users, its tokens' firebase.tenant
  }
  onAuthStateChanged(auth, (user) => onChange(user && { email: user.email, uid: user.uid }));
  return {
    signIn: () => signInWithPopup(auth, new GoogleAuthProvider()),
    signOut: () => signOut(auth),
    idToken: () => (auth.currentUser ? auth.currentUser.getIdToken() : Promise.resolve(null)),
  };
}

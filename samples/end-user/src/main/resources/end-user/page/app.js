// The page: signs the user in (locally, or with the Firebase JS SDK), calls the API with the ID token in
// Authorization: Bearer, and shows each call's status, the principal the API saw, or the problem's detail.
const config = await (await fetch('/config.json')).json();
const $ = (id) => document.getElementById(id);

function showUser(user) {
  const label = $('user');
  label.textContent = user ? `${user.email ?? 'an anonymous user'} (uid ${user.uid})${user.note ? ', ' + user.note : ''}`
    : 'nobody (signed out)';
  label.dataset.state = user ? 'signed-in' : 'signed-out';
}

const auth = config.mode === 'firebase'
  ? await (await import('./firebase-auth.js')).start(config.firebase, showUser)
  : (await import('./local-auth.js')).start(showUser);

$('mode').textContent = config.mode === 'firebase'
  ? `Firebase project ${config.firebase.projectId}${config.firebase.tenantId ? ', tenant ' + config.firebase.tenantId : ''}; API ${config.api}`
  : `Local mode: a local sign-in mints Firebase-shaped tokens; API ${config.api}`;
$(config.mode === 'firebase' ? 'firebase-sign-in' : 'local-sign-in').hidden = false;

async function signIn(action) {
  $('sign-in-error').textContent = '';
  try {
    await action();
  } catch (e) {
    $('sign-in-error').textContent = `sign-in failed: ${e.message ?? e}`;
  }
}

for (const button of document.querySelectorAll('#local-sign-in button[data-email]')) {
  button.addEventListener('click', () => signIn(() => auth.signIn(button.dataset.email,
    { expired: button.dataset.expired === 'true', anonymous: button.dataset.anonymous === 'true' })));
}
$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(() => auth.signIn($('email').value, {}));
});
$('sign-in-google').addEventListener('click', () => signIn(() => auth.signIn()));
$('sign-out').addEventListener('click', () => auth.signOut());

function show(name, state, status, principal, detail) {
  const row = $(`row-${name}`);
  row.dataset.state = state;
  if (state === 'done') {
    row.dataset.calls = String(Number(row.dataset.calls ?? '0') + 1); // the tests wait for this count
  }
  $(`status-${name}`).textContent = status;
  $(`principal-${name}`).textContent = principal;
  $(`detail-${name}`).textContent = detail;
}

async function call(name, path) {
  show(name, 'pending', '…', '', '');
  const token = await auth.idToken();
  let response;
  try {
    response = await fetch(config.api + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (e) {
    // what a denial without CORS headers would look like: the script never sees the status
    show(name, 'done', 'network error', '', String(e));
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    const how = body.signInProvider ? `; signed in with ${body.signInProvider}` : '';
    const tenant = body.tenant ? `; tenant ${body.tenant}` : '';
    show(name, 'done', String(response.status), body.principal ?? '',
      `members: ${(body.members ?? []).join(', ')}${how}${tenant}`);
  } else {
    const challenge = response.headers.get('WWW-Authenticate');
    show(name, 'done', String(response.status), '',
      (body.detail ?? body.title ?? response.statusText) + (challenge ? ` (WWW-Authenticate: ${challenge})` : ''));
  }
}

for (const name of ['public', 'me', 'admin']) {
  const button = $(`call-${name}`);
  button.addEventListener('click', () => call(name, button.dataset.path));
}
document.body.dataset.ready = 'true';

// Admin pages: a quota is typed in GiB (empty returns the account to the default).
'use strict';

Arca.transforms.quota = body => ({quotaBytes: body.gib === null ? null : Math.round(body.gib * 1024 ** 3)});

// The roles form for an account not listed yet: its action names the account id typed in.
document.addEventListener('input', event => {
  const form = event.target.form;
  if (!form || !form.dataset.accountField || event.target.name !== form.dataset.accountField) return;
  form.setAttribute('action', '/api/v1/admin/accounts/' + encodeURIComponent(event.target.value.trim()) + '/roles');
});

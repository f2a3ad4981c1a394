// Forms marked data-api send their fields to Arca's JSON API on the page's session.
//
// <form data-api="PATCH" action="/api/v1/items/ID" data-then="reload">
//   data-then: "reload", "none", a path to go to, or "go:" + a path with {field} from the answer.
//   Either way the form gets an "arca:done" event with the answer as its detail.
//   data-show names a field of the answer to show in the form's [role=status] element.
//   data-transform names a function in Arca.transforms that turns the fields into the body.
//   Fields: name="a.b" nests; data-json="number" | "list" (comma-separated) | "bool" | "skip";
//   checkboxes with data-json="each" and one name make a list of the values of those ticked;
//   an empty text is sent as null when the field has data-json="nullable".
// The form's hidden _csrf field goes along as X-CSRF-TOKEN. An error answer's detail is shown in
// the form's [role=alert] element, after the text of its data-prefix attribute.
'use strict';

const Arca = (() => {
  function csrf() {
    const field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  async function call(method, url, body) {
    const headers = {'X-CSRF-TOKEN': csrf(), 'Accept': 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const type = response.headers.get('Content-Type') || '';
    const answer = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error(answer && answer.detail ? answer.detail : String(response.status));
      error.status = response.status;
      throw error;
    }
    return answer;
  }

  function value(field) {
    const kind = field.dataset.json;
    if (kind === 'bool') return field.checked;
    if (field.type === 'checkbox' || field.type === 'radio') return field.checked ? field.value : undefined;
    const text = field.value.trim();
    if (kind === 'number') return text === '' ? null : Number(text);
    if (kind === 'list') return text === '' ? [] : text.split(',').map(t => t.trim()).filter(t => t !== '');
    if (kind === 'nullable') return text === '' ? null : text;
    return text;
  }

  function body(form, submitter) {
    const result = {};
    for (const field of form.elements) {
      if (!field.name || field.name === '_csrf' || field.dataset.json === 'skip' || field.disabled) continue;
      if (field.type === 'submit' || field.type === 'button') continue;
      if (field.dataset.json === 'each') {
        const list = result[field.name] = result[field.name] || [];
        if (field.checked) list.push(field.value);
        continue;
      }
      const v = value(field);
      if (v === undefined) continue;
      const path = field.name.split('.');
      let target = result;
      for (const part of path.slice(0, -1)) target = target[part] = target[part] || {};
      target[path[path.length - 1]] = v;
    }
    // The button that sent the form says which action was chosen, as in a plain form.
    if (submitter && submitter.name) result[submitter.name] = submitter.value;
    return result;
  }

  // data-show="field": the answer's field (a share link's address) is shown, selected for
  // copying, in the form's [role=status] element, after that element's data-msg text.
  function show(status, address) {
    const link = document.createElement('input');
    link.type = 'url';
    link.readOnly = true;
    link.id = 'share-url';
    link.value = address;
    link.setAttribute('aria-label', status.dataset.msg);
    status.replaceChildren(status.dataset.msg + ' ', link);
    link.select();
  }

  function then(form, answer) {
    const next = form.dataset.then || 'reload';
    if (form.dataset.show) show(form.querySelector('[role=status]'), answer[form.dataset.show]);
    form.dispatchEvent(new CustomEvent('arca:done', {detail: answer}));
    if (next === 'none') {
      return;
    } else if (next === 'reload') {
      location.reload();
    } else if (next.startsWith('go:')) {
      location.assign(next.slice(3).replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(answer[k])));
    } else {
      location.assign(next);
    }
  }

  function alertOf(form, error) {
    const alert = form.querySelector('[role=alert]');
    if (alert) alert.textContent = (alert.dataset.prefix || '') + ' ' + error.message;
  }

  document.addEventListener('submit', async event => {
    const form = event.target;
    if (!form.dataset.api) return;
    event.preventDefault();
    const button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    try {
      const method = form.dataset.api;
      const fields = body(form, event.submitter);
      const transform = form.dataset.transform ? Arca.transforms[form.dataset.transform] : f => f;
      const answer = await call(method, form.getAttribute('action'), method === 'DELETE' ? undefined : transform(fields, form));
      then(form, answer);
    } catch (error) {
      alertOf(form, error);
    } finally {
      if (button) button.disabled = false;
    }
  });

  return {call, show, transforms: {}};
})();

// The upload page: files from the picker or dropped on the page go to Arca over tus 1.0.0
// (docs/api.md, "Resumable uploads"), one after another, in chunks. When the connection drops,
// the upload asks the server how far it got and continues from there; the upload's address is
// remembered in this browser, so reloading the page and choosing the same file resumes it too.
'use strict';

(() => {
  const root = document.getElementById('uploader');
  const csrf = root.querySelector('input[name="_csrf"]').value;
  const text = (key, ...args) => root.dataset['msg' + key].replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
  const CHUNK = 8 * 1024 * 1024;
  const RETRIES = [1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000, 60000, 60000];
  const queue = [];
  let running = false;

  const remembered = file => 'arca-upload:' + [file.name, file.size, file.lastModified].join(':');

  function request(method, url, headers, body, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      if (onProgress) xhr.upload.addEventListener('progress', e => onProgress(e.loaded));
      xhr.onload = () => resolve(xhr);
      xhr.onerror = () => reject(Object.assign(new Error('network'), {network: true}));
      xhr.send(body);
    });
  }

  function problem(xhr) {
    try {
      return JSON.parse(xhr.responseText);
    } catch (ignored) {
      return {};
    }
  }

  const retryable = xhr => xhr.status === 0 || xhr.status >= 500 || xhr.status === 409 || xhr.status === 460;

  function failure(xhr) {
    if (xhr.status === 413) {
      const p = problem(xhr);
      return (p.type || '').endsWith('quota-exceeded') ? text('Quota') : text('TooLarge');
    }
    return text('Failed') + ' ' + (problem(xhr).detail || xhr.status);
  }

  async function create(file) {
    const name = btoa(String.fromCharCode(...new TextEncoder().encode(file.name)));
    const xhr = await request('POST', '/api/v1/uploads', {'Upload-Length': String(file.size),
      'Upload-Metadata': 'filename ' + name}, null);
    if (xhr.status !== 201) throw Object.assign(new Error(failure(xhr)), {final: true});
    return xhr.getResponseHeader('Location');
  }

  async function offsetOf(url) {
    const xhr = await request('HEAD', url, {}, null);
    if (xhr.status === 404 || xhr.status === 410) return null;
    if (xhr.status !== 200) throw Object.assign(new Error('status'), {network: retryable(xhr)});
    return {offset: Number(xhr.getResponseHeader('Upload-Offset')), xhr};
  }

  async function upload(entry) {
    const {file} = entry;
    const key = remembered(file);
    let url = localStorage.getItem(key);
    let offset = 0;
    let finished = null;
    if (url) {
      const known = await offsetOf(url).catch(() => null);
      if (known) {
        offset = known.offset;
        if (known.xhr.getResponseHeader('Arca-Item-Id')) finished = known.xhr;
        entry.status(text('Resumed', Math.floor(100 * offset / Math.max(file.size, 1))));
      } else {
        url = null;
      }
    }
    if (!url) {
      url = await create(file);
      localStorage.setItem(key, url);
    }
    let attempt = 0;
    while (!finished) {
      try {
        const end = Math.min(offset + CHUNK, file.size);
        const xhr = await request('PATCH', url, {'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream'}, file.slice(offset, end),
          loaded => entry.progress(offset + loaded));
        if (xhr.status === 204) {
          offset = Number(xhr.getResponseHeader('Upload-Offset'));
          attempt = 0;
          entry.progress(offset);
          if (offset >= file.size) finished = xhr;
        } else if (retryable(xhr)) {
          throw Object.assign(new Error('status'), {network: true});
        } else {
          throw Object.assign(new Error(failure(xhr)), {final: true});
        }
      } catch (error) {
        if (!error.network || attempt >= RETRIES.length) {
          localStorage.removeItem(key);
          throw error;
        }
        entry.status(text('Retrying'));
        await new Promise(resolve => setTimeout(resolve, RETRIES[attempt++]));
        const known = await offsetOf(url).catch(() => undefined);
        if (known === null) {
          localStorage.removeItem(key);
          throw Object.assign(new Error(text('Failed')), {final: true});
        }
        if (known) {
          offset = known.offset;
          if (known.xhr.getResponseHeader('Arca-Item-Id')) finished = known.xhr;
        }
      }
    }
    localStorage.removeItem(key);
    entry.done(finished.getResponseHeader('Arca-Item-Id'), finished.getResponseHeader('Arca-Duplicate-Of'));
  }

  function totals() {
    const total = queue.reduce((n, e) => n + e.file.size, 0);
    const sent = queue.reduce((n, e) => n + e.sent, 0);
    const done = queue.filter(e => e.state !== 'waiting' && e.state !== 'uploading').length;
    document.getElementById('total-status').hidden = false;
    const bar = document.getElementById('total');
    bar.max = Math.max(total, 1);
    bar.value = sent;
    document.getElementById('total-text').textContent =
      text('Total', done, queue.length, Math.floor(100 * sent / Math.max(total, 1)));
  }

  function add(file) {
    const item = document.createElement('li');
    item.className = 'upload';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = file.name;
    const bar = document.createElement('progress');
    bar.max = Math.max(file.size, 1);
    bar.value = 0;
    bar.setAttribute('aria-label', file.name);
    const state = document.createElement('span');
    state.className = 'state';
    item.append(name, bar, state);
    document.getElementById('queue').append(item);
    const entry = {file, sent: 0, state: 'waiting', element: item,
      status: message => { state.textContent = message; },
      progress: bytes => {
        entry.sent = Math.min(bytes, file.size);
        bar.value = entry.sent;
        state.textContent = text('Uploading', Math.floor(100 * entry.sent / Math.max(file.size, 1)));
        totals();
      },
      done: (id, duplicateOf) => {
        entry.state = duplicateOf ? 'duplicate' : 'done';
        entry.sent = file.size;
        bar.value = bar.max;
        item.classList.add(entry.state);
        item.dataset.itemId = id;
        state.textContent = duplicateOf ? text('Duplicate') + ' ' : text('Done') + ' ';
        const link = document.createElement('a');
        link.href = '/library/items/' + encodeURIComponent(duplicateOf || id);
        link.textContent = text('Open');
        state.append(link);
        totals();
      },
      fail: message => {
        entry.state = 'failed';
        item.classList.add('failed');
        state.textContent = message;
        state.setAttribute('role', 'alert');
        totals();
      }};
    state.textContent = text('Waiting');
    // Browsers leave the type empty for many camera formats; the name says what they are.
    const media = /^(image|video|audio)\//.test(file.type)
      || /\.(heic|heif|avif|dng|cr2|cr3|nef|arw|orf|rw2|raf|pef|srw|mkv|m4v|mov|mp4|avi|webm|flac|opus|ogg|m4a|mp3|wav)$/i.test(file.name);
    if (!media) {
      entry.fail(text('Unsupported'));
    } else if (file.size > Number(root.dataset.maxBytes)) {
      entry.fail(text('TooLarge'));
    }
    queue.push(entry);
    totals();
  }

  async function run() {
    if (running) return;
    running = true;
    for (let next; (next = queue.find(e => e.state === 'waiting'));) {
      next.state = 'uploading';
      try {
        await upload(next);
      } catch (error) {
        next.fail(error.final ? error.message : text('Failed') + ' ' + error.message);
      }
    }
    running = false;
  }

  function take(files) {
    for (const file of files) add(file);
    run();
  }

  const input = document.getElementById('files');
  input.addEventListener('change', () => { take(input.files); input.value = ''; });
  const drop = document.getElementById('drop');
  drop.addEventListener('dragover', event => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', event => {
    event.preventDefault();
    drop.classList.remove('over');
    take(event.dataTransfer.files);
  });
  window.addEventListener('beforeunload', event => {
    if (running) event.preventDefault();
  });
})();

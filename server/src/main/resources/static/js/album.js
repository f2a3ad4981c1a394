// An album page: reorder, choose the cover, remove items (the JSON API on the session), and
// the body of a new share link.
'use strict';

(() => {
  const root = document.getElementById('album');
  const albumId = root.dataset.id;
  const list = document.getElementById('album-items');
  const error = document.getElementById('album-error');
  const base = '/api/v1/albums/' + encodeURIComponent(albumId);

  async function run(work) {
    error.textContent = '';
    try {
      await work();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  const order = () => [...list.children].map(li => li.dataset.id);

  list.addEventListener('click', event => {
    const button = event.target.closest('button');
    if (!button) return;
    const tile = button.closest('.tile');
    const id = tile.dataset.id;
    if (button.classList.contains('move-earlier') || button.classList.contains('move-later')) {
      const earlier = button.classList.contains('move-earlier');
      const sibling = earlier ? tile.previousElementSibling : tile.nextElementSibling;
      if (!sibling) return;
      run(async () => {
        // The tile moves once the server has the new order, so the page never shows another.
        const ids = order();
        const at = ids.indexOf(id);
        const to = earlier ? at - 1 : at + 1;
        [ids[at], ids[to]] = [ids[to], ids[at]];
        await Arca.call('PUT', base + '/order', {itemIds: ids});
        if (earlier) sibling.before(tile); else sibling.after(tile);
        button.focus();
      });
    } else if (button.classList.contains('make-cover')) {
      run(async () => {
        await Arca.call('PATCH', base, {coverItemId: id});
        list.querySelectorAll('.make-cover').forEach(b => b.setAttribute('aria-pressed', String(b === button)));
      });
    } else if (button.classList.contains('remove')) {
      run(async () => {
        await Arca.call('DELETE', base + '/items/' + encodeURIComponent(id));
        tile.remove();
      });
    }
  });

  Arca.transforms.share = body => {
    const share = {albumId: body.albumId, allowOriginals: body.allowOriginals};
    if (body.password) share.password = body.password;
    // A date means "until the end of that day" where the browser is.
    if (body.expiresAt) share.expiresAt = new Date(body.expiresAt + 'T23:59:59').toISOString();
    return share;
  };
})();

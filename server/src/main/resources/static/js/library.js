// The library grid: choosing items to act on.
//
// Selection: a click on a tile's box chooses it, shift-click chooses the range from the last
// choice, and a day's button chooses the whole day. The bar that appears acts on the choice
// through the JSON API (arca.js).
'use strict';

(() => {
  const grid = document.getElementById('grid');
  if (!grid) return;

  // Infinite scroll is htmx's (see days.jte). An item can come twice: when its capture date
  // became known after an earlier page was shown, it moved further down the timeline. The page
  // keeps it where it was seen first. Then the selection learns of the new tiles.
  document.body.addEventListener('htmx:afterSwap', () => {
    const seen = new Set();
    for (const tile of grid.querySelectorAll('.tile')) {
      if (seen.has(tile.dataset.id)) {
        const day = tile.closest('.day');
        tile.remove();
        if (day && !day.querySelector('.tile')) day.remove();
      } else {
        seen.add(tile.dataset.id);
      }
    }
    update();
  });

  const bar = document.getElementById('selection');
  if (!bar) return;
  const boxes = () => [...grid.querySelectorAll('input.pick')];
  const chosen = () => boxes().filter(b => b.checked).map(b => b.value);
  const result = document.getElementById('selection-result');
  const error = document.getElementById('selection-error');
  let last = null;

  function update() {
    const ids = chosen();
    bar.hidden = ids.length === 0;
    grid.classList.toggle('picking', ids.length > 0);
    document.getElementById('selection-count').textContent = bar.dataset.msgCount.replace('{0}', ids.length);
    for (const box of boxes()) box.closest('.tile').classList.toggle('picked', box.checked);
  }

  function choose(box, range) {
    if (range && last && last !== box) {
      const all = boxes();
      const [a, b] = [all.indexOf(last), all.indexOf(box)].sort((x, y) => x - y);
      all.slice(a, b + 1).forEach(x => { x.checked = box.checked; });
    }
    last = box;
    update();
  }

  grid.addEventListener('click', event => {
    const box = event.target.closest('input.pick');
    if (box) {
      choose(box, event.shiftKey);
      return;
    }
    const day = event.target.closest('.pick-day');
    if (day) {
      const inDay = [...day.closest('.day').querySelectorAll('input.pick')];
      const all = inDay.every(b => b.checked);
      inDay.forEach(b => { b.checked = !all; });
      update();
      return;
    }
    // While choosing, a click on a picture chooses it instead of opening it.
    const tile = event.target.closest('.tile');
    if (tile && grid.classList.contains('picking') && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const pick = tile.querySelector('input.pick');
      pick.checked = !pick.checked;
      choose(pick, event.shiftKey);
    }
  });

  document.getElementById('select-none').addEventListener('click', () => {
    boxes().forEach(b => { b.checked = false; });
    update();
  });

  async function act(work) {
    error.textContent = '';
    result.textContent = '';
    try {
      await work(chosen());
    } catch (e) {
      error.textContent = e.message;
    }
  }

  const addToAlbum = document.getElementById('selection-add-to-album');
  if (addToAlbum) {
    addToAlbum.addEventListener('click', () => act(async ids => {
      const album = document.getElementById('selection-album').value;
      await Arca.call('POST', '/api/v1/albums/' + encodeURIComponent(album) + '/items', {itemIds: ids});
      location.assign('/library/albums/' + encodeURIComponent(album));
    }));
  }
  document.getElementById('selection-tag-add').addEventListener('click', () => act(async ids => {
    const tag = document.getElementById('selection-tag').value.trim();
    if (tag === '') return;
    await Arca.call('POST', '/api/v1/items/tags', {itemIds: ids, add: [tag], remove: []});
    location.assign('/library?tag=' + encodeURIComponent(tag));
  }));
  document.getElementById('selection-share').addEventListener('click', () => act(async ids => {
    const share = await Arca.call('POST', '/api/v1/shares', {itemIds: ids});
    Arca.show(result, share.url);
  }));
  // A plain form post: the browser saves the answer, and a long choice does not fit an address.
  document.getElementById('selection-download').addEventListener('click', () => act(async ids => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/library/download';
    form.hidden = true;
    const field = (name, value) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    };
    field('_csrf', bar.querySelector('input[name="_csrf"]').value);
    ids.forEach(id => field('item', id));
    document.body.append(form);
    form.submit();
    form.remove();
  }));
  document.getElementById('selection-delete').addEventListener('click', () => act(async ids => {
    for (const id of ids) await Arca.call('DELETE', '/api/v1/items/' + encodeURIComponent(id));
    location.reload();
  }));
  update();
})();

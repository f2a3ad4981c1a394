// The item page: keyboard navigation, and the editor's live preview of rotation, flips and crop,
// drawn on a canvas over the unedited picture. Saving goes through arca.js (data-api forms).
'use strict';

document.addEventListener('keydown', event => {
  const target = event.target;
  if (event.altKey || event.ctrlKey || event.metaKey || target.closest('input, textarea, select, [contenteditable]')) {
    return;
  }
  if (target.closest('video, audio') && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return;
  const link = document.querySelector('.item-nav [data-key="' + event.key + '"]');
  if (link) {
    event.preventDefault();
    location.assign(link.href);
  }
});

const albumForm = document.getElementById('add-to-album-form');
if (albumForm) {
  document.getElementById('album').addEventListener('change', event => {
    albumForm.setAttribute('action', '/api/v1/albums/' + encodeURIComponent(event.target.value) + '/items');
  });
}

Arca.transforms.revert = () => ({edits: null});

Arca.transforms.edits = body => {
  const edits = body.edits;
  const crop = edits.crop;
  const full = crop.x <= 0 && crop.y <= 0 && crop.width >= 100 && crop.height >= 100;
  edits.crop = full ? null : {x: crop.x / 100, y: crop.y / 100, width: crop.width / 100, height: crop.height / 100};
  return {edits};
};

(() => {
  const canvas = document.getElementById('edit-preview');
  if (!canvas) return;
  const field = id => document.getElementById(id);
  const rotation = field('rotation');
  const crop = ['crop-x', 'crop-y', 'crop-width', 'crop-height'].map(field);
  const picture = new Image();
  const context = canvas.getContext('2d');
  const initial = {rotation: rotation.value, h: field('flip-horizontal').checked, v: field('flip-vertical').checked,
    crop: crop.map(c => c.value)};

  function cropRect() {
    const [x, y, w, h] = crop.map(c => Math.max(0, Number(c.value) || 0) / 100);
    return {x: Math.min(x, 1), y: Math.min(y, 1), w: Math.min(w, 1 - Math.min(x, 1)), h: Math.min(h, 1 - Math.min(y, 1))};
  }

  function draw() {
    if (!picture.complete || picture.naturalWidth === 0) return;
    const turns = Number(rotation.value) % 4;
    const sideways = turns % 2 === 1;
    const width = sideways ? picture.naturalHeight : picture.naturalWidth;
    const height = sideways ? picture.naturalWidth : picture.naturalHeight;
    const scale = Math.min(canvas.clientWidth || 480, 960) / width;
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    context.save();
    context.translate(canvas.width / 2, canvas.height / 2);
    // The picture turns first, then flips in the turned picture's axes (the last call applies first).
    context.scale(field('flip-horizontal').checked ? -1 : 1, field('flip-vertical').checked ? -1 : 1);
    context.rotate(turns * Math.PI / 2);
    context.drawImage(picture, -picture.naturalWidth * scale / 2, -picture.naturalHeight * scale / 2,
      picture.naturalWidth * scale, picture.naturalHeight * scale);
    context.restore();
    const r = cropRect();
    context.fillStyle = 'rgba(0, 0, 0, 0.55)';
    const [cx, cy, cw, ch] = [r.x * canvas.width, r.y * canvas.height, r.w * canvas.width, r.h * canvas.height];
    context.fillRect(0, 0, canvas.width, cy);
    context.fillRect(0, cy + ch, canvas.width, canvas.height - cy - ch);
    context.fillRect(0, cy, cx, ch);
    context.fillRect(cx + cw, cy, canvas.width - cx - cw, ch);
    context.strokeStyle = '#fff';
    context.lineWidth = 2;
    context.strokeRect(cx, cy, cw, ch);
  }

  function setCrop(x, y, w, h) {
    [x, y, w, h].forEach((v, i) => { crop[i].value = (Math.round(v * 1000) / 10).toString(); });
    draw();
  }

  // Dragging on the preview draws the crop rectangle.
  let start = null;
  const at = event => {
    const box = canvas.getBoundingClientRect();
    return {x: Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1),
      y: Math.min(Math.max((event.clientY - box.top) / box.height, 0), 1)};
  };
  canvas.addEventListener('pointerdown', event => { start = at(event); canvas.setPointerCapture(event.pointerId); });
  canvas.addEventListener('pointermove', event => {
    if (!start) return;
    const p = at(event);
    setCrop(Math.min(start.x, p.x), Math.min(start.y, p.y), Math.abs(p.x - start.x), Math.abs(p.y - start.y));
  });
  canvas.addEventListener('pointerup', () => {
    start = null;
    const r = cropRect();
    if (r.w < 0.01 || r.h < 0.01) setCrop(0, 0, 1, 1);
  });

  const turn = by => () => {
    rotation.value = String((Number(rotation.value) + by + 4) % 4);
    // A crop is a part of the turned picture; it starts over when the picture turns.
    setCrop(0, 0, 1, 1);
  };
  field('rotate-left').addEventListener('click', turn(-1));
  field('rotate-right').addEventListener('click', turn(1));
  field('reset-edits').addEventListener('click', () => {
    rotation.value = initial.rotation;
    field('flip-horizontal').checked = initial.h;
    field('flip-vertical').checked = initial.v;
    crop.forEach((c, i) => { c.value = initial.crop[i]; });
    draw();
  });
  for (const input of [field('flip-horizontal'), field('flip-vertical'), ...crop]) input.addEventListener('input', draw);
  picture.addEventListener('load', draw);
  window.addEventListener('resize', draw);
  picture.src = canvas.dataset.src;
})();

// Progressive enhancement of /complaints/upload/:id while a file is processed: polls the
// status endpoint, updates the figures in their aria-live region, and once processing ends
// swaps in the finished page's content without a reload (the page works without this file:
// it offers a Refresh link instead).
const POLL_MS = 1500;

const result = document.getElementById('upload-result');
const statusUrl = result?.dataset.uploadStatusUrl;

if (result && statusUrl) {
  for (const refresh of result.querySelectorAll('[data-upload-refresh]')) refresh.hidden = true;
  poll();
}

function poll() {
  setTimeout(async () => {
    let status;
    try {
      const response = await fetch(statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) throw new Error(String(response.status));
      status = await response.json();
    } catch {
      showRefreshLink();
      return;
    }
    if (status.phase === 'processing') {
      showFigures(status);
      poll();
    } else {
      await showResult(status);
    }
  }, POLL_MS);
}

function showFigures(status) {
  const format = (value) => Number(value).toLocaleString('en-GB');
  for (const name of ['done', 'total', 'accepted', 'rejected']) {
    const figure = document.querySelector(`[data-upload-figure="${name}"]`);
    if (figure) figure.textContent = format(status[name]);
  }
  const bar = document.getElementById('upload-progress');
  if (bar) {
    bar.max = status.total;
    bar.value = status.done;
    bar.textContent = `${status.total === 0 ? 100 : Math.floor((status.done / status.total) * 100)}%`;
  }
}

/** The server renders the finished page; its #upload-result replaces ours. */
async function showResult(status) {
  let page;
  try {
    const response = await fetch(window.location.pathname, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    page = new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    showRefreshLink();
    return;
  }
  const fresh = page.getElementById('upload-result');
  if (!fresh) return showRefreshLink();
  document.getElementById('upload-result').replaceWith(document.adoptNode(fresh));
  document.title = page.title;
  const announcement = document.getElementById('upload-announcement');
  if (announcement) {
    announcement.textContent = `Processing finished: ${status.accepted} saved, ${status.rejected} not saved.`;
  }
  document.getElementById('upload-heading')?.focus();
}

function showRefreshLink() {
  for (const refresh of document.querySelectorAll('[data-upload-refresh]')) refresh.hidden = false;
}

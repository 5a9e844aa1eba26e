// edition: the filters of the list of documents (edition.js sorts it) and the Cite control of a document's page.
// Progressive enhancement only: without this file the table is in reading order and the
// Chicago citation is shown in full.
"use strict";

// ---- The home page: filter by type, year and person (sorting: setUpSortableTables in edition.js) ----

function setUpDocumentList() {
  const table = document.querySelector("table.document-list");
  if (!table) return;
  const rows = Array.from(table.tBodies[0].rows);
  const filters = document.querySelector(".document-filters");
  const status = document.getElementById("document-count");
  if (!filters) return;
  filters.hidden = false;
  const selects = Array.from(filters.querySelectorAll("select"));
  const apply = () => {
    let shown = 0;
    rows.forEach((row) => {
      const keep = selects.every((select) => {
        if (!select.value) return true;
        const values = (row.dataset[select.name] || "").split("|");
        return values.includes(select.value);
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    if (status) status.textContent = shown === rows.length ? "" : `${shown} of ${rows.length} documents shown.`;
  };
  selects.forEach((select) => select.addEventListener("change", apply));
  const reset = filters.querySelector("button[type=reset]");
  if (reset) reset.addEventListener("click", () => setTimeout(apply, 0));
}

// ---- A document's page: citations in three styles, for the document and each paragraph ---------

function pageUrl(article) {
  // The citation's URL as written in the page: absolute with base_url, else relative to this page.
  return article.dataset.citeUrl || "";
}

function absolute(url) {
  return new URL(url, location.href).href;
}

// The citation HTML with the relative URL completed from the address the reader is viewing.
function completed(html, article) {
  const url = pageUrl(article);
  if (!url || /^[a-z]+:/i.test(url)) return html;
  return html.split(url).join(absolute(url));
}

function firstWords(element, count) {
  const clone = element.cloneNode(true);
  clone.querySelectorAll(".pnum, .cite-paragraph, .note-ref, sup").forEach((node) => node.remove());
  return clone.textContent.split(/\s+/).filter(Boolean).slice(0, count).join(" ");
}

// A link that still finds the quoted words if the anchor is ever retired (URL text fragments).
function fragmentLink(article, paragraph) {
  const words = firstWords(paragraph, 6);
  const base = absolute(pageUrl(article) || location.pathname).split("#")[0];
  return `${base}#${paragraph.id}:~:text=${encodeURIComponent(words).replace(/-/g, "%2D")}`;
}

async function copyCitation(element) {
  const html = element.innerHTML;
  const text = element.textContent;
  try {
    if (window.ClipboardItem && navigator.clipboard.write) {
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      })]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    return true;
  } catch (e) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    const done = document.execCommand("copy");
    selection.removeAllRanges();
    return done;
  }
}

function setUpCitations() {
  const article = document.querySelector("article[data-cite-url]");
  const citations = Array.from(document.querySelectorAll(".metadata .citation[data-style]"));
  if (!article || !citations.length) return;
  let chosen = "chicago";
  try { chosen = localStorage.getItem("edition-cite-style") || chosen; } catch (e) { /* storage may be off */ }
  if (!citations.some((c) => c.dataset.style === chosen)) chosen = citations[0].dataset.style;

  citations.forEach((c) => { c.innerHTML = completed(c.innerHTML, article); });
  const styleButtons = Array.from(document.querySelectorAll(".cite-style"));
  const show = (style) => {
    chosen = style;
    try { localStorage.setItem("edition-cite-style", style); } catch (e) { /* ignore */ }
    citations.forEach((c) => { c.hidden = c.dataset.style !== style; });
    styleButtons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.style === style)));
  };
  styleButtons.forEach((b) => b.addEventListener("click", () => { show(b.dataset.style); refreshDialog(); }));
  const switcher = document.querySelector(".metadata .cite-styles");
  if (switcher) switcher.hidden = false;
  show(chosen);

  const dialog = document.getElementById("cite-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const text = document.getElementById("cite-dialog-text");
  const status = document.getElementById("cite-status");
  const fragment = document.getElementById("cite-dialog-fragment");
  const fragmentAnchor = document.getElementById("cite-dialog-fragment-link");
  const dialogStyles = document.getElementById("cite-dialog-styles");
  let opener = null;
  let current = null; // {number, paragraph} or null for the whole document

  const citationHtml = () => {
    const source = citations.find((c) => c.dataset.style === chosen);
    if (!current) return source.innerHTML;
    const template = completed(source.dataset.paragraph, article);
    return template.split("{paragraph}").join(current.number).split("{anchor}").join(current.paragraph.id);
  };
  function refreshDialog() {
    if (!dialog.open) return;
    text.innerHTML = citationHtml();
    if (current) {
      const link = fragmentLink(article, current.paragraph);
      fragmentAnchor.href = link;
      fragmentAnchor.textContent = link;
      fragment.hidden = false;
    } else {
      fragment.hidden = true;
    }
    if (dialogStyles) {
      dialogStyles.replaceChildren(...citations.map((c) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "cite-style";
        button.textContent = c.dataset.label;
        button.setAttribute("aria-pressed", String(c.dataset.style === chosen));
        button.addEventListener("click", () => { show(c.dataset.style); refreshDialog(); });
        return button;
      }));
    }
  }
  const open = (target, button) => {
    opener = button;
    current = target;
    status.textContent = "";
    dialog.showModal();
    refreshDialog();
  };
  document.getElementById("cite-copy").addEventListener("click", async () => {
    status.textContent = (await copyCitation(text)) ? "Copied." : "Select the text and copy it.";
  });
  document.getElementById("cite-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => opener && opener.focus());

  const whole = document.querySelector(".cite-button");
  if (whole) {
    whole.hidden = false;
    whole.addEventListener("click", () => open(null, whole));
  }
  article.querySelectorAll(".tei-p[id] > .pnum").forEach((number) => {
    const paragraph = number.parentElement;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cite-paragraph";
    button.textContent = "Cite";
    button.setAttribute("aria-label", "Cite paragraph " + number.textContent.trim());
    button.addEventListener("click", () => open({ number: number.textContent.trim(), paragraph }, button));
    number.after(button);
  });
}

setUpDocumentList();
setUpCitations();

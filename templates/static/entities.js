// edition: names in the text and the register lists (templates/register.html, entity links).
// Progressive enhancement only: without this file every name is a plain link to its entry and
// the register lists are in name order.
"use strict";

// ---- A card on hover and keyboard focus: name, dates, role -----------------------------------

function setUpEntityCards() {
  const links = document.querySelectorAll("a[data-ref][href][data-name]");
  if (!links.length) return;
  const card = document.createElement("div");
  card.className = "entity-card";
  card.id = "entity-card";
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  document.body.append(card);
  let current = null;
  const show = (link) => {
    current = link;
    card.replaceChildren();
    const name = document.createElement("strong");
    name.textContent = link.dataset.name;
    card.append(name);
    if (link.dataset.dates) card.append(" (" + link.dataset.dates + ")");
    if (link.dataset.role) {
      const role = document.createElement("span");
      role.className = "entity-card-role";
      role.textContent = link.dataset.role;
      card.append(role);
    }
    card.hidden = false;
    const box = link.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    card.style.maxWidth = width + "px";
    card.style.left = Math.max(8, Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - width - 8)) + "px";
    card.style.top = (box.bottom + window.scrollY + 6) + "px";
    link.setAttribute("aria-describedby", "entity-card");
  };
  const hide = () => {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    card.hidden = true;
  };
  links.forEach((link) => {
    link.addEventListener("mouseenter", () => show(link));
    link.addEventListener("focus", () => show(link));
    link.addEventListener("mouseleave", hide);
    link.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
}

// ---- The register lists: filter by name (sorting: setUpSortableTables in edition.js) -----------

function setUpEntityList() {
  const table = document.querySelector("table.entity-list");
  if (!table) return;
  const rows = Array.from(table.tBodies[0].rows);
  const form = document.querySelector(".entity-filter");
  if (!form) return;
  form.hidden = false;
  const status = form.querySelector(".entity-count");
  const filter = () => {
    const wanted = form.elements.q.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row) => {
      row.hidden = Boolean(wanted) && !row.textContent.toLowerCase().includes(wanted);
      if (!row.hidden) shown += 1;
    });
    status.textContent = shown + " of " + rows.length;
  };
  form.addEventListener("input", filter);
  form.addEventListener("submit", (event) => event.preventDefault());
  filter();
}

document.addEventListener("DOMContentLoaded", () => {
  setUpEntityCards();
  setUpEntityList();
});

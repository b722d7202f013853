// The reader's controls: one switch for every code cell of the page, the
// filters of long tables, and tables laid out so that no word or figure is
// split. Loaded in the head, so that code is hidden or shown, and a phone's
// tables are cards, before the first paint. Without JavaScript, code stays
// hidden, every table row shows and a table too wide scrolls in its frame.
(() => {
  const CODE_KEY = "tracingbook.showCode";
  const root = document.documentElement;
  // A phone's screen: a table of three columns or more is a card per row.
  const narrow = window.matchMedia("(max-width: 40em)");
  root.classList.toggle("house-narrow", narrow.matches);
  const stored = () => {
    try {
      return window.localStorage.getItem(CODE_KEY) === "true";
    } catch (error) {
      return false; // storage refused (private mode, file://): code stays hidden
    }
  };
  const remember = (shown) => {
    try {
      window.localStorage.setItem(CODE_KEY, String(shown));
    } catch (error) {
      // nothing to remember it in: the switch still works on this page
    }
  };
  root.classList.toggle("house-code-shown", stored());

  function addCodeSwitch() {
    if (!document.querySelector(".cell_input")) {
      return;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn house-code-switch";
    const label = () => {
      const shown = root.classList.contains("house-code-shown");
      button.textContent = shown ? "Hide code" : "Show code";
      button.setAttribute("aria-pressed", String(shown));
    };
    button.addEventListener("click", () => {
      const shown = !root.classList.contains("house-code-shown");
      root.classList.toggle("house-code-shown", shown);
      remember(shown);
      label();
    });
    label();
    const bar = document.querySelector(".article-header-buttons");
    if (bar) {
      bar.prepend(button);
    } else {
      document.querySelector("main, body").prepend(button);
    }
  }

  // A table marked data-filter-column gets a choice of values above it: rows
  // whose cell in that column differs are hidden, and a live line counts them.
  function addTableFilters() {
    document.querySelectorAll("table[data-filter-column]").forEach((table, number) => {
      const column = Number(table.dataset.filterColumn);
      const heading = table.querySelectorAll("thead th")[column];
      const rows = Array.from(table.tBodies[0]?.rows ?? []);
      const valueOf = (row) => row.cells[column]?.textContent.trim() ?? "";
      const values = Array.from(new Set(rows.map(valueOf)));
      const control = document.createElement("div");
      control.className = "house-table-filter";
      const id = `house-table-filter-${number}`;
      const labelText = `Show ${heading ? heading.textContent.trim().toLowerCase() : "rows"}:`;
      control.innerHTML = `<label for="${id}"></label> <select id="${id}"></select> <span role="status" aria-live="polite"></span>`;
      control.querySelector("label").textContent = labelText;
      const select = control.querySelector("select");
      const status = control.querySelector("span");
      select.add(new Option("all", ""));
      values.forEach((value) => {
        const count = rows.filter((row) => valueOf(row) === value).length;
        select.add(new Option(`${value} (${count})`, value));
      });
      select.addEventListener("change", () => {
        let shown = 0;
        rows.forEach((row) => {
          const keep = !select.value || valueOf(row) === select.value;
          row.hidden = !keep;
          shown += keep ? 1 : 0;
        });
        status.textContent = `${shown} of ${rows.length} rows shown`;
      });
      const wrapper = table.closest(".house-table-wrapper") ?? table;
      wrapper.before(control);
    });
  }

  const NUMBER = /^[-−+]?[£$]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: ?%)?(?:[–-][£$]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: ?%)?)?$/;
  const DATE = /^(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:–(?:January|February|March|April|May|June|July|August|September|October|November|December))? \d{4}$/;

  // Figures stay on one line: a column whose every value is a number is
  // right-aligned, so that digits line up, and a date is never split.
  function markFigures(table) {
    const rows = Array.from(table.tBodies[0]?.rows ?? []);
    const headings = table.tHead ? Array.from(table.tHead.rows[0]?.cells ?? []) : [];
    headings.forEach((heading, column) => {
      const cells = rows.map((row) => row.cells[column]).filter(Boolean);
      const texts = cells.map((cell) => cell.textContent.trim());
      const numeric = texts.some(Boolean) && texts.every((text) => !text || NUMBER.test(text));
      cells.forEach((cell, index) => {
        const text = texts[index];
        cell.classList.toggle("house-table__figure", numeric || DATE.test(text));
        cell.classList.toggle("house-table__number", numeric);
      });
      heading.classList.toggle("house-table__number", numeric);
    });
  }

  // A table whose whole words and figures are wider than its column becomes a
  // card per row (house-site.css), at whatever width: a word is never split.
  function fitTable(table) {
    const frame = table.parentElement;
    table.classList.remove("house-table--as-cards");
    if (!frame || frame.clientWidth === 0 || getComputedStyle(table).display !== "table") {
      return; // folded away, or already cards on a phone
    }
    if (table.getBoundingClientRect().width > frame.clientWidth + 1) {
      table.classList.add("house-table--as-cards");
    }
  }

  function fitTables() {
    const tables = Array.from(document.querySelectorAll("table.house-table"));
    tables.forEach(markFigures);
    const fitAll = () => tables.forEach(fitTable);
    fitAll();
    let pending = false;
    const refit = () => {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(() => {
          pending = false;
          root.classList.toggle("house-narrow", narrow.matches);
          fitAll();
        });
      }
    };
    window.addEventListener("resize", refit);
    // A table in a fold is measured when the fold opens.
    document.addEventListener("toggle", refit, true);
  }

  // The pydata and book themes attach their sidebar handlers (a menu dialog on a
  // phone, a folding sidebar on a wide screen) to the first .primary-toggle and
  // .secondary-toggle of the page: the site header's, which the book theme
  // never shows. The buttons a reader sees are in the article's header; a click
  // on one is passed on to the button the themes listen on.
  function connectSidebarButtons() {
    ["primary-toggle", "secondary-toggle"].forEach((kind) => {
      const [listened, ...shown] = document.querySelectorAll(`.${kind}`);
      shown.forEach((button) => {
        button.addEventListener("click", (event) => {
          event.preventDefault();
          button.blur(); // its tooltip would otherwise stay over the page
          listened.click();
        });
      });
    });
  }

  // A citation shows its source where it stands: a tap, click or Enter opens
  // the full reference and its link in a popover over the page (Escape or a
  // tap elsewhere closes it); the list of sources is one link further.
  // Without the popover API or JavaScript, the citation leads to the list.
  function addSourceTips() {
    const citations = Array.from(
      document.querySelectorAll('.bd-article a.reference.internal[href*="references.html#"][title]'),
    );
    if (!citations.length || !("popover" in HTMLElement.prototype)) {
      return;
    }
    const tip = document.createElement("div");
    tip.id = "house-source-tip";
    tip.className = "house-source-tip";
    tip.popover = "auto";
    tip.setAttribute("role", "dialog");
    tip.setAttribute("aria-label", "Source");
    document.body.append(tip);
    let opener = null;
    const show = (link) => {
      // The reference as the bibliography writes it, each address in it a link.
      const text = document.createElement("p");
      link.dataset.reference.split(/(https?:\/\/[^\s,]+?)(?=[.,]?(?:\s|$))/).forEach((part, index) => {
        if (index % 2) {
          const address = document.createElement("a");
          address.href = part;
          address.textContent = part;
          address.className = "house-source-tip__address";
          text.append(address);
        } else {
          text.append(part);
        }
      });
      const links = document.createElement("p");
      const listed = document.createElement("a");
      listed.href = link.href;
      listed.textContent = "In the list of sources";
      links.append(listed);
      tip.replaceChildren(text, links);
      opener = link;
      tip.showPopover();
      const box = link.getBoundingClientRect();
      const width = tip.offsetWidth;
      const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
      tip.style.left = `${left + window.scrollX}px`;
      tip.style.top = `${box.bottom + window.scrollY + 6}px`;
      tip.querySelector("a").focus({ preventScroll: true });
    };
    // The theme takes Escape for its own dialogs before the popover hears it.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && tip.matches(":popover-open")) {
        tip.hidePopover();
      }
    });
    tip.addEventListener("toggle", (event) => {
      if (event.newState === "closed" && opener && tip.contains(document.activeElement)) {
        opener.focus({ preventScroll: true });
      }
    });
    citations.forEach((link) => {
      link.dataset.reference = link.title;
      link.removeAttribute("title");
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-controls", tip.id);
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
          return; // a new tab or window: the list of sources, as the link says
        }
        event.preventDefault();
        show(link);
      });
    });
  }

  // Sphinx's search page shows an excerpt of each page found, taken from the
  // page's text; a chapter's code, hidden on the page, is left out of it.
  function keepCodeOutOfSearchExcerpts() {
    if (typeof Search === "undefined" || !Search.htmlToText) {
      return;
    }
    const pageText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(".cell_input, .house-cite").forEach((node) => node.remove());
      return pageText(page.documentElement.outerHTML, anchor);
    };
  }

  const start = () => {
    keepCodeOutOfSearchExcerpts();
    addSourceTips();
    addCodeSwitch();
    fitTables();
    addTableFilters();
    connectSidebarButtons();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

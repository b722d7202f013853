// The reader's controls: one switch for every code cell of the page, and the
// filters of long tables. Loaded in the head, so that code is hidden or shown
// before the first paint. Without JavaScript, code stays hidden and every
// table row shows.
(() => {
  const CODE_KEY = "tracingbook.showCode";
  const root = document.documentElement;
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

  const start = () => {
    addCodeSwitch();
    addTableFilters();
    connectSidebarButtons();
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

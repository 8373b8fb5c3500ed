// Vigie: progressive enhancement only. Every page works without this file;
// it adds a unit filter, a character counter, prevents double clicks on
// the final button, and keeps the back office's code count up to date. Arrow keys inside a radio group are native.
(function () {
  "use strict";

  // Filter the unit tree as the person types.
  document.querySelectorAll("[data-filter-for]").forEach(function (box) {
    var list = document.getElementById(box.getAttribute("data-filter-for"));
    var input = box.querySelector("input");
    if (!list || !input) return;
    box.hidden = false;
    var norm = function (s) {
      return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    };
    input.addEventListener("input", function () {
      var q = norm(input.value.trim());
      list.querySelectorAll("li[data-label]").forEach(function (li) {
        var radio = li.querySelector("input");
        li.hidden = q !== "" && norm(li.getAttribute("data-label")).indexOf(q) < 0 && !(radio && radio.checked);
      });
    });
  });

  // Characters left in a comment, announced politely.
  document.querySelectorAll("textarea[data-counter]").forEach(function (ta) {
    var out = document.getElementById(ta.getAttribute("data-counter"));
    var max = parseInt(ta.getAttribute("maxlength"), 10);
    if (!out || !max) return;
    var update = function () {
      var left = max - Array.from(ta.value).length;
      out.textContent = document.documentElement.lang === "en"
        ? left + " characters left" : left + " caractères restants";
    };
    out.hidden = false;
    ta.addEventListener("input", update);
    update();
  });

  // After a failed post, move focus to the message so that it is read first
  // and the page does not start at the top of a long form.
  var alert = document.querySelector("main .error[role=alert]");
  if (alert) {
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }

  // Once a form with a data-once button is sent, the button says so and
  // cannot be pressed again (the server stores one response anyway).
  document.querySelectorAll("button[data-once]").forEach(function (b) {
    b.form.addEventListener("submit", function () {
      setTimeout(function () { b.disabled = true; }, 0);
    });
    // Coming back with the back button shows the page from the cache:
    // the button must work again (the server answers "already recorded").
    window.addEventListener("pageshow", function () { b.disabled = false; });
  });
  // Codes: the form answers with a file, so the page would keep showing
  // the old count. Send it with fetch, save the file, and update the count
  // from the answer's X-Vigie-Codes-Total. A refused form (an HTML page)
  // created no codes: send it again normally to show the message.
  document.querySelectorAll("form[data-codes-form]").forEach(function (form) {
    var out = document.getElementById("codes-total");
    if (!out || !window.fetch || !window.URL) return;
    var sending = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (sending) return;
      sending = true;
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
        var total = r.headers.get("X-Vigie-Codes-Total");
        if (!r.ok || total === null) {
          sending = false;
          HTMLFormElement.prototype.submit.call(form);
          return;
        }
        var name = (/filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "") || [])[1] || "codes";
        return r.blob().then(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = name;
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
          var n = parseInt(total, 10);
          out.textContent = n + "\u00a0" + (n < 2 ? "code créé" : "codes créés");
          sending = false;
        });
      }).catch(function () {
        sending = false;
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  });
  // Back office: a sideways-scrolling table that overflows fades at its
  // right edge until scrolled to the end (admin.css), a cue that more
  // columns follow.
  document.querySelectorAll(".scroll-x").forEach(function (box) {
    var update = function () {
      box.classList.toggle("overflowing", box.scrollWidth > box.clientWidth + 1);
      box.classList.toggle("at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
    };
    box.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  });
  // Back office: a form marked data-inplace (a DUERP row's measures) is
  // posted in the background, and the page stays where it is. A refusal
  // (or no network) falls back to the ordinary post, which shows the
  // message on the row.
  document.querySelectorAll("form[data-inplace]").forEach(function (form) {
    var out = form.querySelector("[data-inplace-status]");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (out) out.textContent = "Enregistrement…";
      fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)),
        redirect: "manual", credentials: "same-origin"
      }).then(function (r) {
        if (r.type === "opaqueredirect" || (r.status >= 300 && r.status < 400)) {
          if (out) out.textContent = "Enregistré.";
          return;
        }
        HTMLFormElement.prototype.submit.call(form);
      }).catch(function () {
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  });
})();

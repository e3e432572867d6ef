// Équilibre : recalcul des chiffres pendant la saisie. Sans ce script, le bouton « Recalculer » fait la même chose.
(function () {
  "use strict";
  var panel = document.getElementById("chiffres");
  if (!panel) return;
  var csrf = document.body.getAttribute("data-csrf") || "";

  // Shows the figures of one answer of /calcul, unless a later keystroke already asked again.
  function shower() {
    var sequence = 0;
    return {
      next: function () { return ++sequence; },
      show: function (data, mine) {
        if (mine !== sequence) return;
        var cells = panel.querySelectorAll("[data-cle]");
        for (var i = 0; i < cells.length; i++) {
          var key = cells[i].getAttribute("data-cle");
          if (data.chiffres && Object.prototype.hasOwnProperty.call(data.chiffres, key)) cells[i].textContent = data.chiffres[key];
        }
        var box = document.getElementById("erreurs-direct");
        if (!box) {
          box = document.createElement("div");
          box.id = "erreurs-direct";
          box.setAttribute("role", "status");
          panel.insertBefore(box, panel.firstChild.nextSibling);
        }
        box.textContent = "";
        (data.erreurs || []).forEach(function (e) {
          var p = document.createElement("p");
          p.className = "alerte-ligne";
          p.textContent = e;
          box.appendChild(p);
        });
      }
    };
  }

  function post(url, type, body, s) {
    var mine = s.next();
    var request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", type);
    request.setRequestHeader("X-CSRF", csrf);
    request.onload = function () {
      try { s.show(JSON.parse(request.responseText), mine); } catch (e) { /* la page garde les derniers chiffres */ }
    };
    request.send(body);
  }

  // The scenario as text.
  var area = document.getElementById("scenario");
  if (area) {
    var s1 = shower();
    var t1 = null;
    area.addEventListener("input", function () {
      if (t1) clearTimeout(t1);
      t1 = setTimeout(function () { post(area.getAttribute("data-calcul"), "text/plain; charset=utf-8", area.value, s1); }, 30);
    });
  }

  // The household form: the same figures as it is typed; adding or removing a row keeps the place.
  var form = document.getElementById("form-menage");
  if (form) {
    var s2 = shower();
    var t2 = null;
    var recompute = function () {
      if (t2) clearTimeout(t2);
      t2 = setTimeout(function () {
        var fields = new URLSearchParams(new FormData(form));
        fields.delete("faire");
        post("/calcul/formulaire", "application/x-www-form-urlencoded", fields.toString(), s2);
      }, 30);
    };
    form.addEventListener("input", recompute);
    form.addEventListener("change", recompute);
    var place = "equilibre-place:" + location.pathname;
    form.addEventListener("submit", function (e) {
      var b = e.submitter;
      if (b && (b.name === "ajouter" || b.name === "retirer")) {
        try { sessionStorage.setItem(place, String(window.scrollY)); } catch (x) { /* sans stockage : la page remonte */ }
      }
    });
    try {
      var y = sessionStorage.getItem(place);
      if (y !== null) {
        sessionStorage.removeItem(place);
        window.scrollTo(0, parseInt(y, 10) || 0);
        var focused = form.querySelector("[autofocus]");
        if (focused) focused.focus({ preventScroll: true });
      }
    } catch (x) { /* sans stockage : la page remonte */ }
  }
})();

// Équilibre : recalcul des chiffres pendant la saisie. Sans ce script, le bouton « Recalculer » fait la même chose.
(function () {
  "use strict";
  var area = document.getElementById("scenario");
  var panel = document.getElementById("chiffres");
  if (!area || !panel) return;
  var csrf = document.body.getAttribute("data-csrf") || "";
  var timer = null;
  var sequence = 0;
  function show(data, mine) {
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
  function recompute() {
    var mine = ++sequence;
    var request = new XMLHttpRequest();
    request.open("POST", area.getAttribute("data-calcul"));
    request.setRequestHeader("Content-Type", "text/plain; charset=utf-8");
    request.setRequestHeader("X-CSRF", csrf);
    request.onload = function () {
      try { show(JSON.parse(request.responseText), mine); } catch (e) { /* la page garde les derniers chiffres */ }
    };
    request.send(area.value);
  }
  area.addEventListener("input", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(recompute, 30);
  });
})();

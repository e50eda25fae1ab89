// eGov mobile channel: start a signing session, show the QR code (computer) and deep links (phone), follow the outcome.
(() => {
  const root = document.getElementById("egov-mobile");
  if (!root) return;
  const status = document.getElementById("egov-status");
  const text = (key) => root.dataset["text" + key] || "";
  const show = (state, message) => { status.dataset.state = state; status.textContent = message; };
  let finished = false;

  const finish = (answer) => {
    if (finished) return;
    if (answer.state === "accepted") {
      finished = true;
      show("accepted", text("Accepted"));
      document.getElementById("egov-form").submit();
    } else if (answer.state === "rejected") {
      finished = true;
      const iin = (answer.reasons || []).includes("IinMismatch");
      show("rejected", iin ? text("RejectedIin") : text("Rejected"));
      document.getElementById("egov-qr").hidden = true;
    } else if (answer.state === "expired") {
      finished = true;
      show("expired", text("Expired"));
      document.getElementById("egov-qr").hidden = true;
    }
  };

  const poll = (statusUrl) => {
    const timer = setInterval(async () => {
      if (finished) { clearInterval(timer); return; }
      try {
        const response = await fetch(statusUrl, { cache: "no-store" });
        if (response.ok) finish(await response.json());
      } catch { /* keep polling */ }
    }, 2000);
  };

  const follow = (base) => {
    if (!window.EventSource) { poll(base + "/status"); return; }
    const events = new EventSource(base + "/events");
    events.addEventListener("status", (e) => { finish(JSON.parse(e.data)); if (finished) events.close(); });
    // The stream ends after the final event, or drops behind a proxy: fall back to polling.
    events.onerror = () => { events.close(); if (!finished) poll(base + "/status"); };
  };

  (async () => {
    try {
      const response = await fetch(root.dataset.startUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ iin: root.dataset.iin }),
      });
      if (!response.ok) throw new Error("start failed");
      const session = await response.json();
      const base = root.dataset.startUrl + "/" + encodeURIComponent(session.sessionId);
      document.getElementById("egov-session-id").value = session.sessionId;
      const qr = document.getElementById("egov-qr");
      qr.dataset.qrPayload = session.qr;
      document.getElementById("egov-qr-payload").textContent = session.qr;
      document.getElementById("egov-qr-image").src = base + "/qr.svg";
      qr.hidden = false;
      const links = session.deepLinks || {};
      for (const [id, key] of [["egov-deeplink", "egov"], ["egov-deeplink-business", "egovBusiness"]]) {
        const link = document.getElementById(id);
        if (links[key]) { link.href = links[key]; link.hidden = false; }
      }
      show("waiting", text("Waiting"));
      follow(base);
    } catch {
      show("failed", text("Failed"));
    }
  })();
})();

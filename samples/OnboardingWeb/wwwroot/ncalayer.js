// NCALayer channel: ask the local NCALayer (module kz.gov.pki.knca.basics, method sign) for a CMS or XML signature of
// the challenge and post it. The server trusts none of it: it verifies chain, revocation, IIN and the challenge.
(() => {
  const root = document.getElementById("ncalayer");
  if (!root) return;
  const message = document.getElementById("ncalayer-message");
  const text = (key) => root.dataset["text" + key] || "";
  const show = (state, key) => { message.dataset.state = state; message.textContent = text(key); };
  const buttons = root.querySelectorAll("button[data-format]");
  const busy = (on) => buttons.forEach((b) => { b.disabled = on; });
  const utf8Base64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

  const sign = (format) => {
    busy(true);
    show("working", "Working");
    let opened = false;
    let done = false;
    let socket;
    const end = (state, key) => { if (done) return; done = true; busy(false); show(state, key); try { socket.close(); } catch { /* closed */ } };
    try {
      socket = new WebSocket(root.dataset.url);
    } catch {
      end("not-running", "NotRunning");
      return;
    }
    socket.onopen = () => {
      opened = true;
      socket.send(JSON.stringify({
        module: "kz.gov.pki.knca.basics",
        method: "sign",
        args: {
          allowedStorages: ["AKKaztokenStore", "AKKZIDCardStore", "PKCS12"],
          format: format,
          data: format === "xml" ? root.dataset.challengeXml : root.dataset.challengeBase64,
          signingParams: { decode: "true", encapsulate: "true", digested: "false", tsaProfile: {} },
          signerParams: { extKeyUsageOids: ["1.3.6.1.5.5.7.3.4"], chain: [] },
          locale: root.dataset.locale,
        },
      }));
    };
    socket.onmessage = (event) => {
      let answer;
      try { answer = JSON.parse(event.data); } catch { return; }
      if (answer.status === undefined) return; // the greeting with NCALayer's version
      const result = answer.body && answer.body.result;
      if (answer.status === true && Array.isArray(result) && result.length > 0) {
        done = true;
        socket.close();
        document.getElementById("ncalayer-signature").value = format === "xml" ? utf8Base64(result[0]) : result[0];
        document.getElementById("ncalayer-form").submit();
        return;
      }
      const cancelled = answer.status === true || /cancel/i.test(String(answer.message || answer.details || ""));
      end(cancelled ? "cancelled" : "error", cancelled ? "Cancelled" : "Error");
    };
    socket.onerror = () => end(opened ? "error" : "not-running", opened ? "Error" : "NotRunning");
    socket.onclose = () => end(opened ? "error" : "not-running", opened ? "Error" : "NotRunning");
  };

  buttons.forEach((button) => button.addEventListener("click", () => sign(button.dataset.format)));
})();

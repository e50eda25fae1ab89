using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.PhoneOwnership;

/// <summary>
/// A loopback SmartBridge (ШЭП) SyncChannel simulator for tests and samples: a Kestrel minimal-API app on
/// <c>http://127.0.0.1:&lt;port&gt;</c> that checks each request's WS-Security signature with the SDK's EDS XML verifier
/// (trusting the <see cref="SandboxPki"/>), answers the direct phone-check and the КДП consent flow for scripted people
/// in the default binding's schema (docs/phone-ownership.md), and signs its answers with a sandbox gateway key.
/// </summary>
public sealed class SmartBridgeSimulator : IAsyncDisposable
{
    private readonly LoopbackHost _host;
    private readonly SmartBridgeSimulatorOptions _options;
    private readonly INcaSigner _gateway;
    private readonly ConcurrentDictionary<string, string> _phoneToIin = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _iinToPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sentCodes = new(StringComparer.Ordinal);
    private int _requests;
    private int _rejected;

    private SmartBridgeSimulator(LoopbackHost host, SmartBridgeSimulatorOptions options, INcaSigner gateway, Uri endpoint)
    {
        _host = host;
        _options = options;
        _gateway = gateway;
        Endpoint = endpoint;
        TrustStore = NcaTrustStore.Custom([options.Pki.RootCertificate], [options.Pki.IssuingCaCertificate]);
    }

    /// <summary>Gets the SyncChannel endpoint to put in <see cref="EGovPhoneOwnershipOptions.Endpoint"/>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the gateway certificate that signs the answers (for <see cref="EGovPhoneOwnershipOptions.GatewayCertificate"/>).</summary>
    public X509Certificate2 GatewayCertificate => _gateway.Certificate;

    /// <summary>Gets the trust store of the sandbox PKI (for <see cref="EGovPhoneOwnershipOptions.GatewayTrustStore"/>).</summary>
    public NcaTrustStore TrustStore { get; }

    /// <summary>Gets how many requests arrived.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Gets how many requests were refused (bad signature, wrong credentials, unknown service).</summary>
    public int RejectedCount => Volatile.Read(ref _rejected);

    /// <summary>Starts a simulator on a free loopback port.</summary>
    /// <param name="options">The options (the sandbox PKI is required).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<SmartBridgeSimulator> StartAsync(SmartBridgeSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Pki);
        INcaSigner gateway = options.Pki.IssueServiceCertificate("SANDBOX SMARTBRIDGE GATEWAY", SandboxServiceKind.InformationSystem);
        SmartBridgeSimulator? simulator = null;
        LoopbackHost host = await LoopbackHost.StartAsync(app => app.MapPost("/{**path}", (HttpContext http) => simulator!.HandleAsync(http)), cancellationToken).ConfigureAwait(false);
        simulator = new SmartBridgeSimulator(host, options, gateway, new Uri(host.BaseAddress, "bip-sync-wss-gost/"));
        return simulator;
    }

    /// <summary>Scripts a person: <paramref name="phoneNumber"/> is registered to <paramref name="iin"/> in the operators' data.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="phoneNumber">The registered number.</param>
    /// <returns>This simulator.</returns>
    public SmartBridgeSimulator Register(Iin iin, KzPhoneNumber phoneNumber)
    {
        _phoneToIin[phoneNumber.E164] = iin.Value;
        _iinToPhone[iin.Value] = phoneNumber.E164;
        return this;
    }

    /// <summary>Scripts a slow gateway for one person.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="delay">How long each answer takes.</param>
    /// <returns>This simulator.</returns>
    public SmartBridgeSimulator ScriptDelay(Iin iin, TimeSpan delay)
    {
        _delays[iin.Value] = delay;
        return this;
    }

    /// <summary>Scripts a SOAP fault for every request about one person.</summary>
    /// <param name="iin">The IIN.</param>
    /// <returns>This simulator.</returns>
    public SmartBridgeSimulator ScriptFault(Iin iin)
    {
        _faults[iin.Value] = true;
        return this;
    }

    /// <summary>Gets the last 1414 code "sent" to a person by the consent flow (what the borrower would type).</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="code">The code.</param>
    /// <returns>Whether a code was sent.</returns>
    public bool TryGetSentCode(Iin iin, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? code) => _sentCodes.TryGetValue(iin.Value, out code);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        XmlDocument request;
        try
        {
            request = SmartBridgeXml.Load(body, 4 * 1024 * 1024);
        }
        catch (SmartBridgeXmlException)
        {
            await RefuseAsync(http, "SOAP-ENV:Client", "Malformed request").ConfigureAwait(false);
            return;
        }

        XmlElement? soapBody = request.DocumentElement?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Body");
        if (soapBody is null)
        {
            await RefuseAsync(http, "SOAP-ENV:Client", "No Body").ConfigureAwait(false);
            return;
        }

        if (_options.RequireSignedRequests)
        {
            XmlSignatureVerificationResult check = NcaXmlSignatureVerifier.Verify(request, new XmlSignatureVerificationOptions
            {
                TrustStore = TrustStore,
                TimeProvider = _options.Pki.TimeProvider,
                AllowStackedSignatures = false,
                ExpectedSignedElement = _ => soapBody,
            });
            if (!check.IsValid || check.SignedElement != soapBody)
            {
                await RefuseAsync(http, "SOAP-ENV:Client", "Signature verification failed").ConfigureAwait(false);
                return;
            }
        }

        (string? messageId, string? serviceId, XmlElement? data) = SmartBridgeResponseBuilder.ReadRequest(request);
        string? senderId = request.GetElementsByTagName("senderId").OfType<XmlElement>().FirstOrDefault()?.InnerText;
        string? password = request.GetElementsByTagName("password").OfType<XmlElement>().FirstOrDefault()?.InnerText;
        if (_options.SenderId is not null && (senderId != _options.SenderId || password != _options.SenderPassword))
        {
            await RefuseAsync(http, "SOAP-ENV:Client", "Authentication failed").ConfigureAwait(false);
            return;
        }

        if (messageId is null || serviceId is null || data is null)
        {
            await RefuseAsync(http, "SOAP-ENV:Client", "Incomplete request").ConfigureAwait(false);
            return;
        }

        string type = data.GetAttribute("type", "http://www.w3.org/2001/XMLSchema-instance");
        string? iin = Child(data, "iin") ?? Child(data, "uin");
        if (iin is not null && _delays.TryGetValue(iin, out TimeSpan delay))
        {
            await Task.Delay(delay, http.RequestAborted).ConfigureAwait(false);
        }

        if (iin is not null && _faults.ContainsKey(iin))
        {
            await RefuseAsync(http, "SOAP-ENV:Server", "Internal error of the service provider").ConfigureAwait(false);
            return;
        }

        Action<XmlWriter>? answer = (serviceId, type) switch
        {
            var (s, t) when s == _options.DirectCheckServiceId && t == DefaultPhoneOwnershipBinding.DirectCheckRequestType => DirectCheck(data),
            var (s, t) when s == _options.ConsentServiceId && t == DefaultPhoneOwnershipBinding.ConsentRequestType => ConsentRequest(data),
            var (s, t) when s == _options.ConsentConfirmationServiceId && t == DefaultPhoneOwnershipBinding.ConsentConfirmationType => ConsentConfirmation(data),
            _ => null,
        };
        if (answer is null)
        {
            await RefuseAsync(http, "SOAP-ENV:Client", "Unknown service").ConfigureAwait(false);
            return;
        }

        XmlDocument response = SmartBridgeResponseBuilder.Response(messageId, null, "SCSS001", _options.Pki.TimeProvider.GetUtcNow(), answer, _options.EscapePayloads);
        await WsseEnvelopeSigner.SignAsync(response, _gateway, http.RequestAborted).ConfigureAwait(false);
        if (_options.IssuerSerialKeyInfo)
        {
            SmartBridgeResponseBuilder.UseIssuerSerialKeyInfo(response, _gateway.Certificate);
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/xml; charset=utf-8";
        await http.Response.Body.WriteAsync(SmartBridgeEnvelope.ToBytes(response), http.RequestAborted).ConfigureAwait(false);
    }

    private Action<XmlWriter> DirectCheck(XmlElement data)
    {
        string? iin = Child(data, "iin");
        string? phoneText = Child(data, "phoneNumber");
        string result = "UNKNOWN";
        string? phoneE164 = KzPhoneNumber.TryParse(phoneText, out KzPhoneNumber phone) ? phone.E164 : null;
        if (iin is not null && phoneE164 is not null)
        {
            result = !_phoneToIin.TryGetValue(phoneE164, out string? owner) ? "NOT_REGISTERED"
                : owner == iin ? "REGISTERED"
                : "REGISTERED_TO_OTHER_IIN";
        }

        return w =>
        {
            if (result != "REGISTERED_TO_OTHER_IIN" && iin is not null)
            {
                w.WriteElementString("iin", iin);
            }

            if (phoneText is not null)
            {
                w.WriteElementString("phoneNumber", phoneText);
            }

            w.WriteElementString("result", result);
        };
    }

    private Action<XmlWriter> ConsentRequest(XmlElement data)
    {
        string? iin = Child(data, "uin");
        bool omitSms = string.Equals(Child(data, "omit-sms"), "true", StringComparison.OrdinalIgnoreCase);
        string token = Guid.NewGuid().ToString("N");
        if (iin is null || omitSms || !_iinToPhone.ContainsKey(iin))
        {
            return w => w.WriteElementString("status", "NO_NUMBER");
        }

        string code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        _sentCodes[iin] = code + "|" + token;
        return w =>
        {
            w.WriteElementString("status", "OK");
            w.WriteElementString("code", token);
            w.WriteElementString("public-key", "sandbox");
        };
    }

    private Action<XmlWriter> ConsentConfirmation(XmlElement data)
    {
        string? iin = Child(data, "uin");
        string? smsCode = Child(data, "sms_code");
        string? token = Child(data, "request_code");
        if (iin is null || !_sentCodes.TryGetValue(iin, out string? sent) || !_iinToPhone.TryGetValue(iin, out string? phone))
        {
            return w => w.WriteElementString("status", "EXPIRED");
        }

        string[] parts = sent.Split('|');
        bool ok = smsCode is not null && token == parts[1] && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(smsCode), Encoding.ASCII.GetBytes(parts[0]));
        if (!ok)
        {
            return w => w.WriteElementString("status", "INVALID_CODE");
        }

        _sentCodes.TryRemove(iin, out _);
        return w =>
        {
            w.WriteElementString("status", "CONFIRMED");
            w.WriteElementString("uin", iin);
            w.WriteElementString("phoneNumber", phone[1..]);
        };
    }

    private async Task RefuseAsync(HttpContext http, string code, string text)
    {
        Interlocked.Increment(ref _rejected);
        http.Response.StatusCode = 500;
        http.Response.ContentType = "text/xml; charset=utf-8";
        await http.Response.Body.WriteAsync(SmartBridgeEnvelope.ToBytes(SmartBridgeResponseBuilder.Fault(code, text)), http.RequestAborted).ConfigureAwait(false);
    }

    private static string? Child(XmlElement data, string localName)
    {
        string? value = data.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName)?.InnerText.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}

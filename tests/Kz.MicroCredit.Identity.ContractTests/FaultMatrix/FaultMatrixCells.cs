using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.ContractTests.Biometrics;
using Kz.MicroCredit.Identity.ContractTests.Revocation;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>The faults of issue 14, one column of the matrix each.</summary>
public enum Fault
{
    ConnectionRefused,
    ResetMidHeaders,
    ResetMidBody,
    SlowHeaders,
    TrickledBody,
    Body100MbWithLength,
    Body100MbWithoutLength,
    ContentLengthMismatch,
    ServerErrorThenSuccess,
    TooManyRequestsWithRetryAfter,
    RedirectToOtherOrigin,
    WrongContentType,
    DuplicateKeys,
    Truncated,
    DeepNesting,
    UntrustedTls,
}

/// <summary>The remote calls of the SDK, one row of the matrix each.</summary>
public enum RemoteCall
{
    CeidToken,
    CeidMatch,
    CeidSession,
    SmartBridgeDirect,
    SmartBridgeConsent,
    LivenessStart,
    LivenessResult,
    LivenessMatch,
    Ocsp,
    Crl,
    Tsa,
}

/// <summary>How a call ended, normalised across clients.</summary>
/// <param name="Kind"><c>value</c> (an answer was accepted), <c>unavailable</c>, <c>timeout</c> or <c>protocol</c>.</param>
/// <param name="Detail">The client's own reason code or kind.</param>
/// <param name="Verified">Whether the answer would verify the borrower (must never be true under a fault).</param>
internal sealed record CellOutcome(string Kind, string Detail, bool Verified = false);

/// <summary>Runs one cell: a client against a fault on loopback, and asserts the three properties of issue 14.</summary>
internal static class FaultMatrixCells
{
    /// <summary>The budgets every cell configures (small, so the whole matrix stays fast).</summary>
    public static readonly TimeSpan Attempt = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Total = TimeSpan.FromSeconds(2);

    /// <summary>The cap of every JSON/XML/OCSP/TSA answer in the matrix.</summary>
    public const int Cap = 64 * 1024;

    /// <summary>Fixed, generous slack over the total budget: an upper bound against hangs on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(8);

    /// <summary>What the kernel buffers of both ends of a loopback connection may hold beyond what a client read.</summary>
    public const long KernelBuffers = 16L * 1024 * 1024;

    private const long Hostile = 100L * 1024 * 1024;
    private static readonly ConcurrentDictionary<(RemoteCall, Fault), string> Rows = new();
    private static readonly ConcurrentDictionary<RemoteCall, byte[]> Bodies = new();
    private static readonly Lazy<TestKeyPair> Ca = new(() => RevocationTestPki.CreateCa("Fault Matrix CA"));
    private static readonly Lazy<TestKeyPair> Leaf = new(() => RevocationTestPki.Issue(Ca.Value, "Fault Matrix Borrower"));

    public static TheoryData<RemoteCall, Fault> For(params RemoteCall[] calls)
    {
        var data = new TheoryData<RemoteCall, Fault>();
        foreach (RemoteCall call in calls)
        {
            foreach (Fault fault in Enum.GetValues<Fault>())
            {
                data.Add(call, fault);
            }
        }

        return data;
    }

    public static async Task RunAsync(RemoteCall call, Fault fault, ITestOutputHelper output)
    {
        int prelude = call is RemoteCall.CeidMatch or RemoteCall.CeidSession ? 1 : 0;
        await using var other = new LoopbackFaultServer(_ => new FaultBehaviour.Answer(200, ContentType(call), ValidBody(call)));
        FaultBehaviour Script(int i) => i < prelude ? FaultMatrixBodies.CeidToken() : Behaviour(call, fault, i - prelude, other.BaseUri);
        await using var server = new LoopbackFaultServer(Script, tls: fault == Fault.UntrustedTls);
        using System.Net.Sockets.Socket refusing = LoopbackFaultServer.RefusingPort();
        Uri baseUri = fault == Fault.ConnectionRefused
            ? new Uri("http://" + refusing.LocalEndPoint + "/")
            : server.BaseUri;
        _ = ValidBody(call); // the test PKI and answers are built once, outside any cell's clock

        var watch = Stopwatch.StartNew();
        CellOutcome outcome = await CallAsync(call, baseUri).WaitAsync(Total + Slack + Slack);
        TimeSpan elapsed = watch.Elapsed;

        string row = string.Create(CultureInfo.InvariantCulture, $"| {call} | {fault} | {outcome.Kind} ({outcome.Detail}) | {elapsed.TotalSeconds:0.00} s | {server.Requests} | {server.BodyBytesSent / 1024} KiB |");
        output.WriteLine(row);
        Rows[(call, fault)] = row;
        WriteTable();

        Assert.False(outcome.Verified, $"{call} × {fault} verified: {outcome}");
        Assert.True(elapsed <= Total + Slack, $"{call} × {fault} took {elapsed} (budget {Total} + slack {Slack})");
        Assert.True(server.BodyBytesSent <= CapOf(call) + KernelBuffers, $"{call} × {fault}: the server handed out {server.BodyBytesSent} bytes");
        Assert.Equal(0, other.Requests);
        string[] allowed = Expected(call, fault);
        Assert.True(allowed.Contains(outcome.Kind), $"{call} × {fault}: {outcome} not in [{string.Join(", ", allowed)}]");
    }

    /// <summary>Serves one hostile body of <paramref name="size"/> bytes to <paramref name="call"/>; returns the outcome and what the server handed out.</summary>
    public static async Task<(CellOutcome Outcome, long BodyBytesSent)> RunHostileAsync(RemoteCall call, long size, bool declareLength)
    {
        _ = ValidBody(call);
        int prelude = call is RemoteCall.CeidMatch or RemoteCall.CeidSession ? 1 : 0;
        byte[]? prefix = call == RemoteCall.Crl
            ? [0x30, 0x84, (byte)((size - 6) >> 24), (byte)((size - 6) >> 16), (byte)((size - 6) >> 8), (byte)(size - 6)] // a CRL header announcing the whole body
            : Prefix(call);
        await using var server = new LoopbackFaultServer(i => i < prelude
            ? FaultMatrixBodies.CeidToken()
            : new FaultBehaviour.HugeBody(ContentType(call), size, declareLength, prefix));
        CellOutcome outcome = await CallAsync(call, server.BaseUri).WaitAsync(Total + Slack + Slack);
        return (outcome, server.BodyBytesSent);
    }

    /// <summary>The outcomes a cell may end with: never a verification, and a failure of the right family.</summary>
    private static string[] Expected(RemoteCall call, Fault fault) => fault switch
    {
        Fault.ConnectionRefused or Fault.ResetMidHeaders or Fault.ResetMidBody or Fault.SlowHeaders or Fault.TrickledBody or Fault.ContentLengthMismatch or Fault.UntrustedTls
            => ["unavailable", "timeout"],
        Fault.Body100MbWithLength or Fault.Body100MbWithoutLength or Fault.RedirectToOtherOrigin or Fault.WrongContentType or Fault.DuplicateKeys or Fault.Truncated or Fault.DeepNesting
            => call switch
            {
                // SOAP: the gateway's WS-Security signature is what the answer is judged by; an unsigned or doubled one fails it.
                RemoteCall.SmartBridgeDirect or RemoteCall.SmartBridgeConsent => ["protocol", "signature"],

                // A CRL is signed: its media type is not checked (CAs serve it under several), a valid one still only revokes.
                RemoteCall.Crl when fault == Fault.WrongContentType => ["protocol", "value"],
                _ => ["protocol"],
            },

        // The answer after the fault is a valid but non-verifying one (or, for the DER services, one that fails its checks):
        // an idempotent call retries and gets it; a POST that may have been processed is not retried and ends unavailable.
        _ => ["value", "unavailable", "timeout", "protocol", "signature"],
    };

    private static long CapOf(RemoteCall call) => call == RemoteCall.Crl ? RevocationOptions.DefaultMaxCrlBytes : Cap;

    private static FaultBehaviour Behaviour(RemoteCall call, Fault fault, int index, Uri otherOrigin)
    {
        string type = ContentType(call);
        byte[] valid = ValidBody(call);
        return fault switch
        {
            Fault.ResetMidHeaders => new FaultBehaviour.ResetMidHeaders(),
            Fault.ResetMidBody => new FaultBehaviour.ResetMidBody(type, FaultMatrixBodies.Truncate(valid)),
            Fault.SlowHeaders => new FaultBehaviour.SlowHeaders(),
            Fault.TrickledBody => new FaultBehaviour.TrickleBody(type, TimeSpan.FromMilliseconds(200), valid.Length >= 64 ? valid : [.. valid, .. new byte[64]]),
            Fault.Body100MbWithLength => new FaultBehaviour.HugeBody(type, Hostile, DeclareLength: true, Prefix: Prefix(call)),
            Fault.Body100MbWithoutLength => new FaultBehaviour.HugeBody(type, Hostile, DeclareLength: false, Prefix: Prefix(call)),
            Fault.ContentLengthMismatch => new FaultBehaviour.Answer(200, type, valid[..(valid.Length / 2)], DeclaredLength: valid.Length),
            Fault.ServerErrorThenSuccess => index == 0 ? new FaultBehaviour.Answer(503, "text/plain", "busy"u8.ToArray()) : new FaultBehaviour.Answer(200, type, valid),
            Fault.TooManyRequestsWithRetryAfter => index == 0
                ? new FaultBehaviour.Answer(429, "text/plain", "slow down"u8.ToArray(), new Dictionary<string, string> { ["Retry-After"] = "1" })
                : new FaultBehaviour.Answer(200, type, valid),
            Fault.RedirectToOtherOrigin => new FaultBehaviour.Answer(302, null, [], new Dictionary<string, string> { ["Location"] = otherOrigin.ToString() }),
            Fault.WrongContentType => new FaultBehaviour.Answer(200, "text/html", valid),
            Fault.DuplicateKeys => new FaultBehaviour.Answer(200, type, Duplicated(call)),
            Fault.Truncated => new FaultBehaviour.Answer(200, type, FaultMatrixBodies.Truncate(valid)),
            Fault.DeepNesting => new FaultBehaviour.Answer(200, type, Format(call) switch
            {
                "json" => FaultMatrixBodies.DeepJson(Cap / 2 - 8),
                "xml" => FaultMatrixBodies.DeepXml(5000),
                _ => FaultMatrixBodies.DeepDer(5000),
            }),
            _ => new FaultBehaviour.Answer(200, type, valid), // ConnectionRefused and UntrustedTls never get here
        };
    }

    private static string Format(RemoteCall call) => call switch
    {
        RemoteCall.SmartBridgeDirect or RemoteCall.SmartBridgeConsent => "xml",
        RemoteCall.Ocsp or RemoteCall.Crl or RemoteCall.Tsa => "der",
        _ => "json",
    };

    private static string ContentType(RemoteCall call) => call switch
    {
        RemoteCall.SmartBridgeDirect or RemoteCall.SmartBridgeConsent => "text/xml; charset=utf-8",
        RemoteCall.Ocsp => "application/ocsp-response",
        RemoteCall.Crl => "application/pkix-crl",
        RemoteCall.Tsa => "application/timestamp-reply",
        _ => "application/json",
    };

    /// <summary>A well-formed answer that does not verify anybody (a valid CRL that revokes the borrower, a "no_match", a pending result…).</summary>
    /// <remarks>Built once per call: signing the test CRL takes long enough on a loaded machine to eat an attempt's budget.</remarks>
    private static byte[] ValidBody(RemoteCall call) => Bodies.GetOrAdd(call, BuildValidBody);

    private static byte[] BuildValidBody(RemoteCall call) => call switch
    {
        RemoteCall.CeidToken => """{"access_token":"tok-1","token_type":"Bearer","expires_in":300}"""u8.ToArray(),
        RemoteCall.CeidMatch => Encoding.UTF8.GetBytes(CeidContractHost.MatchAnswer("req-1", decision: "no_match", similarity: 0.1)),
        RemoteCall.CeidSession => Encoding.UTF8.GetBytes($$"""{"sessionId":"cs_1","redirectUrl":"https://ceid.example/hosted/cs_1","expiresAt":"{{DateTimeOffset.UtcNow.AddMinutes(10):O}}","status":"created"}"""),
        RemoteCall.LivenessStart => """{"sessionId":"ls_1","flowUrl":"https://liveness.example.kz/flow/ls_1","sdkToken":"tok"}"""u8.ToArray(),
        RemoteCall.LivenessResult => """{"sessionId":"ls_1","externalRef":"s-123","nonce":"n-456","status":"pending","attempts":0,"seq":1}"""u8.ToArray(),
        RemoteCall.LivenessMatch => """{"matchId":"m_1","score":0.1,"frameId":"fr_1","referenceSource":"state-photo"}"""u8.ToArray(),
        RemoteCall.SmartBridgeDirect or RemoteCall.SmartBridgeConsent => Encoding.UTF8.GetBytes(
            """<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns2:SendMessageResponse xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><response><responseInfo><messageId>x</messageId><status><code>SCSS001</code></status></responseInfo></response></ns2:SendMessageResponse></soap:Body></soap:Envelope>"""),
        RemoteCall.Crl => new TestCrlBuilder(Ca.Value.Certificate, Ca.Value.Signer)
        {
            ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-5),
            NextUpdate = DateTimeOffset.UtcNow.AddHours(1),
        }.Build([new TestCrlEntry(Leaf.Value.Certificate.SerialNumberBytes.ToArray(), DateTimeOffset.UtcNow.AddDays(-1), 1)]),

        // OCSP and TSA answers are signed and bound to the request's nonce: a fixed body is well-formed DER that fails the checks.
        _ => [0x30, 0x03, 0x0A, 0x01, 0x00],
    };

    /// <summary>The first bytes of a hostile body: what a real answer starts with, so that only size gives it away.</summary>
    private static byte[]? Prefix(RemoteCall call) => Format(call) switch
    {
        "json" => "{\"sessionId\":\""u8.ToArray(),
        "xml" => "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><!--"u8.ToArray(),
        _ => null,
    };

    /// <summary>The format's "same field twice": a JSON key, an XML element, a DER structure followed by a second one.</summary>
    private static byte[] Duplicated(RemoteCall call)
    {
        byte[] valid = ValidBody(call);
        string text = Encoding.UTF8.GetString(valid);
        return Format(call) switch
        {
            "json" => Encoding.UTF8.GetBytes(text.TrimEnd('}') + (call switch
            {
                RemoteCall.CeidMatch => ",\"decision\":\"match\"}",
                RemoteCall.CeidToken => ",\"access_token\":\"tok-2\"}",
                RemoteCall.CeidSession => ",\"sessionId\":\"cs_2\"}",
                RemoteCall.LivenessResult => ",\"status\":\"approved\"}",
                RemoteCall.LivenessMatch => ",\"score\":0.99}",
                _ => ",\"sessionId\":\"ls_2\"}",
            })),
            "xml" => Encoding.UTF8.GetBytes(text.Replace("<status><code>SCSS001</code></status>", "<status><code>SCSS001</code></status><status><code>SCSS001</code></status>", StringComparison.Ordinal)),
            _ => [.. valid, .. valid],
        };
    }

    private static async Task<CellOutcome> CallAsync(RemoteCall call, Uri baseUri)
    {
        switch (call)
        {
            case RemoteCall.CeidToken:
            case RemoteCall.CeidMatch:
            case RemoteCall.CeidSession:
                {
                    await using ServiceProvider sp = FaultMatrixClients.Ceid(baseUri, Attempt, Total, Cap);
                    KcmrCeidClient client = sp.GetRequiredService<KcmrCeidClient>();
                    if (call == RemoteCall.CeidSession)
                    {
                        CeidResult<CeidSessionCreated> session = await client.CreateSessionAsync(new CeidSessionRequest("req-1", Iin.Parse(CeidContractHost.DeclaredIin), "consent-1", null, null));
                        return session.Succeeded ? new CellOutcome("value", "session-created") : Ceid(session.Failure);
                    }

                    CeidResult<CeidMatchResult> match = await client.MatchAsync(CeidContractHost.MatchRequest());
                    return match.Succeeded
                        ? new CellOutcome("value", match.Value!.Decision.ToString(), match.Value.Decision == CeidMatchDecision.Match)
                        : Ceid(match.Failure);
                }

            case RemoteCall.SmartBridgeDirect:
            case RemoteCall.SmartBridgeConsent:
                {
                    await using ServiceProvider sp = FaultMatrixClients.SmartBridge(baseUri, Attempt, Total, Cap);
                    ISmartBridgeClient client = sp.GetRequiredService<ISmartBridgeClient>();
                    IPhoneOwnershipBinding binding = sp.GetRequiredService<IPhoneOwnershipBinding>();
                    var iin = Iin.Parse("880912300763");
                    var phone = KzPhoneNumber.Parse("+77011234567");
                    SmartBridgeCallResult result = call == RemoteCall.SmartBridgeDirect
                        ? await client.SendAsync("PHONE_CHECK", binding.CreateDirectCheckRequest(new PhoneOwnershipQuery(iin, phone)), CancellationToken.None)
                        : await client.SendAsync("KDP_SERVICE", binding.CreateConsentRequest(new PhoneConsentRequest
                        {
                            Iin = iin,
                            PhoneNumber = phone,
                            Company = "MFO",
                            CompanyBin = Bin.Parse("070840007503"),
                            CompanyResponsible = "Officer",
                            EmployeeName = "Employee",
                            AccessName = "Loan",
                            ExpiresIn = TimeSpan.FromMinutes(5),
                        }), CancellationToken.None);
                    if (result.Succeeded)
                    {
                        return new CellOutcome("value", result.StatusCode ?? "-", Verified: true);
                    }

                    ReasonCode failure = result.Failure!.Value;
                    return new CellOutcome(
                        failure == ReasonCode.Timeout ? "timeout"
                        : failure == ReasonCode.ProviderUnavailable ? "unavailable"
                        : failure == ReasonCode.SmartBridgeSignatureInvalid ? "signature"
                        : "protocol",
                        failure.Value);
                }

            case RemoteCall.LivenessStart:
            case RemoteCall.LivenessResult:
            case RemoteCall.LivenessMatch:
                {
                    await using ServiceProvider sp = FaultMatrixClients.Liveness(baseUri, Attempt, Total, Cap);
                    try
                    {
                        switch (call)
                        {
                            case RemoteCall.LivenessStart:
                                await sp.GetRequiredService<ILivenessProvider>().CreateSessionAsync(RealTimePhoto.HttpLivenessProviderContractTests.SessionRequest());
                                return new CellOutcome("value", "session-created");
                            case RemoteCall.LivenessResult:
                                LivenessResult result = await sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1");
                                return new CellOutcome("value", result.Decision.ToString(), result.Decision == LivenessDecision.Approved);
                            default:
                                FaceMatchResult match = await sp.GetRequiredService<IFaceMatchProvider>().MatchAsync(new FaceMatchRequest
                                {
                                    SessionId = "s-123",
                                    ProviderSessionId = "ls_1",
                                    ReferenceSource = FaceReferenceSource.StatePhotoViaProvider,
                                    SubjectIin = Iin.Parse("880912300763"),
                                });
                                return new CellOutcome("value", match.Score.ToString(CultureInfo.InvariantCulture), match.Score >= 0.8);
                        }
                    }
                    catch (LivenessProviderException ex)
                    {
                        return new CellOutcome(ex.Kind == LivenessProviderErrorKind.Protocol ? "protocol" : "unavailable", ex.Kind.ToString());
                    }
                }

            case RemoteCall.Ocsp:
            case RemoteCall.Crl:
                {
                    Uri endpoint = new(baseUri, call == RemoteCall.Crl ? "crl/base.crl" : "ocsp");
                    await using ServiceProvider sp = FaultMatrixClients.Revocation(Ca.Value, crl: call == RemoteCall.Crl ? endpoint : null, ocsp: call == RemoteCall.Ocsp ? endpoint : null, Attempt, Total);
                    RevocationCheckResult result = await sp.GetRequiredService<ICertificateRevocationChecker>()
                        .CheckAsync(new RevocationCheckRequest(Leaf.Value.Certificate, Ca.Value.Certificate, DateTimeOffset.UtcNow));
                    if (result.Status == RevocationStatus.Good)
                    {
                        return new CellOutcome("value", "good", Verified: true);
                    }

                    if (result.Status == RevocationStatus.Revoked)
                    {
                        return new CellOutcome("value", "revoked");
                    }

                    return Revocation(result.Failure);
                }

            default:
                {
                    await using ServiceProvider sp = FaultMatrixClients.Revocation(Ca.Value, crl: null, ocsp: null, Attempt, Total, tsa: new Uri(baseUri, "tsp"));
                    TimeStampResult result = await sp.GetRequiredService<ITimeStampAuthorityClient>().TimeStampAsync("evidence"u8.ToArray());
                    return result.IsGranted ? new CellOutcome("value", "granted", Verified: true) : Revocation(result.Failure);
                }
        }
    }

    private static CellOutcome Ceid(IReadOnlyList<ReasonCode> failure) => new(
        failure.Contains(ReasonCode.ProviderProtocolError) ? "protocol"
        : failure.Contains(ReasonCode.Timeout) ? "timeout"
        : "unavailable",
        string.Join("+", failure));

    private static CellOutcome Revocation(ReasonCode? failure)
    {
        string code = failure?.Value ?? "none";
        string kind = failure is null ? "unavailable"
            : code.EndsWith("Unavailable", StringComparison.Ordinal) ? "unavailable"
            : "protocol";
        return new CellOutcome(kind, code);
    }

    private static void WriteTable()
    {
        lock (Rows)
        {
            WriteTableLocked();
        }
    }

    private static void WriteTableLocked()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| call | fault | outcome (reason) | elapsed | requests | body bytes sent |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (KeyValuePair<(RemoteCall, Fault), string> row in Rows.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2))
        {
            sb.AppendLine(row.Value);
        }

        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "fault-matrix.md"), sb.ToString());
    }
}

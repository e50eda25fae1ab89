using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Kz.MicroCredit.Identity.Testing.Pki;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>
/// A loopback OCSP responder and CRL distribution point (base + delta) for one sandbox CA: a Kestrel minimal-API app on
/// <c>http://127.0.0.1:0</c>. Certificates can be revoked at runtime: a new revocation goes into the delta CRL (and the
/// OCSP answers) at once, and into the base CRL when <see cref="PublishBase"/> is called.
/// Endpoints: <c>POST /ocsp</c>, <c>GET /crl/base.crl</c>, <c>GET /crl/delta.crl</c>.
/// </summary>
public sealed class SandboxRevocationResponder : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly X509Certificate2 _issuer;
    private readonly ISignatureFactory _signer;
    private readonly TimeProvider _time;
    private readonly List<TestCrlEntry> _revoked = [];
    private readonly HashSet<string> _published = new(StringComparer.OrdinalIgnoreCase);
    private readonly SandboxPki? _pki;
    private WebApplication? _app;
    private long _baseNumber = 1;
    private long _deltaNumber = 2;

    private SandboxRevocationResponder(X509Certificate2 issuer, ISignatureFactory signer, TimeProvider time, SandboxPki? pki)
    {
        _issuer = issuer;
        _signer = signer;
        _time = time;
        _pki = pki;
    }

    /// <summary>Gets the root address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Gets the OCSP endpoint.</summary>
    public Uri OcspUrl => new(BaseAddress, "ocsp");

    /// <summary>Gets the base CRL endpoint.</summary>
    public Uri CrlUrl => new(BaseAddress, "crl/base.crl");

    /// <summary>Gets the delta CRL endpoint.</summary>
    public Uri DeltaCrlUrl => new(BaseAddress, "crl/delta.crl");

    /// <summary>Gets the root CRL endpoint (an empty CRL signed by the sandbox root; only with a <see cref="SandboxPki"/>).</summary>
    public Uri RootCrlUrl => new(BaseAddress, "crl/root.crl");

    /// <summary>Gets the CA this responder answers for.</summary>
    public X509Certificate2 Issuer => _issuer;

    /// <summary>Gets or sets how long CRLs and OCSP answers are valid (nextUpdate − thisUpdate). Default 1 day.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets the number of OCSP requests served.</summary>
    public int OcspRequests { get; private set; }

    /// <summary>Starts a responder for a CA.</summary>
    /// <param name="issuer">The CA certificate.</param>
    /// <param name="signer">Signs with the CA's key (CRLs and OCSP answers are signed by the CA itself).</param>
    /// <param name="timeProvider">The clock (default system).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running responder.</returns>
    public static Task<SandboxRevocationResponder> StartAsync(X509Certificate2 issuer, ISignatureFactory signer, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(signer);
        return StartCoreAsync(new SandboxRevocationResponder(issuer, signer, timeProvider ?? TimeProvider.System, null), cancellationToken);
    }

    /// <summary>
    /// Starts a responder for the issuing CA of a <see cref="SandboxPki"/>: it answers from the PKI's revocation list
    /// (<see cref="SandboxPki.Revoke"/>), signs with the PKI's CA key (GOST or RSA) and uses the PKI's clock.
    /// </summary>
    /// <param name="pki">The sandbox PKI.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running responder.</returns>
    public static Task<SandboxRevocationResponder> StartAsync(SandboxPki pki, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pki);
        return StartCoreAsync(new SandboxRevocationResponder(pki.IssuingCaCertificate, pki.IssuingCaSignatureFactory, pki.TimeProvider, pki), cancellationToken);
    }

    private static async Task<SandboxRevocationResponder> StartCoreAsync(SandboxRevocationResponder responder, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.MapPost("/ocsp", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            return Results.Bytes(responder.AnswerOcsp(buffer.ToArray()), "application/ocsp-response");
        });
        app.MapGet("/crl/base.crl", () => Results.Bytes(responder.BuildCrl(delta: false), "application/pkix-crl"));
        app.MapGet("/crl/delta.crl", () => Results.Bytes(responder.BuildCrl(delta: true), "application/pkix-crl"));
        app.MapGet("/crl/root.crl", () => responder._pki is null ? Results.NotFound() : Results.Bytes(responder.BuildRootCrl(), "application/pkix-crl"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        responder.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        responder._app = app;
        return responder;
    }

    /// <summary>Revokes a certificate from now on (delta CRL and OCSP at once; base CRL after <see cref="PublishBase"/>).</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="revokedAt">When (default now).</param>
    /// <param name="reason">The RFC 5280 reason (default 1, keyCompromise).</param>
    public void Revoke(X509Certificate2 certificate, DateTimeOffset? revokedAt = null, int reason = 1)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_gate)
        {
            if (_pki is not null)
            {
                _pki.Revoke(certificate, (SandboxRevocationReason)reason, revokedAt);
            }
            else
            {
                _revoked.Add(new TestCrlEntry(certificate.SerialNumberBytes.ToArray(), revokedAt ?? _time.GetUtcNow(), reason));
            }

            _deltaNumber++;
        }
    }

    /// <summary>Publishes a new base CRL that includes every revocation so far (the delta becomes empty).</summary>
    public void PublishBase()
    {
        lock (_gate)
        {
            foreach (TestCrlEntry entry in Entries())
            {
                _published.Add(Convert.ToHexString(entry.Serial));
            }

            _baseNumber = _deltaNumber + 1;
            _deltaNumber = _baseNumber + 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private byte[] BuildCrl(bool delta)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow().AddMinutes(-1);
            var builder = new TestCrlBuilder(_issuer, _signer)
            {
                ThisUpdate = now,
                NextUpdate = now + Validity,
                CrlNumber = delta ? _deltaNumber : _baseNumber,
                DeltaBaseCrlNumber = delta ? _baseNumber : null,
            };
            // The delta lists everything not yet in a published base (RFC 5280: changes since the base).
            return builder.Build(Entries().Where(e => _published.Contains(Convert.ToHexString(e.Serial)) != delta).ToArray());
        }
    }

    private byte[] AnswerOcsp(byte[] requestDer)
    {
        OcspReq request;
        try
        {
            request = new OcspReq(requestDer);
        }
#pragma warning disable CA1031 // a garbage request gets malformedRequest, as a real responder answers
        catch (Exception)
#pragma warning restore CA1031
        {
            return TestOcspResponseBuilder.Error(1);
        }

        CertificateID id = request.GetRequestList()[0].GetCertID();
        if (_pki is not null && KeyHashMatches(id, _pki.RootCertificate))
        {
            // A certificate issued by the root (the issuing CA): nothing is revoked at that level; signed by the root.
            DateTimeOffset at = _time.GetUtcNow().AddSeconds(-5);
            return new TestOcspResponseBuilder(_pki.RootCertificate, _pki.RootSignatureFactory) { ThisUpdate = at, NextUpdate = at + Validity }.Build(requestDer);
        }

        byte[] serial = id.SerialNumber.ToByteArrayUnsigned();
        var builder = new TestOcspResponseBuilder(_issuer, _signer) { TimeProvider = _time };
        DateTimeOffset now = _time.GetUtcNow().AddSeconds(-5);
        builder.ThisUpdate = now;
        builder.NextUpdate = now + Validity;
        lock (_gate)
        {
            OcspRequests++;
            TestCrlEntry? entry = Entries().FirstOrDefault(e => Trim(e.Serial).SequenceEqual(Trim(serial)));
            if (!IssuerMatches(id))
            {
                builder.Status = TestOcspCertStatus.Unknown;
            }
            else if (entry is not null)
            {
                builder.Status = TestOcspCertStatus.Revoked;
                builder.RevokedAt = entry.RevokedAt;
                builder.RevocationReason = entry.Reason;
            }
        }

        return builder.Build(requestDer);
    }

    private IEnumerable<TestCrlEntry> Entries() => _pki is null
        ? _revoked
        : _pki.RevokedCertificates.Select(r => new TestCrlEntry(Convert.FromHexString(r.SerialNumber.Length % 2 == 0 ? r.SerialNumber : "0" + r.SerialNumber), r.RevokedAt, (int)r.Reason));

    private byte[] BuildRootCrl()
    {
        DateTimeOffset now = _time.GetUtcNow().AddMinutes(-1);
        return new TestCrlBuilder(_pki!.RootCertificate, _pki.RootSignatureFactory) { ThisUpdate = now, NextUpdate = now + Validity, CrlNumber = 1 }.Build([]);
    }

    private bool IssuerMatches(CertificateID id) => KeyHashMatches(id, _issuer);

    private static bool KeyHashMatches(CertificateID id, X509Certificate2 issuer)
    {
        try
        {
            string oid = id.HashAlgOid;
            byte[] keyHash = Cryptography.NcaDigests.Compute(oid, issuer.PublicKey.EncodedKeyValue.RawData, allowSha1: true);
            return keyHash.AsSpan().SequenceEqual(id.GetIssuerKeyHash());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static ReadOnlySpan<byte> Trim(byte[] serial)
    {
        int i = 0;
        while (i < serial.Length - 1 && serial[i] == 0)
        {
            i++;
        }

        return serial.AsSpan(i);
    }
}

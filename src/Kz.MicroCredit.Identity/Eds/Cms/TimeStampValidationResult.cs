using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Cms;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The outcome of validating a timestamp token.</summary>
public sealed class TimeStampValidationResult
{
    internal TimeStampValidationResult(ReasonCode? failure, DateTimeOffset? genTime, X509Certificate2? tsaCertificate, IReadOnlyList<X509Certificate2> path, string? policyOid, string? imprintAlgorithmOid)
    {
        Failure = failure;
        GenTime = genTime;
        TsaCertificate = tsaCertificate;
        Path = path;
        PolicyOid = policyOid;
        ImprintAlgorithmOid = imprintAlgorithmOid;
    }

    /// <summary>Gets a value indicating whether the token is valid.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets why not.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the token time (only when valid).</summary>
    public DateTimeOffset? GenTime { get; }

    /// <summary>Gets the TSA certificate (only when valid).</summary>
    public X509Certificate2? TsaCertificate { get; }

    /// <summary>Gets the TSA path.</summary>
    public IReadOnlyList<X509Certificate2> Path { get; }

    /// <summary>Gets the TSA policy OID.</summary>
    public string? PolicyOid { get; }

    /// <summary>Gets the imprint digest OID.</summary>
    public string? ImprintAlgorithmOid { get; }

    internal static TimeStampValidationResult Fail(ReasonCode reason) => new(reason, null, null, [], null, null);
}

using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>What an OCSP answer is checked against.</summary>
/// <param name="Now">The current instant.</param>
/// <param name="ClockSkew">The tolerated clock difference.</param>
internal sealed record OcspValidationParameters(DateTimeOffset Now, TimeSpan ClockSkew)
{
    /// <summary>Gets the CertID hash algorithm that was requested; <see langword="null"/> accepts the response's one when supported.</summary>
    public string? HashAlgorithmOid { get; init; }

    /// <summary>Gets the nonce that was sent, if any.</summary>
    public byte[]? Nonce { get; init; }

    /// <summary>Gets whether an echoed nonce is required.</summary>
    public bool RequireNonce { get; init; }

    /// <summary>Gets the responder URL for the evidence.</summary>
    public string? Url { get; init; }
}

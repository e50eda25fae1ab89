using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Kz.MicroCredit.Identity.Testing.Revocation;

/// <summary>One revoked certificate of a test CRL.</summary>
/// <param name="Serial">The serial (big-endian magnitude).</param>
/// <param name="RevokedAt">The revocation instant.</param>
/// <param name="Reason">The RFC 5280 reason code, or <see langword="null"/> for none.</param>
public sealed record TestCrlEntry(byte[] Serial, DateTimeOffset RevokedAt, int? Reason = null);

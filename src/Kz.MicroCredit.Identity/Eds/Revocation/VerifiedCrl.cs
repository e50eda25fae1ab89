using System.Security.Cryptography;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>A CRL that was verified against an issuer, with where it came from.</summary>
/// <param name="Document">The parsed CRL.</param>
/// <param name="Origin">The pinned URL or file name (for evidence).</param>
internal sealed record VerifiedCrl(CrlDocument Document, string Origin);

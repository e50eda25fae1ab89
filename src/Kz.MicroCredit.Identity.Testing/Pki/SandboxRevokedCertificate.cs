using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Testing.Pki;

/// <summary>A revoked certificate of a <see cref="SandboxPki"/>.</summary>
/// <param name="SerialNumber">The serial number, upper-case hex as <c>X509Certificate2.SerialNumber</c>.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Why.</param>
public sealed record SandboxRevokedCertificate(string SerialNumber, DateTimeOffset RevokedAt, SandboxRevocationReason Reason);

using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The explicit opt-out: reports <see cref="RevocationStatus.NotChecked"/> for everything.</summary>
internal sealed class NoRevocationChecker : ICertificateRevocationChecker
{
    /// <summary>Gets the shared instance.</summary>
    public static NoRevocationChecker Instance { get; } = new();

    /// <inheritdoc />
    public Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(RevocationCheckResult.NotChecked);
}

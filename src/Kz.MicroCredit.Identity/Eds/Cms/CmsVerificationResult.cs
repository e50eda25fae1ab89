using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The outcome of verifying a CMS.</summary>
public sealed class CmsVerificationResult
{
    internal CmsVerificationResult(ReasonCode? failure, IReadOnlyList<CmsSignerResult> signers, ReadOnlyMemory<byte> content, bool detached)
    {
        Failure = failure;
        Signers = signers;
        SignedContent = failure is null ? content : default;
        IsDetached = detached;
    }

    /// <summary>Gets a value indicating whether every signer is valid and trusted.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets the first failure.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the signers in SignerInfos order.</summary>
    public IReadOnlyList<CmsSignerResult> Signers { get; }

    /// <summary>Gets the verified signed content (empty unless valid).</summary>
    public ReadOnlyMemory<byte> SignedContent { get; }

    /// <summary>Gets a value indicating whether the CMS was detached.</summary>
    public bool IsDetached { get; }

    internal static CmsVerificationResult Fail(ReasonCode reason) => new(reason, [], default, false);
}

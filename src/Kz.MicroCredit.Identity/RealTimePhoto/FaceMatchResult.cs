namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A face-match answer.</summary>
public sealed record FaceMatchResult
{
    /// <summary>Gets the provider's match id.</summary>
    public string? MatchId { get; init; }

    /// <summary>Gets the similarity score in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Gets the live frame id the provider compared.</summary>
    public string? FrameId { get; init; }

    /// <summary>Gets the reference source the provider used.</summary>
    public FaceReferenceSource? ReferenceSource { get; init; }

    /// <summary>Gets the raw provider answer (UTF-8 JSON without images); may be empty.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }
}

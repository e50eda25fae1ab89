namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A liveness session's result as the provider reports it (polled or from a webhook).</summary>
public sealed record LivenessResult
{
    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets the external reference the provider echoes (must be the library's session id).</summary>
    public string? ExternalReference { get; init; }

    /// <summary>Gets the nonce the provider echoes (must be the session nonce).</summary>
    public string? Nonce { get; init; }

    /// <summary>Gets the decision.</summary>
    public required LivenessDecision Decision { get; init; }

    /// <summary>Gets the provider's reason text or code, kept as evidence (never shown to logs).</summary>
    public string? ProviderReason { get; init; }

    /// <summary>Gets the number of attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the commands the borrower performed, in order.</summary>
    public IReadOnlyList<LivenessCommand> CommandsPerformed { get; init; } = [];

    /// <summary>Gets the liveness score in [0, 1], if reported.</summary>
    public double? LivenessScore { get; init; }

    /// <summary>Gets when the live frame was captured.</summary>
    public DateTimeOffset? CapturedAt { get; init; }

    /// <summary>Gets the provider's id of the best live frame.</summary>
    public string? FrameId { get; init; }

    /// <summary>Gets the lower-case hex SHA-256 of the live frame as the provider reports it (never the frame).</summary>
    public string? FrameSha256 { get; init; }

    /// <summary>Gets the device and injection signals.</summary>
    public LivenessSignals Signals { get; init; } = new();

    /// <summary>Gets the event sequence number (webhooks; higher is newer).</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the raw provider answer (UTF-8 JSON without images), kept as evidence; may be empty.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"LivenessResult {{ ProviderSessionId = {ProviderSessionId}, Decision = {Decision}, Attempts = {Attempts} }}";
}

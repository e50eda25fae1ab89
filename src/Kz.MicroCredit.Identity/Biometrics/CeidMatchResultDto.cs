using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidMatchResultDto
{
    public required string RequestId { get; init; }

    public required string MatchId { get; init; }

    public required string ProviderId { get; init; }

    public required string Decision { get; init; }

    public required double Similarity { get; init; }

    public required CeidLivenessDto Liveness { get; init; }

    public required string ReferenceSource { get; init; }

    public required string Iin { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
#pragma warning restore CA1812

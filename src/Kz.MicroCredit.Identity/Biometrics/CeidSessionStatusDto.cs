using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidSessionStatusDto
{
    public required string SessionId { get; init; }

    public required string Status { get; init; }

    public CeidMatchResultDto? Result { get; init; }
}
#pragma warning restore CA1812

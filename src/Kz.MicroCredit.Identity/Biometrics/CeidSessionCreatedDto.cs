using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidSessionCreatedDto
{
    public required string SessionId { get; init; }

    public required string RedirectUrl { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required string Status { get; init; }
}
#pragma warning restore CA1812

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidSessionRequestDto
{
    public required string RequestId { get; init; }

    public required string Iin { get; init; }

    public required string ConsentReference { get; init; }

    public string? ReturnUrl { get; init; }

    public string? CallbackUrl { get; init; }
}
#pragma warning restore CA1812

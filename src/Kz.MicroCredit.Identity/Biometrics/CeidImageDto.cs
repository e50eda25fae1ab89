using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidImageDto
{
    public required string Format { get; init; }

    public required ReadOnlyMemory<byte> Data { get; init; }
}
#pragma warning restore CA1812

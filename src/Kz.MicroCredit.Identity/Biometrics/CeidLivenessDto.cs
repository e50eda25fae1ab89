using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
internal sealed class CeidLivenessDto
{
    public required bool Passed { get; init; }
}
#pragma warning restore CA1812

using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.Telemetry;

/// <summary>The SDK's meter and activity source are static: telemetry tests run alone so no other test's measurements mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    /// <summary>The collection name.</summary>
    public const string Name = "Telemetry";
}

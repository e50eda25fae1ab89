using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity;

/// <summary>State-store log messages (event ids 1090–1099): store names only, never a key or a value.</summary>
internal static partial class StateLog
{
    [LoggerMessage(1090, LogLevel.Warning, "Single-instance state stores in Production: {Stores}. They keep state in this process only; behind a load balancer use a shared store (AddRedisState) or set StateStoreOptions.FailOnSingleInstanceStoresInProduction")]
    public static partial void SingleInstanceStoresInProduction(ILogger logger, string stores);
}

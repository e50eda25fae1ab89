using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>One redis-server shared by the tests of the <see cref="RedisServerGroup"/> (they run one after another).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RedisServerGroup : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

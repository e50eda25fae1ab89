using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>Shared secrets for the tests: what every instance of a farm would read from its secret store.</summary>
internal static class TestSecrets
{
    public const string KeyId = "k1";

    public static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static void Apply(RedisStateOptions o, string prefix)
    {
        o.KeyPrefix = prefix;
        o.ActiveKeyId = KeyId;
        o.Keys[KeyId] = Key1;
        o.OperationTimeout = TimeSpan.FromSeconds(5);
    }

    public static RedisStateConnection Connection(string connectionString, string prefix, string activeKeyId = KeyId)
    {
        var options = new RedisStateOptions { Configuration = connectionString };
        Apply(options, prefix);
        options.Keys["k2"] = Key2;
        options.ActiveKeyId = activeKeyId;
        IOptions<RedisStateOptions> wrapped = Options.Create(options);
        return new RedisStateConnection(wrapped, new RedisStateSecrets(wrapped));
    }
}
